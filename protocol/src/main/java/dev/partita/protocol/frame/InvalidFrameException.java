package dev.partita.protocol.frame;

import dev.partita.protocol.message.PartitaException;

/**
 * A frame that cannot be read: truncated, a length beyond the bytes present or beyond a limit,
 * an unknown enum code, bytes left over after the message. The peer is broken or hostile; the
 * connection is closed.
 */
public class InvalidFrameException extends PartitaException {

    private static final long serialVersionUID = 1L;

    public InvalidFrameException(String message) {
        super(message);
    }

    public InvalidFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
