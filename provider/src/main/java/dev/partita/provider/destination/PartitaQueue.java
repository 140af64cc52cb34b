package dev.partita.provider.destination;

import dev.partita.protocol.message.DestinationKind;
import jakarta.jms.Queue;

/** A Partita queue. Immutable and thread-safe. */
public final class PartitaQueue extends PartitaDestination implements Queue {

    private static final long serialVersionUID = 1L;

    public PartitaQueue(String name) {
        super(name);
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.QUEUE;
    }

    @Override
    public String getQueueName() {
        return name();
    }

    @Override
    public String toString() {
        return "queue://" + name();
    }
}
