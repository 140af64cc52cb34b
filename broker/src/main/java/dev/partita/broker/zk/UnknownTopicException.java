package dev.partita.broker.zk;

/** The (kind, name) is not registered. Maps to {@code UNKNOWN_TOPIC_OR_PARTITION}. */
public class UnknownTopicException extends CoordinationException {
    private static final long serialVersionUID = 1L;

    public UnknownTopicException(String message) {
        super(message);
    }
}
