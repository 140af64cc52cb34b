package dev.partita.broker.zk;

import dev.partita.broker.delivery.ConnectionId;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A live durable or shared subscription as {@link SubscriptionRegistry} holds it: what it reads
 * (topic and its log id, selector, noLocal), whether a durable one is shared, its generation and
 * its active consumers. The delivery state of a subscription is named by (key, generation): a
 * replaced or re-created subscription gets a higher generation, so it never inherits old state.
 * Immutable.
 *
 * @param selector  the message selector text, null for none (an empty selector is stored as null)
 * @param shared    always true for {@code SHARED} keys; for {@code DURABLE} keys whether it was created
 *                  by {@code createSharedDurableConsumer} (the two share one namespace but never a name)
 * @param consumers the active consumers; an unshared durable subscription has at most one
 */
public record SubscriptionInfo(SubscriptionKey key, TopicKey topic, String logId, String selector, boolean noLocal,
                               boolean shared, long generation, List<Consumer> consumers) {

    /**
     * An active consumer: the logical connection that owns it (its lease frees the consumer when it
     * expires, see {@link SubscriptionRegistry#expire}), the connection's consumer id and the broker
     * it is attached through (for diagnostics and a broker-wide expiry).
     */
    public record Consumer(ConnectionId connection, long consumerId, int brokerId) {
        public Consumer {
            Objects.requireNonNull(connection, "connection");
        }

        /** The same consumer, whichever broker it is attached through now (a logical connection moves). */
        public boolean isSameConsumer(Consumer other) {
            return connection.equals(other.connection) && consumerId == other.consumerId;
        }
    }

    public SubscriptionInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(logId, "logId");
        consumers = List.copyOf(consumers);
        if (!key.isRegistered()) {
            throw new IllegalArgumentException(key + " is not a durable or shared subscription");
        }
        if (generation < 1) {
            throw new IllegalArgumentException("generation must be at least 1, got " + generation);
        }
    }

    /** Whether a consumer is attached (an inactive durable subscription may be replaced or deleted). */
    public boolean isActive() {
        return !consumers.isEmpty();
    }

    /** Whether it reads what {@code definition} asks for: the same log, selector and noLocal. */
    public boolean hasDefinition(SubscriptionDefinition definition) {
        return topic.equals(definition.topic()) && logId.equals(definition.logId())
                && Objects.equals(selector, definition.selector()) && noLocal == definition.noLocal();
    }

    /** The attached consumer that {@link Consumer#isSameConsumer is} {@code consumer}, if any. */
    public Optional<Consumer> find(Consumer consumer) {
        return consumers.stream().filter(consumer::isSameConsumer).findFirst();
    }

    SubscriptionInfo withConsumers(List<Consumer> newConsumers) {
        return new SubscriptionInfo(key, topic, logId, selector, noLocal, shared, generation, newConsumers);
    }
}
