package dev.partita.broker.zk;

import dev.partita.protocol.message.TopicKey;
import java.util.Objects;

/**
 * What a consumer asks a durable or shared subscription to be: the topic (with the log id it has
 * now, so a deleted and re-created topic counts as a different topic), the selector and noLocal,
 * and for a durable key whether the subscription is shared. Immutable.
 *
 * @param selector the selector text; null, empty and blank all mean "no selector" and are stored as null
 */
public record SubscriptionDefinition(TopicKey topic, String logId, String selector, boolean noLocal, boolean shared) {

    public SubscriptionDefinition {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(logId, "logId");
        selector = selector == null || selector.isBlank() ? null : selector;
    }

    /** The definition for a topic as the registry knows it. */
    public static SubscriptionDefinition of(TopicInfo topic, String selector, boolean noLocal, boolean shared) {
        return new SubscriptionDefinition(topic.topic(), topic.logId(), selector, noLocal, shared);
    }
}
