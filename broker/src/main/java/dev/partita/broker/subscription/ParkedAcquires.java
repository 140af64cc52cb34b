package dev.partita.broker.subscription;

import dev.partita.broker.delivery.ConnectionId;
import dev.partita.protocol.message.SubscriptionKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The long-polling acquires parked on this broker, by logical connection and subscription. When a
 * consumer of a connection leaves a subscription (any generation of its key) (UNSUBSCRIBE CLOSE_CONSUMER), that connection's
 * acquires parked on it are answered empty at once: ACQUIRE names no consumer, and a parked
 * acquire of a closed consumer would otherwise wake on the next send, take messages nobody reads
 * and hand them back only after a later consumer of the subscription took the ones behind them
 * (out of order). An empty answer to a consumer still open costs it one more poll.
 *
 * <p>Thread-safe: a concurrent map of concurrent sets; a parked acquire's claim decides who answers.
 */
final class ParkedAcquires {

    /** A parked acquire. */
    interface Parked {
        /** Answers empty unless already answered (or answering); returns whether this call answered. */
        boolean detach();
    }

    private record Ref(ConnectionId connection, SubscriptionKey key) {
    }

    private final Map<Ref, Set<Parked>> parked = new ConcurrentHashMap<>();

    void park(ConnectionId connection, SubscriptionKey key, Parked acquire) {
        parked.computeIfAbsent(new Ref(connection, key), ref -> ConcurrentHashMap.newKeySet()).add(acquire);
    }

    /** The acquire answered (any way): forget it. */
    void unpark(ConnectionId connection, SubscriptionKey key, Parked acquire) {
        parked.computeIfPresent(new Ref(connection, key), (ref, set) -> {
            set.remove(acquire);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * A consumer of {@code connection} left subscription {@code key}: answers that connection's
     * acquires parked on it empty. Returns how many were answered.
     */
    int detached(ConnectionId connection, SubscriptionKey key) {
        Set<Parked> waiting = parked.remove(new Ref(connection, key));
        if (waiting == null) {
            return 0;
        }
        int answered = 0;
        for (Parked acquire : List.copyOf(waiting)) {
            if (acquire.detach()) {
                answered++;
            }
        }
        return answered;
    }

    /** How many acquires are parked here (for tests). */
    int size() {
        return parked.values().stream().mapToInt(Set::size).sum();
    }
}
