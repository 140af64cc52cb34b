package dev.partita.protocol.message;

import java.util.Objects;

/**
 * The outcome of an acknowledge or release on one partition: the error (NONE, STALE_SESSION_EPOCH,
 * OFFSETS_NOT_HELD, STATE_CHANGE_IN_FLIGHT, NOT_LEADER_OR_FOLLOWER...), a message (may be null) and
 * the session's current epoch on that partition, so a client learns that its lease expired.
 */
public record SessionPartitionResult(int partition, Errors error, String errorMessage, int sessionEpoch) {

    public SessionPartitionResult {
        Objects.requireNonNull(error, "error");
    }
}
