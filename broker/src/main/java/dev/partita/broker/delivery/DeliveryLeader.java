package dev.partita.broker.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The partition leader's side of one subscription partition's delivery state: turns client
 * operations into {@link StateRecord}s to append to {@code p.state}, and decides lease expiry.
 *
 * <p>Protocol for the caller (the partition's single writer thread):
 * <ol>
 *   <li>call an operation ({@link #acquire}, {@link #ack}, {@link #release}, {@link #reject},
 *       {@link #archive}, {@link #closeSession}, {@link #poll}, {@link #snapshot}); a
 *       {@link Proposal.Append} carries the record to append;</li>
 *   <li>append the record (in proposal order) and wait until it is committed (below
 *       {@code p.state}'s high watermark);</li>
 *   <li>call {@link #apply} with it and answer the client from the {@link ApplyResult}.</li>
 * </ol>
 * Proposals are validated against the committed state plus the proposals still in flight: an
 * acquire skips offsets an uncommitted record touches, other operations on such offsets are
 * refused with {@link DeliveryError#IN_FLIGHT}. If an append fails, call {@link #abandonPending}
 * (and normally rebuild the state, since leadership is likely gone).
 *
 * <p>Leases: call {@link #heartbeat} for every request or heartbeat of a connection, and
 * {@link #poll} at the latest by the deadline it returns. Only the leader reads time (through the
 * arguments); followers apply records and never decide expiry. A new leader starts every known
 * session's lease afresh at its first poll.
 *
 * <p>Not thread-safe: one thread owns it.
 */
public final class DeliveryLeader {

    private final DeliveryState state;
    private final int leaderEpoch;
    private final DeliveryConfig config;
    private final ArrayDeque<StateRecord> pending = new ArrayDeque<>();
    /** Offsets touched by uncommitted records: first -> last, disjoint. */
    private final TreeMap<Long, Long> inFlight = new TreeMap<>();
    private final Set<SessionId> expiring = new HashSet<>();
    private final LeaseTable leases;

    /**
     * @param state       the committed state, as replicated or replayed; owned by this leader from now on
     * @param leaderEpoch this broker's leader epoch for the partition; stamped on every record
     */
    public DeliveryLeader(DeliveryState state, int leaderEpoch, DeliveryConfig config) {
        if (leaderEpoch < state.leaderEpoch()) {
            throw new IllegalArgumentException("leader epoch " + leaderEpoch + " is older than the state's "
                    + state.leaderEpoch());
        }
        this.state = state;
        this.leaderEpoch = leaderEpoch;
        this.config = config;
        this.leases = new LeaseTable(config.leaseTimeoutMs());
    }

    /** The committed state (read it, never change it). */
    public DeliveryState state() {
        return state;
    }

    public int leaderEpoch() {
        return leaderEpoch;
    }

    /** Proposed records not yet applied. */
    public int pendingCount() {
        return pending.size();
    }

    /**
     * Acquires available offsets in offset order from {@code start} (or the request's
     * {@code fromOffset} when higher): up to {@code maxRecords},
     * below the high watermark, skipping offsets in flight and offsets the filter rejects (which
     * stay available). The record's ranges are what the response hands out, with their delivery
     * counts.
     */
    public Proposal acquire(AcquireRequest request) {
        Proposal.Refused refused = checkSession(request.session(), request.sessionEpoch(), true);
        if (refused != null) {
            return refused;
        }
        List<OffsetRange> ranges = new ArrayList<>();
        long offset = Math.max(state.start(), request.fromOffset());
        int taken = 0;
        int rejected = 0;
        while (taken < request.maxRecords()) {
            offset = state.nextAvailable(offset, request.endOffsetExclusive());
            if (offset < 0) {
                break;
            }
            Map.Entry<Long, Long> busy = inFlight.floorEntry(offset);
            if (busy != null && busy.getValue() >= offset) {
                offset = busy.getValue() + 1;
                continue;
            }
            if (!request.filter().test(offset)) {
                if (++rejected > request.maxScan()) {
                    break;
                }
                offset++;
                continue;
            }
            Ranges.appendOffset(ranges, offset, state.deliveryCount(offset));
            taken++;
            offset++;
        }
        if (ranges.isEmpty()) {
            return new Proposal.Nothing("no available offsets below " + request.endOffsetExclusive());
        }
        return propose(new StateRecord.Acquire(leaderEpoch, request.session(), request.sessionEpoch(),
                request.connection(), ranges), ranges);
    }

    /**
     * Acknowledges offsets the session holds, each at the delivery count it was acquired with. An
     * ack whose offsets are all acknowledged already (a retry) succeeds with nothing to write;
     * offsets neither held nor acknowledged refuse the whole ack.
     */
    public Proposal ack(SessionId session, int sessionEpoch, List<OffsetRange> ranges) {
        Proposal.Refused refused = checkRanges(ranges);
        if (refused != null) {
            return refused;
        }
        RecordApplier pieces = new RecordApplier(state);
        boolean allDone = true;
        List<OffsetRange> held = new ArrayList<>();
        Owner.Session owner = new Owner.Session(session, sessionEpoch);
        for (OffsetRange range : ranges) {
            for (RecordApplier.Piece piece : pieces.pieces(range.first(), range.last())) {
                Run run = piece.run();
                boolean done = piece.last() < state.start() || run != null && run.status() == DeliveryStatus.ACKNOWLEDGED;
                allDone &= done;
                if (!done && run != null && owner.equals(run.owner()) && run.deliveryCount() == range.deliveryCount()) {
                    held.add(new OffsetRange(piece.first(), piece.last(), range.deliveryCount()));
                } else if (!done) {
                    held = null;
                    break;
                }
            }
            if (held == null) {
                break;
            }
        }
        if (allDone) {
            return new Proposal.Nothing("already acknowledged");
        }
        refused = checkSession(session, sessionEpoch, false);
        if (refused != null) {
            return refused;
        }
        if (held == null) {
            return refused(DeliveryError.NOT_HELD, "an offset in " + ranges + " is not held by " + session
                    + " at epoch " + sessionEpoch + " with that delivery count", session);
        }
        return propose(new StateRecord.Ack(leaderEpoch, session, sessionEpoch, held), held);
    }

    /**
     * Gives back offsets the session holds (recover, rollback, consumer close); those marked
     * delivered get delivery count + 1. Offsets it no longer holds are ignored (a retried release).
     */
    public Proposal release(SessionId session, int sessionEpoch, List<ReleaseRange> ranges) {
        List<OffsetRange> plain = new ArrayList<>();
        ranges.forEach(r -> plain.add(r.range()));
        Proposal.Refused refused = checkRanges(plain);
        if (refused == null) {
            refused = checkSession(session, sessionEpoch, false);
        }
        if (refused != null) {
            return refused;
        }
        Owner.Session owner = new Owner.Session(session, sessionEpoch);
        RecordApplier pieces = new RecordApplier(state);
        List<ReleaseRange> held = new ArrayList<>();
        List<OffsetRange> touched = new ArrayList<>();
        for (ReleaseRange release : ranges) {
            for (RecordApplier.Piece piece : pieces.pieces(release.range().first(), release.range().last())) {
                Run run = piece.run();
                if (run != null && owner.equals(run.owner()) && run.deliveryCount() == release.range().deliveryCount()) {
                    OffsetRange part = new OffsetRange(piece.first(), piece.last(), run.deliveryCount());
                    held.add(new ReleaseRange(part, release.delivered()));
                    touched.add(part);
                }
            }
        }
        if (held.isEmpty()) {
            return new Proposal.Nothing("nothing of " + ranges + " is held by " + session);
        }
        return propose(new StateRecord.Release(leaderEpoch, session, sessionEpoch, config.maxDeliveryCount(), held),
                touched);
    }

    /** The session finishes offsets it holds without an ack (e.g. the client found them expired). */
    public Proposal reject(SessionId session, int sessionEpoch, List<OffsetRange> ranges, ArchiveReason reason) {
        Proposal.Refused refused = checkRanges(ranges);
        if (refused == null) {
            refused = checkSession(session, sessionEpoch, false);
        }
        if (refused != null) {
            return refused;
        }
        Owner.Session owner = new Owner.Session(session, sessionEpoch);
        for (OffsetRange range : ranges) {
            for (RecordApplier.Piece piece : new RecordApplier(state).pieces(range.first(), range.last())) {
                Run run = piece.run();
                if (run == null || !owner.equals(run.owner()) || run.deliveryCount() != range.deliveryCount()) {
                    return refused(DeliveryError.NOT_HELD, "offsets " + piece.first() + ".." + piece.last()
                            + " are not held by " + session, session);
                }
            }
        }
        return propose(new StateRecord.Archive(leaderEpoch, reason, session, sessionEpoch, ranges), ranges);
    }

    /**
     * The broker finishes available or dead-letter-pending offsets: the expiry reaper, a topic
     * subscription's selector, or the dead-letter move after its append to the dead-letter queue.
     */
    public Proposal archive(ArchiveReason reason, List<OffsetRange> ranges) {
        Proposal.Refused refused = checkRanges(ranges);
        if (refused != null) {
            return refused;
        }
        for (OffsetRange range : ranges) {
            for (RecordApplier.Piece piece : new RecordApplier(state).pieces(range.first(), range.last())) {
                Run run = piece.run();
                boolean ok = piece.last() < state.start() || (run == null ? range.deliveryCount() == 0
                        : run.status() == DeliveryStatus.ARCHIVED
                          || (run.status() == DeliveryStatus.AVAILABLE || run.status() == DeliveryStatus.DEAD_LETTER_PENDING)
                             && run.deliveryCount() == range.deliveryCount());
                if (!ok) {
                    return new Proposal.Refused(DeliveryError.NOT_AVAILABLE, "offsets " + piece.first() + ".."
                            + piece.last() + " are not available or dead-letter pending at that delivery count", -1);
                }
            }
        }
        return propose(new StateRecord.Archive(leaderEpoch, reason, null, 0, ranges), ranges);
    }

    /** The client closes the session: what it still holds is released (count + 1) and the session forgotten. */
    public Proposal closeSession(SessionId session, int sessionEpoch) {
        Proposal.Refused refused = checkSession(session, sessionEpoch, false);
        if (refused != null) {
            return refused;
        }
        expiring.add(session);
        return propose(new StateRecord.Expire(leaderEpoch, session, sessionEpoch, ExpireReason.CLOSED,
                config.maxDeliveryCount()), List.of());
    }

    /** A sign of life from {@code connection}: its sessions' leases run until {@code nowMs + leaseTimeoutMs}. */
    public void heartbeat(ConnectionId connection, long nowMs) {
        leases.heartbeat(connection, nowMs);
    }

    /**
     * Expires the sessions of connections whose lease ran out (an {@code EXPIRE} record each,
     * {@link ExpireReason#LEASE_EXPIRED}) and forgets tombstones older than the session retention
     * ({@link ExpireReason#CLOSED}). The records are in flight like any proposal.
     */
    public PollResult poll(long nowMs) {
        List<StateRecord> records = new ArrayList<>();
        long next = Long.MAX_VALUE;
        Set<ConnectionId> used = new HashSet<>();
        for (Map.Entry<SessionId, SessionInfo> entry : state.sessions().entrySet()) {
            SessionId session = entry.getKey();
            SessionInfo info = entry.getValue();
            used.add(info.connection());
            if (expiring.contains(session)) {
                continue;
            }
            long deadline = leases.deadline(info.connection(), nowMs);
            long due = info.expired() ? deadline + config.sessionRetentionMs() : deadline;
            if (due <= nowMs) {
                expiring.add(session);
                StateRecord expire = new StateRecord.Expire(leaderEpoch, session, info.epoch(),
                        info.expired() ? ExpireReason.CLOSED : ExpireReason.LEASE_EXPIRED, config.maxDeliveryCount());
                pending.addLast(expire);
                records.add(expire);
            } else {
                next = Math.min(next, due);
            }
        }
        next = Math.min(next, leases.dropIdleAndNextDeadline(used, nowMs));
        return new PollResult(records, next);
    }

    /**
     * A snapshot of the state as it will be after every record proposed so far: appended after
     * them, it lets replay start there. Once it is committed, {@code p.state} may be cleaned below
     * its offset (when no other subscription's replay needs the earlier records).
     */
    public Proposal snapshot() {
        DeliveryState future = state.copy();
        for (StateRecord record : pending) {
            future.apply(record);
        }
        return propose(future.toSnapshot(leaderEpoch), List.of());
    }

    /**
     * Applies a committed record (normally one this leader proposed, in proposal order) and clears
     * its in-flight marks.
     */
    public ApplyResult apply(StateRecord record) {
        ApplyResult result = state.apply(record);
        if (pending.remove(record)) {
            for (OffsetRange range : touchedBy(record)) {
                inFlight.remove(range.first());
            }
            if (record instanceof StateRecord.Expire expire) {
                expiring.remove(expire.session());
            }
        }
        return result;
    }

    /** Forgets every uncommitted proposal (their appends failed). */
    public void abandonPending() {
        pending.clear();
        inFlight.clear();
        expiring.clear();
    }

    private Proposal propose(StateRecord record, List<OffsetRange> touched) {
        pending.addLast(record);
        for (OffsetRange range : touched) {
            inFlight.put(range.first(), range.last());
        }
        return new Proposal.Append(record);
    }

    private static List<OffsetRange> touchedBy(StateRecord record) {
        if (record instanceof StateRecord.Acquire r) {
            return r.ranges();
        } else if (record instanceof StateRecord.Ack r) {
            return r.ranges();
        } else if (record instanceof StateRecord.Archive r) {
            return r.ranges();
        } else if (record instanceof StateRecord.Release r) {
            List<OffsetRange> ranges = new ArrayList<>();
            r.ranges().forEach(release -> ranges.add(release.range()));
            return ranges;
        }
        return List.of();
    }

    private Proposal.Refused checkRanges(List<OffsetRange> ranges) {
        try {
            Ranges.checkSorted(ranges);
        } catch (IllegalArgumentException e) {
            return new Proposal.Refused(DeliveryError.INVALID_REQUEST, e.getMessage(), -1);
        }
        for (OffsetRange range : ranges) {
            Map.Entry<Long, Long> busy = inFlight.floorEntry(range.last());
            if (busy != null && busy.getValue() >= range.first()) {
                return new Proposal.Refused(DeliveryError.IN_FLIGHT, "offsets " + busy.getKey() + ".." + busy.getValue()
                        + " have an uncommitted change; retry", -1);
            }
        }
        return null;
    }

    /** Null if the session may act at {@code epoch}; an unknown session may only acquire (which creates it). */
    private Proposal.Refused checkSession(SessionId session, int epoch, boolean mayCreate) {
        SessionInfo info = state.session(session);
        if (expiring.contains(session)) {
            // Not STALE yet: the expiry is not committed, and a client must only learn committed facts.
            return new Proposal.Refused(DeliveryError.IN_FLIGHT, session + " is being expired; retry",
                    info == null ? -1 : info.epoch());
        }
        if (info == null) {
            return mayCreate ? null : new Proposal.Refused(DeliveryError.NOT_HELD, session + " holds nothing", -1);
        }
        if (info.epoch() != epoch) {
            return new Proposal.Refused(DeliveryError.STALE_SESSION_EPOCH, session + " is at epoch " + info.epoch()
                    + ", the request names " + epoch, info.epoch());
        }
        return null;
    }

    private Proposal.Refused refused(DeliveryError error, String message, SessionId session) {
        SessionInfo info = state.session(session);
        return new Proposal.Refused(error, message, info == null ? -1 : info.epoch());
    }
}
