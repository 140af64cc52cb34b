package dev.partita.provider.message;

import jakarta.jms.JMSException;

/**
 * What {@link PartitaMessage#acknowledge()} calls: the session that delivered the message. The
 * session decides what acknowledging means in its mode (in {@code CLIENT_ACKNOWLEDGE}, everything
 * it delivered so far; in other modes nothing).
 */
@FunctionalInterface
public interface AcknowledgeHandler {

    /** Acknowledges on behalf of the application, which called {@code message.acknowledge()}. */
    void acknowledge(PartitaMessage message) throws JMSException;
}
