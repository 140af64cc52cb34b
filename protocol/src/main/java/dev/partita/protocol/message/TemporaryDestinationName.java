package dev.partita.protocol.message;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The name of a temporary queue or topic. It carries everything a broker needs to route to it,
 * so creating one writes nothing to ZooKeeper: which internal topic holds its records (the
 * single-partition log {@code __partita.temporary.<index>}), the logical connection that owns it
 * and the owner's sequence number, which together make the record key of its messages.
 *
 * <pre>
 * partita-temporary-queue:&lt;index&gt;:&lt;owner connection uuid&gt;:&lt;sequence&gt;
 * partita-temporary-topic:&lt;index&gt;:&lt;owner connection uuid&gt;:&lt;sequence&gt;
 * </pre>
 *
 * Names of this form are reserved: a queue or topic named like this is taken for a temporary one.
 * The record key of its messages is 25 bytes: the kind code, the owner's two longs, the sequence.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind     {@link DestinationKind#QUEUE} for a temporary queue, {@link DestinationKind#TOPIC} for a topic
 * @param index    which internal topic holds it (0 or more)
 * @param owner    the logical connection id of the connection that created it
 * @param sequence the owner's number for it, at least 1 (unique per owner)
 */
public record TemporaryDestinationName(DestinationKind kind, int index, UUID owner, long sequence) {

    /** Name prefix of the internal topics (kind TOPIC) that hold temporary destinations' records. */
    public static final String INTERNAL_TOPIC_PREFIX = "__partita.temporary.";
    private static final String QUEUE_PREFIX = "partita-temporary-queue:";
    private static final String TOPIC_PREFIX = "partita-temporary-topic:";
    /** Bytes of {@link #recordKey()}. */
    public static final int RECORD_KEY_BYTES = 1 + 16 + 8;

    public TemporaryDestinationName {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(owner, "owner");
        if (index < 0 || sequence < 1) {
            throw new IllegalArgumentException("index must be >= 0 and sequence >= 1, got " + index + " and " + sequence);
        }
    }

    /** The name applications see ({@code getQueueName()}, {@code getTopicName()}). */
    public String name() {
        return (kind == DestinationKind.QUEUE ? QUEUE_PREFIX : TOPIC_PREFIX) + index + ":" + owner + ":" + sequence;
    }

    /** How requests name it: its kind and {@link #name()}. */
    public TopicKey topicKey() {
        return new TopicKey(kind, name());
    }

    /** The internal topic whose single partition holds its records. */
    public TopicKey internalTopic() {
        return internalTopic(index);
    }

    public static TopicKey internalTopic(int index) {
        return TopicKey.topic(INTERNAL_TOPIC_PREFIX + index);
    }

    /** Whether a destination is one of the internal topics (not for applications to read). */
    public static boolean isInternalTopic(TopicKey topic) {
        return topic.kind() == DestinationKind.TOPIC && topic.name().startsWith(INTERNAL_TOPIC_PREFIX);
    }

    /** The key every record sent to it carries (and a tombstone of it). */
    public byte[] recordKey() {
        return ByteBuffer.allocate(RECORD_KEY_BYTES).put(kind.code()).putLong(owner.getMostSignificantBits())
                .putLong(owner.getLeastSignificantBits()).putLong(sequence).array();
    }

    /**
     * The subscription every consumer of a temporary queue joins (so they compete for its
     * messages): a private key of the owner with the negated sequence as consumer id (consumer
     * ids of real consumers are positive). Created with the queue, at the internal log's end.
     */
    public SubscriptionKey.Private queueSubscription() {
        if (kind != DestinationKind.QUEUE) {
            throw new IllegalStateException("only a temporary queue has a subscription of its own: " + name());
        }
        return SubscriptionKey.privateTo(owner, -sequence);
    }

    /** The temporary destination this request key names, or empty for any other destination. */
    public static Optional<TemporaryDestinationName> of(TopicKey topic) {
        return parse(topic.name()).filter(name -> name.kind() == topic.kind());
    }

    /** The temporary destination this name names, or empty when it is not of the reserved form. */
    public static Optional<TemporaryDestinationName> parse(String name) {
        DestinationKind kind;
        String rest;
        if (name.startsWith(QUEUE_PREFIX)) {
            kind = DestinationKind.QUEUE;
            rest = name.substring(QUEUE_PREFIX.length());
        } else if (name.startsWith(TOPIC_PREFIX)) {
            kind = DestinationKind.TOPIC;
            rest = name.substring(TOPIC_PREFIX.length());
        } else {
            return Optional.empty();
        }
        String[] parts = rest.split(":", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            UUID owner = UUID.fromString(parts[1]);
            TemporaryDestinationName parsed = new TemporaryDestinationName(kind, Integer.parseInt(parts[0]), owner,
                    Long.parseLong(parts[2]));
            // only the canonical spelling, so one temporary destination has one name
            return parsed.name().equals(name) ? Optional.of(parsed) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
