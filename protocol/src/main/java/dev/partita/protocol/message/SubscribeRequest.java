package dev.partita.protocol.message;

import java.util.Objects;
import java.util.UUID;

/**
 * Creates a consumer on a subscription: registers a durable or shared key (creating, joining or
 * replacing it), and for a new subscription has every partition leader fix its start at the log
 * end, so that no message sent after the response is missed.
 *
 * @param topic      the destination read (for a queue key, the queue itself)
 * @param selector   the message selector, null for none
 * @param noLocal    skip messages sent by this connection (or one with its client ID)
 * @param shared     for a durable key: {@code createSharedDurableConsumer} (true) or an unshared
 *                   durable subscription (false); ignored for other kinds
 * @param consumerId the consumer's id within its connection (the active-consumer lease)
 * @param timeoutMs  how long the broker may wait for partition leaders
 */
public record SubscribeRequest(SubscriptionKey key, TopicKey topic, String selector, boolean noLocal, boolean shared,
                               UUID connectionId, UUID sessionId, long consumerId, int timeoutMs) implements ApiRequest {

    public SubscribeRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    @Override
    public ApiKey apiKey() { return ApiKey.SUBSCRIBE; }
}
