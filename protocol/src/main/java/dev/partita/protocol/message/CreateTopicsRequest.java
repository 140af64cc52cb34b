package dev.partita.protocol.message;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Creates topics. The broker answers after the topics are registered (or after
 * {@code timeoutMs}); {@code validateOnly} checks without creating.
 */
public record CreateTopicsRequest(List<CreatableTopic> topics, int timeoutMs, boolean validateOnly)
        implements ApiRequest {

    public CreateTopicsRequest {
        topics = List.copyOf(topics);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.CREATE_TOPICS; }

    /**
     * One topic to create. {@code numPartitions} and {@code replicationFactor} of -1 mean the
     * broker's default; {@code configs} override log settings (keys as in LogConfig).
     */
    public record CreatableTopic(TopicKey topic, int numPartitions, short replicationFactor,
                                 Map<String, String> configs) {
        public static final int DEFAULT_PARTITIONS = -1;
        public static final short DEFAULT_REPLICATION_FACTOR = -1;

        public CreatableTopic {
            Objects.requireNonNull(topic, "topic");
            configs = Map.copyOf(configs);
        }
    }
}
