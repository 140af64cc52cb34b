package dev.partita.protocol.message;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Gives acquired offsets back (recover, rollback, consumer close), saying for each range whether it
 * reached the application: only those get delivery count + 1. Answered once committed.
 */
public record ReleaseRequest(UUID sessionId, SubscriptionKey key, long generation, TopicKey topic,
                             List<ReleasePartition> partitions) implements ApiRequest {

    public ReleaseRequest {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(topic, "topic");
        partitions = List.copyOf(partitions);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.RELEASE; }

    public record ReleasePartition(int partition, int sessionEpoch, List<ReleasedRange> offsets) {
        public ReleasePartition {
            offsets = List.copyOf(offsets);
        }
    }
}
