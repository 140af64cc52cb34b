package dev.partita.broker.delivery;

/** A {@code p.state} record that cannot be decoded: truncated, garbage, or an unknown version. */
public class StateRecordFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StateRecordFormatException(String message) {
        super(message);
    }

    public StateRecordFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
