package dev.partita.protocol.message;

import java.util.List;
import java.util.Objects;

/**
 * Reads, without changing anything, the messages of a queue subscription that a
 * {@code QueueBrowser} shows: between the subscription's start and the last stable offset, available
 * or acquired (not acknowledged, archived or expired), matching {@code selector} (null = all).
 */
public record BrowseRequest(SubscriptionKey key, long generation, TopicKey topic, String selector, int maxBytes,
                            List<BrowsePartition> partitions) implements ApiRequest {

    public BrowseRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(topic, "topic");
        partitions = List.copyOf(partitions);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.BROWSE; }

    /** {@code fromOffset}: where to continue ({@link #FROM_START} = the subscription's start). */
    public record BrowsePartition(int partition, int currentLeaderEpoch, long fromOffset, int maxRecords,
                                  int partitionMaxBytes) {
        public static final long FROM_START = -1L;
    }
}
