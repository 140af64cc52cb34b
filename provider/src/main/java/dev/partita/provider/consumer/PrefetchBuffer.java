package dev.partita.provider.consumer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A consumer's prefetched messages, ordered by JMS priority (highest first), then by arrival
 * (which keeps offset order within a partition). Best effort, as the spec allows: a message of
 * higher priority that is still on the broker does not overtake one already buffered.
 *
 * <p>Not thread-safe: guarded by the session's lock.
 */
final class PrefetchBuffer {

    static final Comparator<Delivery> ORDER = Comparator.comparingInt(Delivery::priority).reversed()
            .thenComparingLong(Delivery::sequence);

    private final PriorityQueue<Delivery> queue = new PriorityQueue<>(ORDER);

    void add(Delivery delivery) {
        queue.add(delivery);
    }

    /** The next message to hand over, or null. */
    Delivery poll() {
        return queue.poll();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return queue.size();
    }

    /** Removes and returns everything buffered (in delivery order). */
    List<Delivery> drain() {
        List<Delivery> all = new ArrayList<>(queue.size());
        Delivery next;
        while ((next = queue.poll()) != null) {
            all.add(next);
        }
        return all;
    }

    /** Removes and returns the buffered messages of one partition acquired before {@code epoch}. */
    List<Delivery> removeStale(int partition, int epoch) {
        List<Delivery> stale = new ArrayList<>();
        queue.removeIf(d -> {
            boolean old = d.partition() == partition && d.sessionEpoch() != epoch;
            if (old) {
                stale.add(d);
            }
            return old;
        });
        return stale;
    }
}
