package dev.partita.broker.zk;

import java.util.List;

/**
 * Leadership of one partition, as the controller last wrote it to
 * {@code logs/<logId>/partitions/<p>/state}.
 *
 * @param replicas        brokers assigned to hold the partition, preferred leader first
 * @param leader          broker id of the leader, or {@link #NO_LEADER} when no in-sync replica is alive
 * @param leaderEpoch     bumped by the controller on every leader change; starts at 0
 * @param isr             in-sync replicas; when every one of them is dead it keeps the last set
 *                        (with leader {@code -1}) so that one of them, not a stale replica, leads next
 * @param controllerEpoch epoch of the controller that wrote this state
 * @param zkVersion       version of the ZooKeeper node it was read from ({@code -1} if not read from
 *                        ZooKeeper); the controller's next write of it is a compare-and-set on it.
 *                        Not part of the stored bytes.
 */
public record PartitionState(List<Integer> replicas, int leader, int leaderEpoch, List<Integer> isr,
                             int controllerEpoch, int zkVersion) {

    /** Leader id meaning "no leader": the partition is offline. */
    public static final int NO_LEADER = -1;

    public PartitionState {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }

    public boolean hasLeader() {
        return leader != NO_LEADER;
    }

    /** The same state as read from a node of the given version. */
    public PartitionState withZkVersion(int version) {
        return new PartitionState(replicas, leader, leaderEpoch, isr, controllerEpoch, version);
    }
}
