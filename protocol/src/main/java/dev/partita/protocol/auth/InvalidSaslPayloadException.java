package dev.partita.protocol.auth;

import dev.partita.protocol.message.PartitaException;

/**
 * An authentication payload that does not follow its mechanism's layout. A broker answers it
 * with SASL_AUTHENTICATION_FAILED; the message never echoes secrets.
 */
public class InvalidSaslPayloadException extends PartitaException {

    private static final long serialVersionUID = 1L;

    public InvalidSaslPayloadException(String message) {
        super(message);
    }
}
