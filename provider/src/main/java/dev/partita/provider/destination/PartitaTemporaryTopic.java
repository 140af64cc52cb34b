package dev.partita.provider.destination;

import dev.partita.protocol.message.DestinationKind;
import jakarta.jms.JMSException;
import jakarta.jms.TemporaryTopic;

/**
 * A temporary topic: a keyed sub-stream of one of the broker's internal topics, owned by the
 * connection that created it (see {@code TemporaryDestinationName} for what its name holds).
 * The instance the owner's session returned can {@link #delete()} it; one rebuilt from a received
 * message's {@code JMSReplyTo} or {@code JMSDestination} names it only (it is equal to the
 * original). Immutable and thread-safe; serializable as its name.
 */
public final class PartitaTemporaryTopic extends PartitaDestination implements TemporaryTopic {

    private static final long serialVersionUID = 1L;

    private final transient TemporaryOwner owner;

    /** @param owner the creating connection's side of it, or null for a reference to someone's */
    public PartitaTemporaryTopic(String name, TemporaryOwner owner) {
        super(name);
        this.owner = owner;
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.TOPIC;
    }

    @Override
    public boolean isTemporary() {
        return true;
    }

    @Override
    public String getTopicName() {
        return name();
    }

    /**
     * Deletes it: senders then get {@code InvalidDestinationException}.
     *
     * @throws JMSException when a consumer of the connection still reads it, when this instance
     *                      was not made by the connection that created it, or when the broker refused
     */
    @Override
    public void delete() throws JMSException {
        if (owner == null) {
            throw new JMSException("only the connection that created temporary topic " + name() + " can delete it",
                    "NOT_TEMPORARY_DESTINATION_OWNER");
        }
        owner.delete(this);
    }

    @Override
    public String toString() {
        return "temporary-topic://" + name();
    }
}
