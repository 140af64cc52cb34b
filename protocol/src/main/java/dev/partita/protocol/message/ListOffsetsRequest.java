package dev.partita.protocol.message;

import java.util.List;
import java.util.Objects;

/**
 * Finds offsets by timestamp: the first offset whose timestamp is at or after the given one, or
 * the log start ({@link #EARLIEST_TIMESTAMP}) or end ({@link #LATEST_TIMESTAMP}).
 */
public record ListOffsetsRequest(int replicaId, IsolationLevel isolation, List<ListOffsetsTopic> topics)
        implements ApiRequest {

    public static final long EARLIEST_TIMESTAMP = -2L;
    public static final long LATEST_TIMESTAMP = -1L;

    public ListOffsetsRequest {
        Objects.requireNonNull(isolation, "isolation");
        topics = List.copyOf(topics);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.LIST_OFFSETS; }

    public record ListOffsetsTopic(TopicKey topic, List<ListOffsetsPartition> partitions) {
        public ListOffsetsTopic {
            Objects.requireNonNull(topic, "topic");
            partitions = List.copyOf(partitions);
        }
    }

    public record ListOffsetsPartition(int partition, int currentLeaderEpoch, long timestamp) { }
}
