package dev.partita.protocol.message;

import java.util.Objects;

/**
 * An error that has, or came from, an error code on the wire: what a broker answered, or what a
 * client reports to its caller when a request failed. {@link #error()} is the code; subclasses of
 * {@link RetriableException} are the errors worth retrying after a metadata refresh or a back-off.
 */
public class ApiException extends PartitaException {

    private static final long serialVersionUID = 1L;

    private final Errors error;

    public ApiException(Errors error, String message) {
        super(message == null ? error.message() : message);
        this.error = Objects.requireNonNull(error, "error");
    }

    public ApiException(Errors error, String message, Throwable cause) {
        super(message == null ? error.message() : message, cause);
        this.error = Objects.requireNonNull(error, "error");
    }

    public Errors error() {
        return error;
    }

    public boolean isRetriable() {
        return error.isRetriable();
    }
}
