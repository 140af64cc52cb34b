package dev.partita.broker.controller;

import dev.partita.broker.zk.PartitionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Partition leadership decisions of the controller. Pure functions of the current state and the set
 * of live brokers.
 *
 * <ul>
 *   <li>A new partition: leader = first replica, leader epoch 0, ISR = all replicas.</li>
 *   <li>On a broker change: dead brokers leave the ISR. A live leader stays. Otherwise the new leader
 *       is the first replica (in assignment order) that is alive and in the ISR, and the leader epoch
 *       goes up by one on every change of leader.</li>
 *   <li>Unclean election is off: if no ISR member is alive the leader becomes {@code -1} and the ISR
 *       is kept as it was, so only one of those replicas (which have every acknowledged record) can
 *       lead when it returns.</li>
 * </ul>
 */
public final class LeaderElection {

    private LeaderElection() {
    }

    public static PartitionState initial(List<Integer> replicas, int controllerEpoch) {
        return new PartitionState(replicas, replicas.get(0), 0, replicas, controllerEpoch, -1);
    }

    /**
     * The state the partition should have with these live brokers, or empty if it already has it.
     * The result keeps {@code current}'s node version, against which the write is a compare-and-set.
     */
    public static Optional<PartitionState> onBrokersChanged(PartitionState current, Set<Integer> liveBrokers, int controllerEpoch) {
        List<Integer> liveIsr = new ArrayList<>();
        for (int replica : current.isr()) {
            if (liveBrokers.contains(replica)) {
                liveIsr.add(replica);
            }
        }
        int leader;
        List<Integer> isr;
        if (liveIsr.isEmpty()) {
            leader = PartitionState.NO_LEADER;
            isr = current.isr();
        } else if (current.hasLeader() && liveIsr.contains(current.leader())) {
            leader = current.leader();
            isr = liveIsr;
        } else {
            leader = preferredAmong(current.replicas(), liveIsr);
            isr = liveIsr;
        }
        if (leader == current.leader() && isr.equals(current.isr())) {
            return Optional.empty();
        }
        int leaderEpoch = leader == current.leader() ? current.leaderEpoch() : current.leaderEpoch() + 1;
        return Optional.of(new PartitionState(current.replicas(), leader, leaderEpoch, isr, controllerEpoch, current.zkVersion()));
    }

    private static int preferredAmong(List<Integer> replicas, List<Integer> candidates) {
        for (int replica : replicas) {
            if (candidates.contains(replica)) {
                return replica;
            }
        }
        return candidates.get(0); // an ISR member outside the replica list cannot happen; stay safe anyway
    }
}
