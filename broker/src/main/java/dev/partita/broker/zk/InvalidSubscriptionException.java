package dev.partita.broker.zk;

/**
 * A subscription request that can never succeed: an empty or too long name or client ID, a selector
 * too long to store, an unshared durable subscription without a client ID, or a key kind that is not
 * registered. Maps to {@code INVALID_REQUEST}.
 */
public class InvalidSubscriptionException extends CoordinationException {
    private static final long serialVersionUID = 1L;

    public InvalidSubscriptionException(String message) {
        super(message);
    }
}
