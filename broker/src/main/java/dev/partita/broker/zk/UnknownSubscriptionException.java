package dev.partita.broker.zk;

/**
 * No live subscription has that key. Maps to {@code UNKNOWN_SUBSCRIPTION} (JMS {@code unsubscribe}:
 * {@code InvalidDestinationException}).
 */
public class UnknownSubscriptionException extends CoordinationException {
    private static final long serialVersionUID = 1L;

    public UnknownSubscriptionException(String message) {
        super(message);
    }
}
