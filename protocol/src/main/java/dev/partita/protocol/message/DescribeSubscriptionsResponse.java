package dev.partita.protocol.message;

import java.util.List;
import java.util.Objects;

/**
 * The subscriptions a broker's offset cache knows, by destination, each with its partitions.
 * {@code error} is NONE, or OFFSET_CACHE_UNAVAILABLE when the answering broker's cache is disabled,
 * still starting or stopped (then {@code subscriptions} is empty and {@code errorMessage} says which).
 * A subscription or partition the cache has not heard of yet (its leader publishes about once a
 * second) is missing rather than shown wrong.
 */
public record DescribeSubscriptionsResponse(Errors error, String errorMessage, List<DescribedSubscription> subscriptions)
        implements ApiResponse {

    public DescribeSubscriptionsResponse {
        Objects.requireNonNull(error, "error");
        subscriptions = List.copyOf(subscriptions);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.DESCRIBE_SUBSCRIPTIONS; }

    /**
     * One subscription generation of one destination.
     *
     * @param destination the destination it reads
     * @param key         the subscription (a queue's own, or a topic subscription)
     * @param generation  its generation (a replaced durable subscription gets a higher one)
     * @param partitions  the partitions the cache has an entry for, by partition number
     */
    public record DescribedSubscription(TopicKey destination, SubscriptionKey key, long generation,
                                        List<DescribedPartition> partitions) {
        public DescribedSubscription {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(key, "key");
            partitions = List.copyOf(partitions);
        }

        /** The summed lag of the partitions shown. */
        public long totalLag() {
            return partitions.stream().mapToLong(DescribedPartition::lag).sum();
        }
    }

    /**
     * One partition of a subscription, as its leader last published it.
     *
     * @param partition      partition number
     * @param consumers      sessions holding a live lease on this partition's subscription state
     * @param committedStart every offset below it is acknowledged or archived
     * @param logEnd         the partition's high watermark when published
     * @param lag            messages in {@code [committedStart, logEnd)} not yet acknowledged or archived
     * @param leaderEpoch    the epoch of the leader that published it
     * @param updatedAtMs    when it was published (milliseconds since the epoch, the leader's clock)
     */
    public record DescribedPartition(int partition, int consumers, long committedStart, long logEnd, long lag,
                                     int leaderEpoch, long updatedAtMs) {
    }
}
