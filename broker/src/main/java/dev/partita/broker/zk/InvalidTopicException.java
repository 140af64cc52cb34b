package dev.partita.broker.zk;

/** The destination name cannot be registered (empty or too long). Maps to {@code INVALID_TOPIC}. */
public class InvalidTopicException extends CoordinationException {
    private static final long serialVersionUID = 1L;

    public InvalidTopicException(String message) {
        super(message);
    }
}
