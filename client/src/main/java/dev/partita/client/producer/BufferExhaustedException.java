package dev.partita.client.producer;

import dev.partita.protocol.message.PartitaException;

/**
 * {@code send} waited {@code maxBlockMs} for buffer memory and none was freed: the producer sends
 * faster than the brokers acknowledge. The record was not sent.
 */
public class BufferExhaustedException extends PartitaException {

    private static final long serialVersionUID = 1L;

    public BufferExhaustedException(String message) {
        super(message);
    }
}
