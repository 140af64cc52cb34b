package dev.partita.provider.destination;

import dev.partita.protocol.message.DestinationKind;
import jakarta.jms.Topic;

/** A Partita topic. Immutable and thread-safe. */
public final class PartitaTopic extends PartitaDestination implements Topic {

    private static final long serialVersionUID = 1L;

    public PartitaTopic(String name) {
        super(name);
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.TOPIC;
    }

    @Override
    public String getTopicName() {
        return name();
    }

    @Override
    public String toString() {
        return "topic://" + name();
    }
}
