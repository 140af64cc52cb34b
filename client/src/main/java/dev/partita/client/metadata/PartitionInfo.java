package dev.partita.client.metadata;

import java.util.List;

/**
 * What metadata says about one partition: its leader ({@link #NO_LEADER} while none is elected),
 * the leader epoch (sent with fetches so a stale leader is detected), replicas and in-sync
 * replicas. Immutable.
 */
public record PartitionInfo(TopicPartition topicPartition, int leaderId, int leaderEpoch,
                            List<Integer> replicas, List<Integer> isr) {

    public static final int NO_LEADER = -1;

    public PartitionInfo {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }

    public boolean hasLeader() {
        return leaderId != NO_LEADER;
    }
}
