package dev.partita.protocol.message;

import java.util.List;
import java.util.Objects;

/** Live brokers, the controller (-1 if none) and the requested topics with their partitions. */
public record MetadataResponse(List<BrokerInfo> brokers, int controllerId, List<TopicMetadata> topics)
        implements ApiResponse {

    public static final int NO_CONTROLLER = -1;

    public MetadataResponse {
        brokers = List.copyOf(brokers);
        topics = List.copyOf(topics);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.METADATA; }

    /** A broker and where it listens; {@code rack} may be null. */
    public record BrokerInfo(int id, String host, int port, String rack) {
        public BrokerInfo {
            Objects.requireNonNull(host, "host");
        }
    }

    /**
     * One topic: its error (NONE, UNKNOWN_TOPIC_OR_PARTITION, ...), key, generated log id (null
     * when the error is not NONE) and partitions.
     */
    public record TopicMetadata(Errors error, TopicKey topic, String logId, List<PartitionMetadata> partitions) {
        public TopicMetadata {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(topic, "topic");
            partitions = List.copyOf(partitions);
        }
    }

    /** One partition: leader ({@link #NO_LEADER} if none), leader epoch, replicas and in-sync replicas. */
    public record PartitionMetadata(Errors error, int partition, int leaderId, int leaderEpoch,
                                    List<Integer> replicas, List<Integer> isr) {
        public static final int NO_LEADER = -1;

        public PartitionMetadata {
            Objects.requireNonNull(error, "error");
            replicas = List.copyOf(replicas);
            isr = List.copyOf(isr);
        }
    }
}
