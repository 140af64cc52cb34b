package dev.partita.broker.zk;

/**
 * A create of a (kind, name) that is already registered. Maps to {@code TOPIC_ALREADY_EXISTS}.
 * Carries the registration that exists, so a caller that wanted create-if-absent can use it.
 */
public class TopicAlreadyExistsException extends CoordinationException {
    private static final long serialVersionUID = 1L;

    private final transient TopicInfo existing;

    public TopicAlreadyExistsException(TopicInfo existing) {
        super("Destination " + existing.topic() + " already exists (log " + existing.logId() + ")");
        this.existing = existing;
    }

    /** The registration found in ZooKeeper. */
    public TopicInfo existing() {
        return existing;
    }
}
