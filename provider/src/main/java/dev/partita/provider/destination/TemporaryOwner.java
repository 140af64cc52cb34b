package dev.partita.provider.destination;

import jakarta.jms.JMSException;

/** What a temporary destination's {@code delete()} calls: the connection that created it. */
public interface TemporaryOwner {

    /**
     * Deletes {@code destination}.
     *
     * @throws JMSException when one of the connection's consumers still reads it, or the broker refused
     */
    void delete(PartitaDestination destination) throws JMSException;
}
