package dev.partita.broker.zk;

/**
 * The subscription has an active consumer, so it cannot take another (unshared durable), change its
 * topic, selector or noLocal, or be deleted. Maps to {@code SUBSCRIPTION_IN_USE} (JMS: {@code
 * IllegalStateException} or {@code JMSException} as the spec says for each call).
 */
public class SubscriptionInUseException extends CoordinationException {
    private static final long serialVersionUID = 1L;

    public SubscriptionInUseException(String message) {
        super(message);
    }
}
