package dev.partita.broker.zk;

/**
 * A durable subscription of that client ID and name exists as shared while an unshared one was asked
 * for, or the reverse (Jakarta Messaging 3.1 section 8.3: they share one namespace). Maps to {@code
 * SUBSCRIPTION_SHARING_MISMATCH} (JMS: {@code JMSException}).
 */
public class SubscriptionSharingMismatchException extends CoordinationException {
    private static final long serialVersionUID = 1L;

    public SubscriptionSharingMismatchException(String message) {
        super(message);
    }
}
