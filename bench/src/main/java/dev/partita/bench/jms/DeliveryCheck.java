package dev.partita.bench.jms;

/**
 * The loss and duplicate check of one cell, summed over its subscriptions (one for a queue, one per
 * subscriber on a topic): every message id sent must be received exactly once per subscription.
 * Immutable.
 *
 * @param expected    copies that should have been received (messages x subscriptions)
 * @param received    copies received, duplicates included
 * @param lost        ids never received, summed over subscriptions
 * @param duplicates  copies received of an id already received on the same subscription
 * @param unknown     messages received without a benchmark id, or with one that was never sent
 */
public record DeliveryCheck(long expected, long received, long lost, long duplicates, long unknown) {

    /** No consumers: nothing to check. */
    public static final DeliveryCheck NONE = new DeliveryCheck(0, 0, 0, 0, 0);

    public boolean exact() {
        return lost == 0 && duplicates == 0 && unknown == 0 && received == expected;
    }

    public DeliveryCheck plus(DeliveryCheck other) {
        return new DeliveryCheck(expected + other.expected, received + other.received, lost + other.lost,
            duplicates + other.duplicates, unknown + other.unknown);
    }
}
