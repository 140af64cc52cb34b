package dev.partita.bench.jms;

import java.util.BitSet;

/**
 * The ids received on one subscription (the queue, or one topic subscriber): counts every copy,
 * remembers which ids arrived, and counts the ones that arrived twice. Thread-safe (synchronized),
 * since a queue's consumers share one tally.
 */
final class SubscriptionTally {

    private final long expected;
    private final BitSet seen;
    private long received;
    private long duplicates;
    private long unknown;
    private long lastReceiveNanos;

    SubscriptionTally(int expected) {
        this.expected = expected;
        this.seen = new BitSet(expected);
    }

    /** Records one received copy; a negative id means the message carried none. */
    synchronized void record(long id, long nowNanos) {
        received++;
        lastReceiveNanos = Math.max(lastReceiveNanos, nowNanos);
        if (id < 0 || id >= expected) {
            unknown++;
        } else if (seen.get((int) id)) {
            duplicates++;
        } else {
            seen.set((int) id);
        }
    }

    /** True once every id arrived at least once. */
    synchronized boolean complete() {
        return seen.cardinality() == expected;
    }

    synchronized long lastReceiveNanos() {
        return lastReceiveNanos;
    }

    synchronized DeliveryCheck check() {
        return new DeliveryCheck(expected, received, expected - seen.cardinality(), duplicates, unknown);
    }
}
