package dev.partita.protocol.message;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Names a subscription: the place JMS consumes from, one group with its own delivery state over
 * one log. A tuple, never a concatenated string, so no choice of names can make two keys collide:
 *
 * <pre>
 * | kind    | fields                     | JMS                                                        |
 * |---------|----------------------------|------------------------------------------------------------|
 * | QUEUE   | queue name                 | every consumer of queue Q on any connection                |
 * | PRIVATE | connection id, consumer id | a non-durable, unshared topic consumer                     |
 * | DURABLE | client ID or none, name    | createDurableConsumer/Subscriber, createSharedDurableConsumer |
 * | SHARED  | client ID or none, name    | createSharedConsumer (non-durable)                         |
 * </pre>
 *
 * Shared non-durable subscriptions have their own namespace ({@code SHARED}); shared and unshared
 * durable subscriptions share one ({@code DURABLE}), as Jakarta Messaging 3.1 section 8.3 requires:
 * a durable subscription named N under client ID C is either shared or unshared, never both. A null
 * client ID means "none" (the connection has no client ID); an empty one is not valid.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface SubscriptionKey
        permits SubscriptionKey.Queue, SubscriptionKey.Private, SubscriptionKey.Durable, SubscriptionKey.Shared {

    /** The kind of a key, with its wire code (never changes). */
    enum Kind {
        QUEUE(1),
        PRIVATE(2),
        DURABLE(3),
        SHARED(4);

        private final byte code;

        Kind(int code) {
            this.code = (byte) code;
        }

        public byte code() { return code; }

        /** The kind with this code, or empty for a code this build does not know. */
        public static Optional<Kind> forCode(byte code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    Kind kind();

    /** Whether the key lives in the cluster's subscription registry (durable and shared keys). */
    default boolean isRegistered() {
        return kind() == Kind.DURABLE || kind() == Kind.SHARED;
    }

    static Queue queue(String queue) {
        return new Queue(queue);
    }

    static Private privateTo(UUID connectionId, long consumerId) {
        return new Private(connectionId, consumerId);
    }

    static Durable durable(String clientId, String name) {
        return new Durable(clientId, name);
    }

    static Shared shared(String clientId, String name) {
        return new Shared(clientId, name);
    }

    /** The subscription every consumer of a queue shares. */
    record Queue(String queue) implements SubscriptionKey {
        public Queue {
            Objects.requireNonNull(queue, "queue");
        }

        @Override
        public Kind kind() { return Kind.QUEUE; }
    }

    /** A non-durable unshared topic consumer's own subscription; it lives as long as the consumer. */
    record Private(UUID connectionId, long consumerId) implements SubscriptionKey {
        public Private {
            Objects.requireNonNull(connectionId, "connectionId");
        }

        @Override
        public Kind kind() { return Kind.PRIVATE; }
    }

    /** A durable subscription, shared or not; {@code clientId} null = none. */
    record Durable(String clientId, String name) implements SubscriptionKey {
        public Durable {
            checkNamed(clientId, name);
        }

        public Optional<String> clientIdIfSet() {
            return Optional.ofNullable(clientId);
        }

        @Override
        public Kind kind() { return Kind.DURABLE; }
    }

    /** A shared non-durable subscription; {@code clientId} null = none. It lives while it has consumers. */
    record Shared(String clientId, String name) implements SubscriptionKey {
        public Shared {
            checkNamed(clientId, name);
        }

        public Optional<String> clientIdIfSet() {
            return Optional.ofNullable(clientId);
        }

        @Override
        public Kind kind() { return Kind.SHARED; }
    }

    private static void checkNamed(String clientId, String name) {
        Objects.requireNonNull(name, "name");
        if (clientId != null && clientId.isEmpty()) {
            throw new IllegalArgumentException("client ID must be null (none) or non-empty");
        }
    }
}
