package dev.partita.client;

import dev.partita.protocol.message.PartitaException;

/** The client, producer, consumer or connection was closed before the operation could finish. */
public class ClientClosedException extends PartitaException {

    private static final long serialVersionUID = 1L;

    public ClientClosedException(String message) {
        super(message);
    }
}
