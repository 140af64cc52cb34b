package dev.partita.broker.zk;

/** The partition count is not positive or above the limit. Maps to {@code INVALID_PARTITIONS}. */
public class InvalidPartitionsException extends CoordinationException {
    private static final long serialVersionUID = 1L;

    public InvalidPartitionsException(String message) {
        super(message);
    }
}
