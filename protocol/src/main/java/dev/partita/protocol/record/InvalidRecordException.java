package dev.partita.protocol.record;

/**
 * A record batch or record whose bytes do not follow the format: wrong magic, impossible sizes,
 * malformed varints, unknown compression codec, a truncated batch, or records that decompress to
 * more than the allowed bound. The bytes must not be stored or delivered.
 */
public class InvalidRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidRecordException(String message) {
        super(message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
