package dev.partita.broker.cache;

/**
 * A partition leader's view of one subscription on one partition, as of one committed state change.
 * Versioned by (leader epoch, state offset): a later leader, or a later state record of the same
 * leader, supersedes an earlier one. Within one state offset a leader publishes again when only
 * the log grew (a produce changes no delivery state) or to refresh an unchanged entry, so
 * the log end and then the publishing time break ties; both only grow under one leader.
 *
 * @param committedStart the subscription's committed start (everything below is acknowledged or archived)
 * @param logEnd         the partition's high watermark when the entry was written
 * @param lag            messages in {@code [committedStart, logEnd)} not yet acknowledged or archived
 * @param consumers      sessions with a live lease in the subscription's state on this partition
 * @param leaderEpoch    the writing leader's epoch (first part of the version)
 * @param stateOffset    the end offset of the last {@code p.state} record this reflects (second part)
 * @param updatedAtMs    wall-clock time of the write, milliseconds since the epoch (last tie-breaker)
 */
public record OffsetEntry(long committedStart, long logEnd, long lag, int consumers, int leaderEpoch, long stateOffset,
                          long updatedAtMs) {

    /** Whether this entry is strictly newer than {@code other} by (leader epoch, state offset, log end, time); a null other is older. */
    public boolean supersedes(OffsetEntry other) {
        if (other == null) {
            return true;
        }
        if (leaderEpoch != other.leaderEpoch) {
            return leaderEpoch > other.leaderEpoch;
        }
        if (stateOffset != other.stateOffset) {
            return stateOffset > other.stateOffset;
        }
        if (logEnd != other.logEnd) {
            return logEnd > other.logEnd;
        }
        return updatedAtMs > other.updatedAtMs;
    }

    /** The newer of two entries (this one on a tie). */
    public OffsetEntry newest(OffsetEntry other) {
        return other != null && other.supersedes(this) ? other : this;
    }

    /** The same progress with another publishing time (a refresh). */
    public boolean sameProgressAs(OffsetEntry other) {
        return other != null && committedStart == other.committedStart && logEnd == other.logEnd && lag == other.lag
                && consumers == other.consumers && leaderEpoch == other.leaderEpoch && stateOffset == other.stateOffset;
    }
}
