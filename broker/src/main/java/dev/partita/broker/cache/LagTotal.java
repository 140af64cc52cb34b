package dev.partita.broker.cache;

/**
 * The summed lag of one subscription generation over the partitions the cache knows of.
 *
 * @param subscription the subscription generation
 * @param partitions   how many partitions contributed
 * @param lag          the sum of their lags
 */
public record LagTotal(SubscriptionGeneration subscription, int partitions, long lag) {
}
