package dev.partita.protocol.message;

import java.util.Optional;

/**
 * The APIs of the Partita wire protocol. Each has a stable numeric id written in every request
 * header and the range of versions this build speaks. Ids never change and are never reused.
 *
 * <p>Immutable and thread-safe.
 */
public enum ApiKey {
    API_VERSIONS(0),
    METADATA(1),
    CREATE_TOPICS(2),
    DELETE_TOPICS(3),
    PRODUCE(4),
    FETCH(5),
    LIST_OFFSETS(6),
    SASL_HANDSHAKE(7),
    SASL_AUTHENTICATE(8),
    // JMS subscriptions and delivery state (issue 3): defined here, served by brokers once their handlers exist
    CLIENT_ID_CLAIM(9),
    CLIENT_ID_RELEASE(10),
    SUBSCRIBE(11),
    SESSION_HEARTBEAT(12),
    ACQUIRE(13),
    ACKNOWLEDGE(14),
    RELEASE(15),
    UNSUBSCRIBE(16),
    BROWSE(17),
    // administration, answered from the broker's offset cache
    DESCRIBE_SUBSCRIPTIONS(18),
    // temporary queues and topics (keyed sub-streams of internal topics, no ZooKeeper writes)
    TEMPORARY_CREATE(19),
    TEMPORARY_DELETE(20);

    private static final ApiKey[] BY_ID = new ApiKey[values().length];

    static {
        for (ApiKey key : values()) {
            if (BY_ID[key.id] != null) {
                throw new ExceptionInInitializerError("duplicate api key id " + key.id);
            }
            BY_ID[key.id] = key;
        }
    }

    private final short id;
    private final short minVersion;
    private final short maxVersion;

    ApiKey(int id) {
        this(id, 0, 0);
    }

    ApiKey(int id, int minVersion, int maxVersion) {
        this.id = (short) id;
        this.minVersion = (short) minVersion;
        this.maxVersion = (short) maxVersion;
    }

    public short id() { return id; }

    /** Oldest version of this API this build reads and writes. */
    public short minVersion() { return minVersion; }

    /** Newest version of this API this build reads and writes. */
    public short maxVersion() { return maxVersion; }

    public boolean isVersionSupported(short version) {
        return version >= minVersion && version <= maxVersion;
    }

    /** The key with this id, or empty if this build does not know it. */
    public static Optional<ApiKey> forId(short id) {
        return id >= 0 && id < BY_ID.length ? Optional.ofNullable(BY_ID[id]) : Optional.empty();
    }
}
