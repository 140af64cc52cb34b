package dev.partita.protocol.message;

/**
 * Root of every exception Partita's own code throws on purpose, so callers can tell them from
 * programming errors of the JDK or of libraries.
 */
public class PartitaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PartitaException(String message) {
        super(message);
    }

    public PartitaException(String message, Throwable cause) {
        super(message, cause);
    }
}
