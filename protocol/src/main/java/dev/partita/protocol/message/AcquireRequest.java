package dev.partita.protocol.message;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Acquires records of one subscription for a session, long polling: the broker answers once
 * something was acquired or {@code maxWaitMs} passed. Acquired offsets belong to the session until
 * it acknowledges or releases them or its lease expires; the answer comes only after the acquisition
 * is committed in the partition's state log.
 *
 * @param generation the subscription's generation from SUBSCRIBE (0 for queue and private keys)
 * @param topic      the destination the subscription reads
 * @param maxBytes   bound on the whole response
 */
public record AcquireRequest(UUID connectionId, UUID sessionId, SubscriptionKey key, long generation, TopicKey topic,
                             int maxWaitMs, int maxBytes, List<AcquirePartition> partitions) implements ApiRequest {

    public AcquireRequest {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(topic, "topic");
        partitions = List.copyOf(partitions);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.ACQUIRE; }

    /**
     * One partition: the leader epoch the client knows (-1 = unknown), the session's epoch on it
     * (0 for a new session), and bounds on records and bytes acquired.
     */
    public record AcquirePartition(int partition, int currentLeaderEpoch, int sessionEpoch, int maxRecords,
                                   int partitionMaxBytes) { }
}
