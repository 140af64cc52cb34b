package dev.partita.broker.delivery;

/** Why an operation or a record was refused. The broker maps these to protocol error codes. */
public enum DeliveryError {
    /** The record comes from a leader of an older epoch than one already applied. */
    STALE_LEADER_EPOCH,
    /** The request names an older session epoch: the session's lease expired meanwhile. */
    STALE_SESSION_EPOCH,
    /** An offset is not held by this session at this epoch with this delivery count. */
    NOT_HELD,
    /** Offsets named are not in the state the record needs (e.g. an acquire of an unavailable offset). */
    NOT_AVAILABLE,
    /** An earlier change to the same offsets is not committed yet; retry after it is. */
    IN_FLIGHT,
    /** The request itself is malformed (arguments out of range). */
    INVALID_REQUEST
}
