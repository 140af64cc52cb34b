package dev.partita.storage.log;

/**
 * A record batch larger than the log's {@code max.message.bytes}. Nothing was stored. Maps to RECORD_TOO_LARGE.
 */
public class RecordTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RecordTooLargeException(String message) {
        super(message);
    }

    public RecordTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
