package dev.partita.broker.cache;

import java.util.Comparator;
import java.util.Objects;

/**
 * What one cache entry is about: a subscription generation on one partition of one log.
 *
 * @param subscription the subscription key's stable string form (see {@link SubscriptionGeneration})
 * @param generation   the subscription's generation
 * @param logId        the log the subscription reads
 * @param partition    the partition of that log
 */
public record OffsetKey(String subscription, long generation, String logId, int partition) implements Comparable<OffsetKey> {

    private static final Comparator<OffsetKey> ORDER = Comparator.comparing(OffsetKey::subscription)
            .thenComparingLong(OffsetKey::generation).thenComparing(OffsetKey::logId).thenComparingInt(OffsetKey::partition);

    public OffsetKey {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(logId, "logId");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0: " + partition);
        }
    }

    public static OffsetKey of(SubscriptionGeneration subscription, String logId, int partition) {
        return new OffsetKey(subscription.subscription(), subscription.generation(), logId, partition);
    }

    public SubscriptionGeneration subscriptionGeneration() {
        return new SubscriptionGeneration(subscription, generation);
    }

    @Override
    public int compareTo(OffsetKey other) {
        return ORDER.compare(this, other);
    }
}
