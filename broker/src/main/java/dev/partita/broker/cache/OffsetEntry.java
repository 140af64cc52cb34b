package dev.partita.broker.cache;

/**
 * A partition leader's view of one subscription on one partition, as of one committed state change.
 * Versioned by (leader epoch, state offset): a later leader, or a later state record of the same
 * leader, supersedes an earlier one.
 *
 * @param committedStart the subscription's committed start (everything below is acknowledged or archived)
 * @param logEnd         the partition's log end offset when the entry was written
 * @param lag            messages not yet consumed, as the leader counts them
 * @param leaderEpoch    the writing leader's epoch (first part of the version)
 * @param stateOffset    the offset of the committed {@code p.state} record this reflects (second part)
 * @param updatedAtMs    wall-clock time of the write, milliseconds since the epoch (informational)
 */
public record OffsetEntry(long committedStart, long logEnd, long lag, int leaderEpoch, long stateOffset, long updatedAtMs) {

    /** Whether this entry is strictly newer than {@code other} by (leader epoch, state offset); a null other is older. */
    public boolean supersedes(OffsetEntry other) {
        if (other == null) {
            return true;
        }
        if (leaderEpoch != other.leaderEpoch) {
            return leaderEpoch > other.leaderEpoch;
        }
        return stateOffset > other.stateOffset;
    }

    /** The newer of two entries (this one on a tie). */
    public OffsetEntry newest(OffsetEntry other) {
        return other != null && other.supersedes(this) ? other : this;
    }
}
