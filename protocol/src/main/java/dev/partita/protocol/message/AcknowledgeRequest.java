package dev.partita.protocol.message;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Acknowledges explicit offsets a session acquired, per partition, each with the delivery count it
 * was acquired at. The leader applies them only if they match the session's acquisition at that
 * epoch; a repeated acknowledgement already applied succeeds. Answered once committed.
 */
public record AcknowledgeRequest(UUID sessionId, SubscriptionKey key, long generation, TopicKey topic,
                                 List<AcknowledgePartition> partitions) implements ApiRequest {

    public AcknowledgeRequest {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(topic, "topic");
        partitions = List.copyOf(partitions);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.ACKNOWLEDGE; }

    public record AcknowledgePartition(int partition, int sessionEpoch, List<DeliveryRange> offsets) {
        public AcknowledgePartition {
            offsets = List.copyOf(offsets);
        }
    }
}
