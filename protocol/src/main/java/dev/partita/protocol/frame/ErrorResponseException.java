package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.Errors;

/**
 * A response whose header carries a request-level error (the whole request failed, e.g.
 * UNSUPPORTED_VERSION or INVALID_REQUEST) instead of a body. {@link #error()} is the code,
 * {@link #getMessage()} the broker's message (or the code's default).
 */
public class ErrorResponseException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ErrorResponseException(Errors error, String message) {
        super(error, message);
    }
}
