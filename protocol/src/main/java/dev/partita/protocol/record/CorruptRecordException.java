package dev.partita.protocol.record;

/**
 * A record batch whose stored CRC-32C does not match its bytes: it was damaged on the wire or on
 * disk after it was built.
 */
public class CorruptRecordException extends InvalidRecordException {

    private static final long serialVersionUID = 1L;

    public CorruptRecordException(String message) {
        super(message);
    }
}
