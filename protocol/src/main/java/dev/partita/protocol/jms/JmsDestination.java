package dev.partita.protocol.jms;

import dev.partita.protocol.message.DestinationKind;
import java.util.Objects;

/**
 * A destination as records carry it in {@code JMSDestination} and {@code JMSReplyTo}: its kind,
 * its name and whether it is a temporary queue or topic (whose name then has the form
 * {@link dev.partita.protocol.message.TemporaryDestinationName} describes). Immutable.
 */
public record JmsDestination(DestinationKind kind, String name, boolean temporary) {

    public JmsDestination {
        Objects.requireNonNull(kind, "destination kind");
        Objects.requireNonNull(name, "destination name");
    }

    /** A queue or topic that is not temporary. */
    public JmsDestination(DestinationKind kind, String name) {
        this(kind, name, false);
    }

    public static JmsDestination queue(String name) {
        return new JmsDestination(DestinationKind.QUEUE, name);
    }

    public static JmsDestination topic(String name) {
        return new JmsDestination(DestinationKind.TOPIC, name);
    }
}
