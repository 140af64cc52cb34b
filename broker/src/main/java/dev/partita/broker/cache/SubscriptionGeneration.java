package dev.partita.broker.cache;

import java.util.Comparator;
import java.util.Objects;

/**
 * One generation of one subscription, the unit whose delivery state the cache describes.
 *
 * @param subscription the subscription key in a stable string form the subscription registry chooses
 *                     (for example its ZooKeeper node name); the cache treats it as opaque
 * @param generation   the subscription's generation (a replaced or re-created subscription gets a higher one)
 */
public record SubscriptionGeneration(String subscription, long generation) implements Comparable<SubscriptionGeneration> {

    private static final Comparator<SubscriptionGeneration> ORDER = Comparator
            .comparing(SubscriptionGeneration::subscription).thenComparingLong(SubscriptionGeneration::generation);

    public SubscriptionGeneration {
        Objects.requireNonNull(subscription, "subscription");
    }

    @Override
    public int compareTo(SubscriptionGeneration other) {
        return ORDER.compare(this, other);
    }
}
