package dev.partita.protocol.jms;

import dev.partita.protocol.message.DestinationKind;
import java.util.Objects;

/**
 * A destination as records carry it in {@code JMSDestination} and {@code JMSReplyTo}: its kind
 * and its name. Immutable.
 */
public record JmsDestination(DestinationKind kind, String name) {

    public JmsDestination {
        Objects.requireNonNull(kind, "destination kind");
        Objects.requireNonNull(name, "destination name");
    }

    public static JmsDestination queue(String name) {
        return new JmsDestination(DestinationKind.QUEUE, name);
    }

    public static JmsDestination topic(String name) {
        return new JmsDestination(DestinationKind.TOPIC, name);
    }
}
