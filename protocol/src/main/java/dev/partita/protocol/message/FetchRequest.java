package dev.partita.protocol.message;

import java.util.List;
import java.util.Objects;

/**
 * Reads records from partitions, long polling: the broker answers once {@code minBytes} are
 * available or {@code maxWaitMs} passed. {@code replicaId} is -1 for consumers (a broker id for
 * follower fetches later). {@code maxBytes} bounds the whole response, {@code partitionMaxBytes}
 * each partition (the first batch is returned whole even when larger, so progress is possible).
 */
public record FetchRequest(int replicaId, int maxWaitMs, int minBytes, int maxBytes, IsolationLevel isolation,
                           List<FetchTopic> topics) implements ApiRequest {

    public static final int CONSUMER_REPLICA_ID = -1;

    public FetchRequest {
        Objects.requireNonNull(isolation, "isolation");
        topics = List.copyOf(topics);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.FETCH; }

    public record FetchTopic(TopicKey topic, List<FetchPartition> partitions) {
        public FetchTopic {
            Objects.requireNonNull(topic, "topic");
            partitions = List.copyOf(partitions);
        }
    }

    /** {@code currentLeaderEpoch} is -1 when unknown (no fencing). */
    public record FetchPartition(int partition, int currentLeaderEpoch, long fetchOffset, int partitionMaxBytes) {
        public static final int UNKNOWN_LEADER_EPOCH = -1;
    }
}
