package dev.partita.protocol.message;

/**
 * An {@link ApiException} whose request may succeed if sent again, usually after refreshing
 * metadata (a new leader) or waiting (a broker coming back).
 */
public class RetriableException extends ApiException {

    private static final long serialVersionUID = 1L;

    public RetriableException(Errors error, String message) {
        super(error, message);
    }

    public RetriableException(Errors error, String message, Throwable cause) {
        super(error, message, cause);
    }
}
