package dev.partita.storage.log;

/**
 * An idempotent producer's batch whose sequence does not follow the last one stored for its producer id and epoch (a gap, an overlap, or a new epoch or producer not starting at 0). Nothing was stored. Maps to OUT_OF_ORDER_SEQUENCE.
 */
public class OutOfOrderSequenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OutOfOrderSequenceException(String message) {
        super(message);
    }

    public OutOfOrderSequenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
