package dev.partita.broker.server;

import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.Errors;

/**
 * How a failed request is answered: the one error code that reaches the wire, a message, and
 * whether the connection must close after the answer (failed authentication).
 */
record ResponseError(Errors error, String message, boolean closeConnection) {

    static ResponseError of(Throwable failure) {
        if (failure instanceof ApiException api) {
            boolean close = api.error() == Errors.SASL_AUTHENTICATION_FAILED;
            return new ResponseError(api.error(), api.getMessage(), close);
        }
        return new ResponseError(Errors.UNKNOWN_SERVER_ERROR, failure.toString(), false);
    }
}
