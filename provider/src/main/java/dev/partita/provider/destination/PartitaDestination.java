package dev.partita.provider.destination;

import dev.partita.protocol.jms.JmsDestination;
import dev.partita.protocol.message.DestinationKind;
import dev.partita.protocol.message.TemporaryDestinationName;
import dev.partita.protocol.message.TopicKey;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;

/**
 * A Partita queue or topic: a kind and a name (1..1000 UTF-8 bytes, as the broker accepts).
 * Immutable, thread-safe and serializable, so it can sit in a JNDI tree or an {@code ObjectMessage}.
 * Two destinations are equal when kind, name and temporariness are.
 *
 * <p>{@link Referenceable}, so any naming service can hold one: the reference names the factory
 * class of the {@code jndi} module by its name only (no compile dependency on it).
 */
public abstract sealed class PartitaDestination implements Destination, Serializable, Referenceable
        permits PartitaQueue, PartitaTopic, PartitaTemporaryQueue, PartitaTemporaryTopic {

    private static final long serialVersionUID = 1L;

    /** Longest destination name in UTF-8 bytes, as the broker's registry accepts. */
    public static final int MAX_NAME_BYTES = 1000;

    private final String name;

    PartitaDestination(String name) {
        Objects.requireNonNull(name, "destination name");
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("a destination name has 1.." + MAX_NAME_BYTES
                    + " UTF-8 bytes, \"" + name + "\" has " + bytes);
        }
        this.name = name;
    }

    /** The destination's name. */
    public String name() {
        return name;
    }

    public abstract DestinationKind kind();

    /** Whether this is a {@code TemporaryQueue} or {@code TemporaryTopic}. */
    public boolean isTemporary() {
        return false;
    }

    /** How requests name it: its kind and its name (a temporary destination's name says where it lives). */
    public TopicKey topicKey() {
        return new TopicKey(kind(), name);
    }

    /**
     * The key of the records sent to it: a temporary destination's (see
     * {@link TemporaryDestinationName#recordKey()}) for any destination named in its reserved form,
     * else none.
     */
    public byte[] recordKey() {
        return TemporaryDestinationName.of(topicKey()).map(TemporaryDestinationName::recordKey).orElse(null);
    }

    /** Class name of the {@code javax.naming.spi.ObjectFactory} that rebuilds destinations from references. */
    public static final String OBJECT_FACTORY = "dev.partita.jndi.PartitaObjectFactory";

    /** Reference address that holds the destination name. */
    public static final String NAME_ADDRESS = "name";

    @Override
    public Reference getReference() {
        return new Reference(getClass().getName(), new StringRefAddr(NAME_ADDRESS, name), OBJECT_FACTORY, null);
    }

    /** The form records carry in {@code JMSDestination} and {@code JMSReplyTo}. */
    public JmsDestination toRecordForm() {
        return new JmsDestination(kind(), name, isTemporary());
    }

    /** The destination a record names, or null for null. */
    public static PartitaDestination fromRecordForm(JmsDestination destination) {
        if (destination == null) {
            return null;
        }
        if (destination.temporary()) {
            return switch (destination.kind()) {
                case QUEUE -> new PartitaTemporaryQueue(destination.name(), null);
                case TOPIC -> new PartitaTemporaryTopic(destination.name(), null);
            };
        }
        return switch (destination.kind()) {
            case QUEUE -> new PartitaQueue(destination.name());
            case TOPIC -> new PartitaTopic(destination.name());
        };
    }

    /**
     * Our form of any provider's destination: ours as it is, another provider's {@code Queue} or
     * {@code Topic} by its name.
     *
     * @throws InvalidDestinationException for a destination that is neither, or whose name is invalid
     */
    public static PartitaDestination of(Destination destination) throws JMSException {
        if (destination == null || destination instanceof PartitaDestination) {
            return (PartitaDestination) destination;
        }
        try {
            if (destination instanceof jakarta.jms.Queue queue) {
                return new PartitaQueue(queue.getQueueName());
            }
            if (destination instanceof jakarta.jms.Topic topic) {
                return new PartitaTopic(topic.getTopicName());
            }
        } catch (IllegalArgumentException e) {
            throw invalid(destination, e.getMessage());
        }
        throw invalid(destination, "neither a Queue nor a Topic");
    }

    private static InvalidDestinationException invalid(Destination destination, String why) {
        return new InvalidDestinationException("cannot use destination " + destination + ": " + why);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PartitaDestination that && kind() == that.kind() && isTemporary() == that.isTemporary()
                && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return 31 * kind().hashCode() + name.hashCode();
    }
}
