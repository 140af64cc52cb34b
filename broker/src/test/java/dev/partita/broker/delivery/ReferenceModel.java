package dev.partita.broker.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The simulation's oracle: the delivery-state rules written the naive way, one map entry per
 * offset, no run-length encoding, no shared code with the production classes. The simulation
 * applies the same committed records to both and compares them after every event.
 */
final class ReferenceModel {

    record Entry(DeliveryStatus status, Owner owner, int count) {
    }

    long start;
    int leaderEpoch = -1;
    final TreeMap<Long, Entry> entries = new TreeMap<>();
    final TreeMap<SessionId, SessionInfo> sessions = new TreeMap<>();

    ReferenceModel(long start) {
        this.start = start;
    }

    /** Null = plain available with count 0 (or below start). */
    Entry at(long offset) {
        return entries.get(offset);
    }

    boolean isAvailable(long offset) {
        Entry entry = entries.get(offset);
        return offset >= start && (entry == null || entry.status() == DeliveryStatus.AVAILABLE);
    }

    int count(long offset) {
        Entry entry = entries.get(offset);
        return entry == null ? 0 : entry.count();
    }

    /** Applies like DeliveryState.apply; returns whether it was applied. */
    boolean apply(StateRecord record) {
        if (record.leaderEpoch() < leaderEpoch) {
            return false;
        }
        leaderEpoch = record.leaderEpoch();
        boolean applied = doApply(record);
        while (entries.containsKey(start) && isFinished(entries.get(start).status())) {
            entries.remove(start);
            start++;
        }
        return applied;
    }

    private static boolean isFinished(DeliveryStatus status) {
        return status == DeliveryStatus.ACKNOWLEDGED || status == DeliveryStatus.ARCHIVED;
    }

    private static List<Long> offsets(List<OffsetRange> ranges) {
        List<Long> offsets = new ArrayList<>();
        for (OffsetRange range : ranges) {
            for (long o = range.first(); o <= range.last(); o++) {
                offsets.add(o);
            }
        }
        return offsets;
    }

    private boolean sessionAt(SessionId session, int epoch) {
        SessionInfo info = sessions.get(session);
        return info != null && info.epoch() == epoch;
    }

    private boolean held(long offset, Owner owner, int count) {
        Entry entry = entries.get(offset);
        return offset >= start && entry != null && entry.status() == DeliveryStatus.ACQUIRED
                && entry.owner().equals(owner) && entry.count() == count;
    }

    private void put(long offset, DeliveryStatus status, Owner owner, int count) {
        if (status == DeliveryStatus.AVAILABLE && count == 0) {
            entries.remove(offset);
        } else {
            entries.put(offset, new Entry(status, owner, count));
        }
    }

    private void giveBack(long offset, int count, int max) {
        put(offset, count >= max ? DeliveryStatus.DEAD_LETTER_PENDING : DeliveryStatus.AVAILABLE, null, count);
    }

    private boolean doApply(StateRecord record) {
        if (record instanceof StateRecord.Acquire r) {
            SessionInfo info = sessions.get(r.session());
            if (info != null && info.epoch() != r.sessionEpoch()) {
                return false;
            }
            for (OffsetRange range : r.ranges()) {
                for (long o = range.first(); o <= range.last(); o++) {
                    if (!isAvailable(o) || count(o) != range.deliveryCount()) {
                        return false;
                    }
                }
            }
            for (OffsetRange range : r.ranges()) {
                for (long o = range.first(); o <= range.last(); o++) {
                    put(o, DeliveryStatus.ACQUIRED, new Owner.Session(r.session(), r.sessionEpoch()), range.deliveryCount());
                }
            }
            sessions.put(r.session(), new SessionInfo(r.connection(), r.sessionEpoch(), false));
            return true;
        }
        if (record instanceof StateRecord.Ack r) {
            boolean allDone = true;
            for (OffsetRange range : r.ranges()) {
                for (long o = range.first(); o <= range.last(); o++) {
                    allDone &= ackedAt(o, range.deliveryCount());
                }
            }
            if (allDone) {
                return true;
            }
            if (!sessionAt(r.session(), r.sessionEpoch())) {
                return false;
            }
            Owner owner = new Owner.Session(r.session(), r.sessionEpoch());
            for (OffsetRange range : r.ranges()) {
                for (long o = range.first(); o <= range.last(); o++) {
                    if (!ackedAt(o, range.deliveryCount()) && !held(o, owner, range.deliveryCount())) {
                        return false;
                    }
                }
            }
            for (OffsetRange range : r.ranges()) {
                for (long o = range.first(); o <= range.last(); o++) {
                    if (o >= start) {
                        put(o, DeliveryStatus.ACKNOWLEDGED, null, 0);
                    }
                }
            }
            return true;
        }
        if (record instanceof StateRecord.Release r) {
            if (!sessionAt(r.session(), r.sessionEpoch())) {
                return false;
            }
            Owner owner = new Owner.Session(r.session(), r.sessionEpoch());
            for (ReleaseRange release : r.ranges()) {
                for (long o = release.range().first(); o <= release.range().last(); o++) {
                    if (!held(o, owner, release.range().deliveryCount())) {
                        return false;
                    }
                }
            }
            for (ReleaseRange release : r.ranges()) {
                for (long o = release.range().first(); o <= release.range().last(); o++) {
                    int count = release.range().deliveryCount();
                    if (release.delivered()) {
                        giveBack(o, count + 1, r.maxDeliveryCount());
                    } else {
                        put(o, DeliveryStatus.AVAILABLE, null, count);
                    }
                }
            }
            return true;
        }
        if (record instanceof StateRecord.Archive r) {
            Owner owner = null;
            if (r.session() != null) {
                if (!sessionAt(r.session(), r.sessionEpoch())) {
                    return false;
                }
                owner = new Owner.Session(r.session(), r.sessionEpoch());
            }
            for (OffsetRange range : r.ranges()) {
                for (long o = range.first(); o <= range.last(); o++) {
                    if (!archivable(o, range.deliveryCount(), owner)) {
                        return false;
                    }
                }
            }
            for (long o : offsets(r.ranges())) {
                if (o >= start) {
                    put(o, DeliveryStatus.ARCHIVED, null, 0);
                }
            }
            return true;
        }
        if (record instanceof StateRecord.Expire r) {
            if (!sessionAt(r.session(), r.sessionEpoch())) {
                return false;
            }
            Owner owner = new Owner.Session(r.session(), r.sessionEpoch());
            for (Map.Entry<Long, Entry> e : new ArrayList<>(entries.entrySet())) {
                if (owner.equals(e.getValue().owner())) {
                    giveBack(e.getKey(), e.getValue().count() + 1, r.maxDeliveryCount());
                }
            }
            SessionInfo info = sessions.get(r.session());
            if (r.reason() == ExpireReason.CLOSED) {
                sessions.remove(r.session());
            } else {
                sessions.put(r.session(), new SessionInfo(info.connection(), info.epoch() + 1, true));
            }
            return true;
        }
        if (record instanceof StateRecord.Snapshot) {
            return true; // the simulation checks the snapshot's content against this model instead
        }
        throw new IllegalArgumentException("the simulation does not write " + record.type());
    }

    private boolean ackedAt(long offset, int count) {
        if (offset < start) {
            return true;
        }
        Entry entry = entries.get(offset);
        return entry != null && entry.status() == DeliveryStatus.ACKNOWLEDGED;
    }

    private boolean archivable(long offset, int count, Owner owner) {
        if (offset < start) {
            return true;
        }
        Entry entry = entries.get(offset);
        if (entry != null && entry.status() == DeliveryStatus.ARCHIVED) {
            return true;
        }
        if (owner != null) {
            return held(offset, owner, count);
        }
        if (entry == null) {
            return count == 0;
        }
        return (entry.status() == DeliveryStatus.AVAILABLE || entry.status() == DeliveryStatus.DEAD_LETTER_PENDING)
                && entry.count() == count;
    }

    /** The entries as maximal runs, as the production class must store them. */
    List<Run> runs() {
        List<Run> runs = new ArrayList<>();
        for (Map.Entry<Long, Entry> e : entries.entrySet()) {
            long o = e.getKey();
            Entry v = e.getValue();
            if (!runs.isEmpty()) {
                Run last = runs.get(runs.size() - 1);
                if (last.last() + 1 == o && last.status() == v.status() && last.deliveryCount() == v.count()
                        && Objects.equals(last.owner(), v.owner())) {
                    runs.set(runs.size() - 1, new Run(last.first(), o, v.status(), v.owner(), v.count()));
                    continue;
                }
            }
            runs.add(new Run(o, o, v.status(), v.owner(), v.count()));
        }
        return runs;
    }
}
