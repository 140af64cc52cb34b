package dev.partita.broker.controller;

import dev.partita.broker.zk.InvalidReplicationFactorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Decides which brokers hold each partition of a new log: round robin over the live brokers,
 * partition {@code p} starting at broker {@code (start + p) mod n} and taking the next {@code rf - 1}
 * brokers as followers. The first replica is the preferred leader, so leaders spread evenly too.
 *
 * <p>Rack awareness: when brokers name racks, the order they are dealt in alternates racks
 * ({@link #rackAlternating}), so consecutive brokers, hence the replicas of one partition, sit on
 * different racks as long as the replication factor does not exceed the number of racks (and the
 * racks hold similar numbers of brokers). Pure functions.
 */
public final class ReplicaAssignment {

    private ReplicaAssignment() {
    }

    /**
     * The live brokers in dealing order: by id when no broker names a rack; otherwise one broker of
     * each rack in turn (racks by name, brokers by id within a rack, brokers without a rack forming
     * one rack of their own).
     *
     * @param racks live broker id -> rack name or null
     */
    public static List<Integer> rackAlternating(SortedMap<Integer, String> racks) {
        if (racks.values().stream().allMatch(java.util.Objects::isNull)) {
            return List.copyOf(racks.keySet());
        }
        SortedMap<String, java.util.Deque<Integer>> byRack = new TreeMap<>();
        racks.forEach((id, rack) -> byRack.computeIfAbsent(rack == null ? "" : rack, r -> new java.util.ArrayDeque<>()).add(id));
        List<Integer> order = new ArrayList<>(racks.size());
        while (order.size() < racks.size()) {
            for (java.util.Deque<Integer> rack : byRack.values()) {
                if (!rack.isEmpty()) {
                    order.add(rack.poll());
                }
            }
        }
        return order;
    }

    /**
     * @param partitions        number of partitions, at least 1
     * @param replicationFactor replicas per partition
     * @param liveBrokers       live broker ids in dealing order (e.g. {@link #rackAlternating}), no duplicates
     * @param start             rotation of the first partition's leader (e.g. derived from the log id)
     * @return partition -> replicas, preferred leader first
     * @throws InvalidReplicationFactorException if the factor is below 1 or above the live broker count
     */
    public static Map<Integer, List<Integer>> assign(int partitions, int replicationFactor, List<Integer> liveBrokers, int start) {
        int n = liveBrokers.size();
        if (replicationFactor < 1 || replicationFactor > n) {
            throw new InvalidReplicationFactorException("Replication factor " + replicationFactor
                    + " cannot be met by " + n + " live broker(s) " + liveBrokers);
        }
        Map<Integer, List<Integer>> assignment = new LinkedHashMap<>();
        for (int p = 0; p < partitions; p++) {
            List<Integer> replicas = new ArrayList<>(replicationFactor);
            for (int r = 0; r < replicationFactor; r++) {
                replicas.add(liveBrokers.get(Math.floorMod(start + p + r, n)));
            }
            assignment.put(p, List.copyOf(replicas));
        }
        return assignment;
    }
}
