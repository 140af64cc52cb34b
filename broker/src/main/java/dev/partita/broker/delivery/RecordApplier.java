package dev.partita.broker.delivery;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies one record to a {@link DeliveryState}: first checks every offset the record names, then
 * changes them all, so a record is applied completely or not at all. Pure: reads no clock, so every
 * replica gets the same result. Used only by {@link DeliveryState#apply}; not thread-safe.
 */
final class RecordApplier {

    /** A part of a range that lies in one run (or in none: {@code run == null}, plain available). */
    record Piece(long first, long last, Run run) {
    }

    private final DeliveryState state;
    private final OffsetRuns runs;

    RecordApplier(DeliveryState state) {
        this.state = state;
        this.runs = state.runMap();
    }

    ApplyResult apply(StateRecord record) {
        if (record instanceof StateRecord.Acquire acquire) {
            return acquire(acquire);
        } else if (record instanceof StateRecord.Ack ack) {
            return ack(ack);
        } else if (record instanceof StateRecord.Release release) {
            return release(release);
        } else if (record instanceof StateRecord.Archive archive) {
            return archive(archive);
        } else if (record instanceof StateRecord.Expire expire) {
            return expire(expire);
        } else if (record instanceof StateRecord.Snapshot snapshot) {
            return snapshot(snapshot);
        } else if (record instanceof StateRecord.PendingAck pendingAck) {
            return pendingAck(pendingAck);
        } else if (record instanceof StateRecord.TxnMarker marker) {
            return marker(marker);
        }
        throw new IllegalArgumentException("unknown record " + record);
    }

    private static ApplyResult applied() {
        return new ApplyResult.Applied(List.of());
    }

    private static ApplyResult rejected(DeliveryError error, String message) {
        return new ApplyResult.Rejected(error, message);
    }

    /** Splits {@code first..last} at start and at run boundaries (offsets below start: one piece with a null run). */
    List<Piece> pieces(long first, long last) {
        List<Piece> pieces = new ArrayList<>();
        long offset = first;
        while (offset <= last) {
            if (offset < state.start()) {
                long pieceLast = Math.min(last, state.start() - 1);
                pieces.add(new Piece(offset, pieceLast, null));
                offset = pieceLast + 1;
                continue;
            }
            Run run = runs.at(offset);
            long pieceLast;
            if (run == null) {
                Run next = runs.after(offset);
                pieceLast = next == null ? last : Math.min(last, next.first() - 1);
            } else {
                pieceLast = Math.min(last, run.last());
            }
            pieces.add(new Piece(offset, pieceLast, run));
            offset = pieceLast + 1;
        }
        return pieces;
    }

    /** Null when {@code session} exists at exactly {@code epoch}, else why not. */
    private ApplyResult.Rejected checkSession(SessionId session, int epoch) {
        SessionInfo info = state.session(session);
        if (info == null) {
            return new ApplyResult.Rejected(DeliveryError.NOT_HELD, session + " is unknown");
        }
        if (info.epoch() != epoch) {
            return new ApplyResult.Rejected(DeliveryError.STALE_SESSION_EPOCH,
                    session + " is at epoch " + info.epoch() + ", not " + epoch);
        }
        return null;
    }

    /** Null when all of {@code range} is held by (session, epoch) with its delivery count. */
    private ApplyResult.Rejected checkHeld(OffsetRange range, Owner.Session owner) {
        for (Piece piece : pieces(range.first(), range.last())) {
            Run run = piece.run();
            if (piece.first() < state.start() || run == null || run.status() != DeliveryStatus.ACQUIRED
                    || !run.owner().equals(owner) || run.deliveryCount() != range.deliveryCount()) {
                return new ApplyResult.Rejected(DeliveryError.NOT_HELD, "offsets " + piece.first() + ".." + piece.last()
                        + " are not held by " + owner.session() + " at epoch " + owner.sessionEpoch()
                        + " with delivery count " + range.deliveryCount());
            }
        }
        return null;
    }

    private ApplyResult acquire(StateRecord.Acquire record) {
        SessionInfo info = state.session(record.session());
        if (info != null && info.epoch() != record.sessionEpoch()) {
            return rejected(DeliveryError.STALE_SESSION_EPOCH,
                    record.session() + " is at epoch " + info.epoch() + ", not " + record.sessionEpoch());
        }
        for (OffsetRange range : record.ranges()) {
            for (Piece piece : pieces(range.first(), range.last())) {
                Run run = piece.run();
                boolean available = piece.first() >= state.start()
                        && (run == null ? range.deliveryCount() == 0
                            : run.status() == DeliveryStatus.AVAILABLE && run.deliveryCount() == range.deliveryCount());
                if (!available) {
                    return rejected(DeliveryError.NOT_AVAILABLE, "offsets " + piece.first() + ".." + piece.last()
                            + " are not available with delivery count " + range.deliveryCount());
                }
            }
        }
        Owner.Session owner = new Owner.Session(record.session(), record.sessionEpoch());
        for (OffsetRange range : record.ranges()) {
            runs.set(range.first(), range.last(), DeliveryStatus.ACQUIRED, owner, range.deliveryCount());
        }
        state.putSession(record.session(), new SessionInfo(record.connection(), record.sessionEpoch(), false));
        return applied();
    }

    private ApplyResult ack(StateRecord.Ack record) {
        if (allAcked(record.ranges())) {
            return applied(); // a repeat of an ack already applied
        }
        ApplyResult.Rejected bad = checkSession(record.session(), record.sessionEpoch());
        if (bad != null) {
            return bad;
        }
        Owner.Session owner = new Owner.Session(record.session(), record.sessionEpoch());
        for (OffsetRange range : record.ranges()) {
            for (Piece piece : pieces(range.first(), range.last())) {
                if (!isAcked(piece)) {
                    bad = checkHeld(new OffsetRange(piece.first(), piece.last(), range.deliveryCount()), owner);
                    if (bad != null) {
                        return bad;
                    }
                }
            }
        }
        for (OffsetRange range : record.ranges()) {
            for (Piece piece : pieces(range.first(), range.last())) {
                if (piece.first() >= state.start()) {
                    runs.set(piece.first(), piece.last(), DeliveryStatus.ACKNOWLEDGED, null, 0);
                }
            }
        }
        state.advanceStart();
        return applied();
    }

    private boolean isAcked(Piece piece) {
        if (piece.last() < state.start()) {
            return true;
        }
        Run run = piece.run();
        return piece.first() >= state.start() && run != null && run.status() == DeliveryStatus.ACKNOWLEDGED;
    }

    private boolean allAcked(List<OffsetRange> ranges) {
        for (OffsetRange range : ranges) {
            for (Piece piece : pieces(range.first(), range.last())) {
                if (!isAcked(piece)) {
                    return false;
                }
            }
        }
        return true;
    }

    private ApplyResult release(StateRecord.Release record) {
        ApplyResult.Rejected bad = checkSession(record.session(), record.sessionEpoch());
        if (bad != null) {
            return bad;
        }
        Owner.Session owner = new Owner.Session(record.session(), record.sessionEpoch());
        for (ReleaseRange release : record.ranges()) {
            bad = checkHeld(release.range(), owner);
            if (bad != null) {
                return bad;
            }
        }
        List<Run> deadLettered = new ArrayList<>();
        for (ReleaseRange release : record.ranges()) {
            OffsetRange range = release.range();
            int count = range.deliveryCount() + (release.delivered() ? 1 : 0);
            makeAvailable(range.first(), range.last(), count, release.delivered(), record.maxDeliveryCount(), deadLettered);
        }
        return new ApplyResult.Applied(deadLettered);
    }

    /** Gives offsets back at {@code count}, or parks them for the dead-letter queue if a delivery reached the maximum. */
    private void makeAvailable(long first, long last, int count, boolean counted, int maxDeliveryCount, List<Run> deadLettered) {
        if (counted && count >= maxDeliveryCount) {
            runs.set(first, last, DeliveryStatus.DEAD_LETTER_PENDING, null, count);
            deadLettered.add(new Run(first, last, DeliveryStatus.DEAD_LETTER_PENDING, null, count));
        } else {
            runs.set(first, last, DeliveryStatus.AVAILABLE, null, count);
        }
    }

    private ApplyResult archive(StateRecord.Archive record) {
        Owner.Session owner = null;
        if (record.session() != null) {
            ApplyResult.Rejected bad = checkSession(record.session(), record.sessionEpoch());
            if (bad != null) {
                return bad;
            }
            owner = new Owner.Session(record.session(), record.sessionEpoch());
        }
        for (OffsetRange range : record.ranges()) {
            for (Piece piece : pieces(range.first(), range.last())) {
                if (!archivable(piece, range.deliveryCount(), owner)) {
                    return rejected(owner == null ? DeliveryError.NOT_AVAILABLE : DeliveryError.NOT_HELD,
                            "offsets " + piece.first() + ".." + piece.last() + " cannot be archived with delivery count "
                                    + range.deliveryCount() + (owner == null ? "" : " by " + owner.session()));
                }
            }
        }
        for (OffsetRange range : record.ranges()) {
            for (Piece piece : pieces(range.first(), range.last())) {
                if (piece.first() >= state.start()) {
                    runs.set(piece.first(), piece.last(), DeliveryStatus.ARCHIVED, null, 0);
                }
            }
        }
        state.advanceStart();
        return applied();
    }

    private boolean archivable(Piece piece, int deliveryCount, Owner.Session owner) {
        if (piece.last() < state.start()) {
            return true; // already finished: a retried dead-letter archive
        }
        if (piece.first() < state.start()) {
            return false;
        }
        Run run = piece.run();
        if (run != null && run.status() == DeliveryStatus.ARCHIVED) {
            return true; // a retried archive
        }
        if (owner != null) {
            return run != null && run.status() == DeliveryStatus.ACQUIRED && run.owner().equals(owner)
                    && run.deliveryCount() == deliveryCount;
        }
        if (run == null) {
            return deliveryCount == 0;
        }
        return (run.status() == DeliveryStatus.AVAILABLE || run.status() == DeliveryStatus.DEAD_LETTER_PENDING)
                && run.deliveryCount() == deliveryCount;
    }

    private ApplyResult expire(StateRecord.Expire record) {
        ApplyResult.Rejected bad = checkSession(record.session(), record.sessionEpoch());
        if (bad != null) {
            return bad;
        }
        Owner.Session owner = new Owner.Session(record.session(), record.sessionEpoch());
        List<Run> deadLettered = new ArrayList<>();
        for (Run run : new ArrayList<>(runs.all())) {
            if (owner.equals(run.owner())) {
                makeAvailable(run.first(), run.last(), run.deliveryCount() + 1, true, record.maxDeliveryCount(), deadLettered);
            }
        }
        SessionInfo info = state.session(record.session());
        if (record.reason() == ExpireReason.CLOSED) {
            state.removeSession(record.session());
        } else {
            state.putSession(record.session(), new SessionInfo(info.connection(), info.epoch() + 1, true));
        }
        return new ApplyResult.Applied(deadLettered);
    }

    private ApplyResult snapshot(StateRecord.Snapshot record) {
        long previousEnd = -1;
        for (Run run : record.runs()) {
            if (run.first() < record.start() || run.first() <= previousEnd) {
                return rejected(DeliveryError.INVALID_REQUEST, "snapshot runs are not sorted above start: " + run);
            }
            previousEnd = run.last();
        }
        state.replaceWith(record);
        return applied();
    }

    private ApplyResult pendingAck(StateRecord.PendingAck record) {
        ApplyResult.Rejected bad = checkSession(record.session(), record.sessionEpoch());
        if (bad != null) {
            return bad;
        }
        Owner.Session owner = new Owner.Session(record.session(), record.sessionEpoch());
        for (OffsetRange range : record.ranges()) {
            bad = checkHeld(range, owner);
            if (bad != null) {
                return bad;
            }
        }
        Owner.Transaction transaction = new Owner.Transaction(record.producerId(), record.producerEpoch());
        for (OffsetRange range : record.ranges()) {
            runs.set(range.first(), range.last(), DeliveryStatus.PENDING_ACK, transaction, range.deliveryCount());
        }
        return applied();
    }

    private ApplyResult marker(StateRecord.TxnMarker record) {
        Owner.Transaction transaction = new Owner.Transaction(record.producerId(), record.producerEpoch());
        List<Run> deadLettered = new ArrayList<>();
        for (Run run : new ArrayList<>(runs.all())) {
            if (transaction.equals(run.owner())) {
                if (record.commit()) {
                    runs.set(run.first(), run.last(), DeliveryStatus.ACKNOWLEDGED, null, 0);
                } else {
                    makeAvailable(run.first(), run.last(), run.deliveryCount() + 1, true, record.maxDeliveryCount(),
                            deadLettered);
                }
            }
        }
        state.advanceStart();
        return new ApplyResult.Applied(deadLettered);
    }
}
