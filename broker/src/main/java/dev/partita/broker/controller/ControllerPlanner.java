package dev.partita.broker.controller;

import dev.partita.broker.zk.InvalidReplicationFactorException;
import dev.partita.broker.zk.LogPartition;
import dev.partita.broker.zk.LogSnapshot;
import dev.partita.broker.zk.PartitionState;
import dev.partita.broker.zk.TopicInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The controller's decisions, as a pure function from what ZooKeeper holds (destinations, logs,
 * live brokers) to the writes that bring the logs in line. Level-triggered: whatever event woke the
 * controller, it plans from the whole picture, so a missed or repeated event changes nothing.
 *
 * <ol>
 *   <li>A destination whose log has no partition state gets its replicas assigned
 *       ({@link ReplicaAssignment}) and initial states ({@link LeaderElection#initial}); if there are
 *       too few live brokers the error is recorded instead (and planned again on the next change).</li>
 *   <li>A log that no destination references any more is removed.</li>
 *   <li>Every partition's leader and ISR follow the live brokers ({@link LeaderElection#onBrokersChanged}).</li>
 * </ol>
 */
public final class ControllerPlanner {

    private ControllerPlanner() {
    }

    /** Plans with brokers that name no rack. */
    public static List<ControllerAction> plan(Collection<TopicInfo> topics, Map<String, LogSnapshot> logs,
                                              SortedSet<Integer> liveBrokers, int controllerEpoch) {
        SortedMap<Integer, String> noRacks = new TreeMap<>();
        liveBrokers.forEach(id -> noRacks.put(id, null));
        return plan(topics, logs, noRacks, controllerEpoch);
    }

    /**
     * @param topics          every registered destination
     * @param logs            every log under {@code logs/}, by log id
     * @param liveRacks       live broker id -> its rack (or null)
     * @param controllerEpoch epoch stamped into the states written
     * @return the writes to make, in order
     */
    public static List<ControllerAction> plan(Collection<TopicInfo> topics, Map<String, LogSnapshot> logs,
                                              SortedMap<Integer, String> liveRacks, int controllerEpoch) {
        List<ControllerAction> actions = new ArrayList<>();
        Set<Integer> liveBrokers = liveRacks.keySet();
        List<Integer> live = ReplicaAssignment.rackAlternating(liveRacks);
        Set<String> referenced = new HashSet<>();
        for (TopicInfo topic : topics) {
            referenced.add(topic.logId());
            LogSnapshot log = logs.get(topic.logId());
            if (log == null || log.partitions().isEmpty()) {
                assign(topic, live, controllerEpoch, log == null ? null : log.assignmentError()).ifPresent(actions::add);
            }
        }
        for (LogSnapshot log : logs.values()) {
            if (!referenced.contains(log.logId())) {
                actions.add(new ControllerAction.RemoveLog(log.logId()));
                continue;
            }
            for (Map.Entry<Integer, PartitionState> e : log.partitions().entrySet()) {
                Optional<PartitionState> next = LeaderElection.onBrokersChanged(e.getValue(), liveBrokers, controllerEpoch);
                if (next.isPresent()) {
                    actions.add(new ControllerAction.UpdatePartition(
                            new LogPartition(log.logId(), e.getKey()), e.getValue(), next.get()));
                }
            }
        }
        return actions;
    }

    private static Optional<ControllerAction> assign(TopicInfo topic, List<Integer> live, int controllerEpoch, String recordedError) {
        Map<Integer, List<Integer>> replicas;
        try {
            replicas = ReplicaAssignment.assign(topic.partitions(), topic.replicationFactor(), live,
                    Math.floorMod(topic.logId().hashCode(), Math.max(1, live.size())));
        } catch (InvalidReplicationFactorException e) {
            String message = "Cannot assign " + topic.topic() + ": " + e.getMessage();
            return message.equals(recordedError) ? Optional.empty() // already recorded
                    : Optional.of(new ControllerAction.RecordAssignmentError(topic.logId(), message));
        }
        Map<Integer, PartitionState> states = new LinkedHashMap<>();
        replicas.forEach((p, r) -> states.put(p, LeaderElection.initial(r, controllerEpoch)));
        return Optional.of(new ControllerAction.CreateLog(topic.logId(), states));
    }
}
