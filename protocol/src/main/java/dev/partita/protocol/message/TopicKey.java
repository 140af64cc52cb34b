package dev.partita.protocol.message;

import java.util.Objects;

/**
 * How every request names a log: a destination kind and a name. JMS names are arbitrary strings,
 * so the name is not restricted here beyond being non-null; brokers validate what they accept and
 * map each key to a generated log id.
 */
public record TopicKey(DestinationKind kind, String name) {

    public TopicKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static TopicKey queue(String name) {
        return new TopicKey(DestinationKind.QUEUE, name);
    }

    public static TopicKey topic(String name) {
        return new TopicKey(DestinationKind.TOPIC, name);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
    }
}
