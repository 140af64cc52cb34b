package dev.partita.provider.consumer;

import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import dev.partita.provider.message.PartitaMessage;

/**
 * One acquired message: where it came from (subscription generation, partition, offset), the
 * delivery count the broker acquired it at (acks and releases must name it), the session epoch of
 * the acquisition, and the decoded message. {@code sequence} orders deliveries of equal priority
 * by arrival, which within a partition is offset order.
 *
 * <p>Immutable apart from the message (owned by the session's thread once handed over).
 */
record Delivery(PartitaMessageConsumer consumer, SubscriptionKey key, long generation, TopicKey topic, int partition,
                long offset, int deliveryCount, int sessionEpoch, PartitaMessage message, int priority, long sequence) {

    /** Which ACKNOWLEDGE / RELEASE request this delivery belongs in. */
    Subscription subscription() {
        return new Subscription(key, generation, topic);
    }

    /** A subscription generation over one destination: the unit of an ack or release request. */
    record Subscription(SubscriptionKey key, long generation, TopicKey topic) {
    }
}
