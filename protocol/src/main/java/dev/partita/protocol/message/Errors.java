package dev.partita.protocol.message;

/**
 * Every error code of the Partita protocol. This enum is the only way an error reaches the wire:
 * request-level codes in the response header, per-topic and per-partition codes in bodies.
 *
 * <p>A code, once released, never changes meaning and is never reused. Unknown codes read from
 * the wire (a newer peer) map to {@link #UNKNOWN_SERVER_ERROR}.
 *
 * <p>Immutable and thread-safe.
 */
public enum Errors {
    UNKNOWN_SERVER_ERROR(-1, false, "The server hit an unexpected error"),
    NONE(0, false, "No error"),
    CORRUPT_MESSAGE(2, false, "A record batch failed its CRC check or is otherwise corrupt"),
    INVALID_REQUEST(3, false, "The request is malformed or not valid in this context"),
    UNSUPPORTED_VERSION(4, false, "The API key or version is not supported by this broker"),
    UNKNOWN_TOPIC_OR_PARTITION(5, false, "This broker does not host this topic or partition"),
    OFFSET_OUT_OF_RANGE(6, false, "The offset is below the log start or past the log end"),
    NOT_LEADER_OR_FOLLOWER(7, true, "This broker is not the leader of the partition"),
    LEADER_NOT_AVAILABLE(8, true, "The partition has no leader right now"),
    REQUEST_TIMED_OUT(9, true, "The request timed out"),
    RECORD_TOO_LARGE(10, false, "A record batch is larger than the maximum allowed"),
    FRAME_TOO_LARGE(11, false, "The frame is larger than the maximum frame size"),
    INVALID_RECORD(12, false, "A record or batch is invalid"),
    TOPIC_ALREADY_EXISTS(13, false, "The topic already exists"),
    INVALID_TOPIC(14, false, "The topic name or kind is not valid"),
    INVALID_PARTITIONS(15, false, "The number of partitions is not valid"),
    INVALID_REPLICATION_FACTOR(16, false, "The replication factor is not valid"),
    INVALID_CONFIG(17, false, "A configuration value is not valid"),
    NOT_ENOUGH_REPLICAS(18, true, "Fewer in-sync replicas than required"),
    OUT_OF_ORDER_SEQUENCE(19, false, "The producer sequence number is out of order"),
    DUPLICATE_SEQUENCE(20, false, "The producer sequence number was already written"),
    INVALID_PRODUCER_EPOCH(21, false, "The producer epoch is older than the current one (fenced)"),
    FENCED_LEADER_EPOCH(22, true, "The leader epoch in the request is older than the broker's"),
    UNKNOWN_LEADER_EPOCH(23, true, "The leader epoch in the request is newer than the broker's"),
    STORAGE_ERROR(24, false, "The broker could not store the data (e.g. disk full); nothing was stored"),
    NOT_CONTROLLER(25, true, "This broker is not the controller"),
    STALE_CONTROLLER_EPOCH(26, false, "The controller epoch is older than the current one"),
    UNSUPPORTED_SASL_MECHANISM(27, false, "The SASL mechanism is not enabled on this broker"),
    SASL_AUTHENTICATION_FAILED(28, false, "Authentication failed"),
    ILLEGAL_SASL_STATE(29, false, "The request is not valid in the current authentication state"),
    BROKER_NOT_AVAILABLE(30, true, "The broker is not available"),
    POLICY_VIOLATION(31, false, "The request violates a broker policy"),
    INVALID_TIMESTAMP(32, false, "A timestamp is out of the accepted range"),
    TOPIC_DELETION_DISABLED(33, false, "Topic deletion is disabled on this broker"),
    NETWORK_EXCEPTION(34, true, "The connection to the broker was lost"),
    CLIENT_ID_IN_USE(35, false, "The client ID is in use by another connection"),
    INVALID_CLIENT_ID(36, false, "The client ID is empty, too long or not valid Unicode"),
    SUBSCRIPTION_IN_USE(37, false, "The subscription has an active consumer"),
    SUBSCRIPTION_SHARING_MISMATCH(38, false,
            "A durable subscription of that name exists as shared and unshared was asked for, or the reverse"),
    UNKNOWN_SUBSCRIPTION(39, false, "No such subscription"),
    STALE_SUBSCRIPTION_GENERATION(40, false, "The subscription was replaced or deleted since this generation"),
    STALE_SESSION_EPOCH(41, false, "The session's lease expired: what it acquired was released"),
    OFFSETS_NOT_HELD(42, false, "An offset is not held by this session with this delivery count"),
    STATE_CHANGE_IN_FLIGHT(43, true, "An earlier change to these offsets is not committed yet"),
    INVALID_SELECTOR(44, false, "The message selector is not valid"),
    TEMPORARY_DESTINATION_GONE(45, false,
            "The temporary destination does not exist: it was deleted, or the connection that created it closed"),
    NOT_TEMPORARY_DESTINATION_OWNER(46, false,
            "Only the connection that created a temporary destination may consume from it or delete it"),
    DESTINATION_FULL(48, false,
            "The destination is full (its unconsumed bytes reached the limit) and no space was freed in time; nothing was stored"),
    OFFSET_CACHE_UNAVAILABLE(52, false,
            "The broker's offset cache is disabled, starting or stopped: subscription progress cannot be described (delivery is unaffected)");

    private static final int MIN_CODE = -1;
    private static final Errors[] BY_CODE;

    static {
        int max = 0;
        for (Errors error : values()) {
            max = Math.max(max, error.code);
        }
        BY_CODE = new Errors[max - MIN_CODE + 1];
        for (Errors error : values()) {
            if (BY_CODE[error.code - MIN_CODE] != null) {
                throw new ExceptionInInitializerError("duplicate error code " + error.code);
            }
            BY_CODE[error.code - MIN_CODE] = error;
        }
    }

    private final short code;
    private final boolean retriable;
    private final String message;

    Errors(int code, boolean retriable, String message) {
        this.code = (short) code;
        this.retriable = retriable;
        this.message = message;
    }

    public short code() { return code; }

    /** A short default description, used when no specific message is at hand. */
    public String message() { return message; }

    public boolean isRetriable() { return retriable; }

    /** The error with this code; unknown codes (from a newer peer) become UNKNOWN_SERVER_ERROR. */
    public static Errors forCode(short code) {
        int index = code - MIN_CODE;
        Errors error = index >= 0 && index < BY_CODE.length ? BY_CODE[index] : null;
        return error == null ? UNKNOWN_SERVER_ERROR : error;
    }

    /** The exception for this error with its default message. */
    public ApiException exception() {
        return exception(null);
    }

    /**
     * The exception for this error: a {@link RetriableException} for retriable codes, otherwise an
     * {@link ApiException}. {@code message} null means the default message.
     *
     * @throws IllegalStateException for {@link #NONE}, which is not an error
     */
    public ApiException exception(String message) {
        if (this == NONE) {
            throw new IllegalStateException("NONE is not an error");
        }
        return retriable ? new RetriableException(this, message) : new ApiException(this, message);
    }
}
