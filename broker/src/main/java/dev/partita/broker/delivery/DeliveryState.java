package dev.partita.broker.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Delivery state of one subscription on one partition: {@link #start()} (every offset below it is
 * finished) and above it the run-length-encoded exceptions ({@link Run}s), plus the sessions that
 * hold or held offsets. An offset at or above {@code start} with no run is available with
 * delivery count 0; whether it exists at all is the caller's business (it passes the log's high
 * watermark to the leader).
 *
 * <p>The state changes only through {@link #apply(StateRecord)}: the leader after a record is
 * committed, followers as they replicate {@code p.state}, and a restart replaying it all call the
 * same method, which never reads a clock, so every replica that applied the same records holds the
 * same state (its {@link #toSnapshot snapshot} encodes to the same bytes).
 *
 * <p>Not thread-safe: the partition's single writer thread owns it.
 */
public final class DeliveryState {

    private long start;
    private int leaderEpoch = -1;
    private final OffsetRuns runs;
    private final TreeMap<SessionId, SessionInfo> sessions;

    /** An empty state whose first offset to deliver is {@code start} (e.g. the log end, for a new subscription). */
    public DeliveryState(long start) {
        if (start < 0) {
            throw new IllegalArgumentException("negative start " + start);
        }
        this.start = start;
        this.runs = new OffsetRuns();
        this.sessions = new TreeMap<>();
    }

    private DeliveryState(DeliveryState other) {
        this.start = other.start;
        this.leaderEpoch = other.leaderEpoch;
        this.runs = other.runs.copy();
        this.sessions = new TreeMap<>(other.sessions);
    }

    /** A state rebuilt from a snapshot record. */
    public static DeliveryState fromSnapshot(StateRecord.Snapshot snapshot) {
        DeliveryState state = new DeliveryState(snapshot.start());
        state.apply(snapshot);
        return state;
    }

    /** An independent copy (the leader uses one to build a snapshot that includes uncommitted proposals). */
    public DeliveryState copy() {
        return new DeliveryState(this);
    }

    /** Every offset below this one is finished (acknowledged or archived). */
    public long start() {
        return start;
    }

    /** The newest leader epoch applied (-1 before any record); records from older epochs are rejected. */
    public int leaderEpoch() {
        return leaderEpoch;
    }

    /** The exception runs in offset order (a read-only view). */
    public List<Run> runs() {
        return List.copyOf(runs.all());
    }

    public int runCount() {
        return runs.size();
    }

    /** Known sessions, in id order (a read-only view). */
    public Map<SessionId, SessionInfo> sessions() {
        return Collections.unmodifiableMap(sessions);
    }

    public SessionInfo session(SessionId session) {
        return sessions.get(session);
    }

    /** The run holding {@code offset}, or null when it is plain available (or below {@link #start()}). */
    public Run runAt(long offset) {
        return offset < start ? null : runs.at(offset);
    }

    /** Finished: below {@code start}, acknowledged or archived. */
    public boolean isFinished(long offset) {
        if (offset < start) {
            return true;
        }
        Run run = runs.at(offset);
        return run != null && run.status().isFinished();
    }

    /** May be acquired (ignoring the log end, which the caller knows). */
    public boolean isAvailable(long offset) {
        if (offset < start) {
            return false;
        }
        Run run = runs.at(offset);
        return run == null || run.status() == DeliveryStatus.AVAILABLE;
    }

    /** The delivery count of an offset at or above start. */
    public int deliveryCount(long offset) {
        Run run = runs.at(offset);
        return run == null ? 0 : run.deliveryCount();
    }

    /**
     * The lowest available offset in {@code [max(from, start), endExclusive)}, or -1. Jumps over
     * whole runs, so the cost is the number of runs crossed, not the offsets; a scan from the start
     * begins where the previous one found nothing available ({@link OffsetRuns#notAvailableBelow()}),
     * so the runs held ahead of the first available offset are crossed once, not on every acquire.
     */
    public long nextAvailable(long from, long endExclusive) {
        long unavailableBelow = Math.max(start, runs.notAvailableBelow());
        long offset = Math.max(from, start);
        boolean extendsHint = offset <= unavailableBelow;
        offset = Math.max(offset, unavailableBelow);
        while (offset < endExclusive) {
            Run run = runs.at(offset);
            if (run == null || run.status() == DeliveryStatus.AVAILABLE) {
                if (extendsHint) {
                    runs.notAvailableBelow(offset);
                }
                return offset;
            }
            offset = run.last() + 1;
        }
        if (extendsHint) {
            runs.notAvailableBelow(Math.max(offset, unavailableBelow));
        }
        return -1;
    }

    /** Runs held by {@code session} (at any epoch), in offset order. */
    public List<Run> heldBy(SessionId session) {
        List<Run> held = new ArrayList<>();
        for (Run run : runs.all()) {
            if (run.owner() instanceof Owner.Session owner && owner.session().equals(session)) {
                held.add(run);
            }
        }
        return held;
    }

    /** Runs waiting for the dead-letter move, in offset order. */
    public List<Run> deadLetterPending() {
        List<Run> pending = new ArrayList<>();
        for (Run run : runs.all()) {
            if (run.status() == DeliveryStatus.DEAD_LETTER_PENDING) {
                pending.add(run);
            }
        }
        return pending;
    }

    /**
     * Applies a committed record. A record from an older leader epoch than the newest applied is
     * rejected ({@link DeliveryError#STALE_LEADER_EPOCH}); any other record is checked as a whole
     * and either applied completely or rejected without a change.
     */
    public ApplyResult apply(StateRecord record) {
        if (record.leaderEpoch() < leaderEpoch) {
            return new ApplyResult.Rejected(DeliveryError.STALE_LEADER_EPOCH, "record of leader epoch "
                    + record.leaderEpoch() + " after leader epoch " + leaderEpoch + " was applied");
        }
        leaderEpoch = record.leaderEpoch();
        return new RecordApplier(this).apply(record);
    }

    /** The whole state as a snapshot record stamped with {@code recordLeaderEpoch}. */
    public StateRecord.Snapshot toSnapshot(int recordLeaderEpoch) {
        List<StateRecord.SessionEntry> entries = new ArrayList<>(sessions.size());
        sessions.forEach((id, info) -> entries.add(new StateRecord.SessionEntry(id, info)));
        return new StateRecord.Snapshot(recordLeaderEpoch, start, entries, new ArrayList<>(runs.all()));
    }

    // ---------------------------------------------------------------- mutation, for RecordApplier

    OffsetRuns runMap() {
        return runs;
    }

    void putSession(SessionId session, SessionInfo info) {
        sessions.put(session, info);
    }

    void removeSession(SessionId session) {
        sessions.remove(session);
    }

    void replaceWith(StateRecord.Snapshot snapshot) {
        start = snapshot.start();
        runs.clear();
        sessions.clear();
        for (StateRecord.SessionEntry entry : snapshot.sessions()) {
            sessions.put(entry.session(), entry.info());
        }
        for (Run run : snapshot.runs()) {
            if (run.first() < start) {
                throw new IllegalArgumentException("snapshot run " + run + " lies below start " + start);
            }
            runs.load(run);
        }
        advanceStart();
    }

    /** Moves {@code start} past a finished prefix. */
    void advanceStart() {
        Run first = runs.first();
        while (first != null && first.first() == start && first.status().isFinished()) {
            start = first.last() + 1;
            runs.removeFirst();
            first = runs.first();
        }
    }

    @Override
    public String toString() {
        return "DeliveryState(start=" + start + ", leaderEpoch=" + leaderEpoch + ", runs=" + runs.size()
                + ", sessions=" + sessions.size() + ")";
    }
}
