package dev.partita.storage.log;

/**
 * A read below the log start offset or past the log end offset. Maps to OFFSET_OUT_OF_RANGE.
 */
public class OffsetOutOfRangeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OffsetOutOfRangeException(String message) {
        super(message);
    }

    public OffsetOutOfRangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
