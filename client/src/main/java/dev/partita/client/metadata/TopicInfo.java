package dev.partita.client.metadata;

import dev.partita.protocol.message.TopicKey;
import java.util.List;

/** A topic known to exist: its generated log id and its partitions, indexed by number. Immutable. */
public record TopicInfo(TopicKey topic, String logId, List<PartitionInfo> partitions) {

    public TopicInfo {
        partitions = List.copyOf(partitions);
    }

    public int partitionCount() {
        return partitions.size();
    }

    /** The partition with this number, or null if the topic has fewer partitions. */
    public PartitionInfo partition(int partition) {
        return partition >= 0 && partition < partitions.size() ? partitions.get(partition) : null;
    }
}
