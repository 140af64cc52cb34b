package dev.partita.broker.partition;

import dev.partita.broker.zk.LogPartition;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.storage.log.Log;
import dev.partita.storage.log.LogAppendInfo;

/**
 * One partition hosted by this broker: its log, whether this broker leads it and in which leader
 * epoch, and its high watermark (the offset below which records are committed and visible).
 *
 * <p>On a single replica the high watermark is the log's durable end: the flushed (fsynced) offset,
 * or the log end when the flush policy is {@code none} (documented as lossy). With followers (later)
 * it becomes the minimum of that and every in-sync follower's end; it never moves back.
 *
 * <p>Thread-safety: every method that changes state ({@link #makeLeader}, {@link #makeFollower},
 * {@link #appendAsLeader}, {@link #maybeAdvanceHighWatermark}) runs on the partition's own thread
 * ({@link PartitionExecutors}); the volatile fields make the leader state and high watermark readable
 * from any thread, and the log allows concurrent readers.
 */
public final class Partition {

    private final LogPartition id;
    private final Log log;
    private volatile boolean leader;
    private volatile int leaderEpoch = -1;
    private volatile long highWatermark;

    public Partition(LogPartition id, Log log) {
        this.id = id;
        this.log = log;
    }

    public LogPartition id() {
        return id;
    }

    public Log log() {
        return log;
    }

    public boolean isLeader() {
        return leader;
    }

    public int leaderEpoch() {
        return leaderEpoch;
    }

    public long highWatermark() {
        return highWatermark;
    }

    public long logStartOffset() {
        return log.logStartOffset();
    }

    public long logEndOffset() {
        return log.logEndOffset();
    }

    /**
     * Makes this broker the leader in {@code epoch}: the epoch starts at the current log end in the
     * leader-epoch cache (replication truncates by it later). An epoch older than the one held is
     * ignored (a stale notification). Partition thread only.
     *
     * @return whether anything changed
     */
    public boolean makeLeader(int epoch) {
        if (epoch < leaderEpoch || (leader && epoch == leaderEpoch)) {
            return false;
        }
        log.leaderEpochCache().assign(epoch, log.logEndOffset());
        leaderEpoch = epoch;
        leader = true;
        maybeAdvanceHighWatermark();
        return true;
    }

    /** Another broker leads (or nobody does) in {@code epoch}; stop taking writes. Partition thread only. */
    public void makeFollower(int epoch) {
        leader = false;
        leaderEpoch = Math.max(leaderEpoch, epoch);
    }

    /**
     * Appends a batch set as leader, stamping the leader epoch. Partition thread only.
     *
     * @throws NotLeaderException if this broker does not lead the partition
     */
    public LogAppendInfo appendAsLeader(MemoryRecords records) {
        if (!leader) {
            throw new NotLeaderException(id);
        }
        return log.appendAsLeader(records, leaderEpoch);
    }

    /** The offset below which every record is durable on this replica (see {@link Log#durableOffset()}). */
    long durableEnd() {
        return log.durableOffset();
    }

    /**
     * Moves the high watermark up to the durable end if that is higher. Partition thread only.
     *
     * @return whether it moved
     */
    public boolean maybeAdvanceHighWatermark() {
        long candidate = Math.min(durableEnd(), log.logEndOffset());
        if (candidate > highWatermark) {
            highWatermark = candidate;
            return true;
        }
        return false;
    }

    /**
     * How a request's leader epoch compares with ours: {@code NONE} when it matches or is unknown
     * (-1), {@code FENCED_LEADER_EPOCH} when it is older, {@code UNKNOWN_LEADER_EPOCH} when newer.
     */
    public Errors checkLeaderEpoch(int requestEpoch) {
        int current = leaderEpoch;
        if (requestEpoch < 0 || requestEpoch == current) {
            return Errors.NONE;
        }
        return requestEpoch < current ? Errors.FENCED_LEADER_EPOCH : Errors.UNKNOWN_LEADER_EPOCH;
    }

    @Override
    public String toString() {
        return "Partition(" + id + ", leader=" + leader + ", epoch=" + leaderEpoch + ", hw=" + highWatermark + ")";
    }
}
