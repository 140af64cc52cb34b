package dev.partita.broker.delivery;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run-length-encoded exception map of one subscription partition: disjoint {@link Run}s keyed
 * by their first offset. Adjacent runs with the same value are always merged, and an available
 * run with delivery count 0 is never stored (absence means exactly that), so memory is bounded by
 * the number of distinct exception runs, never by the offset span. Not thread-safe.
 *
 * <p>It also keeps a scan hint for {@link DeliveryState#nextAvailable}: no offset between the
 * subscription's start and {@link #notAvailableBelow()} is available. Every change that may make
 * an offset available lowers it; only a scan raises it. Without it every acquire walked from the
 * start across each run still held: consumers taking one record each leave one-offset runs of
 * different owners that never merge, up to the sum of their prefetch.
 */
final class OffsetRuns {

    private final TreeMap<Long, Run> runs = new TreeMap<>();
    private long notAvailableBelow = Long.MIN_VALUE;

    OffsetRuns copy() {
        OffsetRuns copy = new OffsetRuns();
        copy.runs.putAll(runs);
        copy.notAvailableBelow = notAvailableBelow;
        return copy;
    }

    /** No offset from the subscription's start up to (excluding) this one is available. */
    long notAvailableBelow() {
        return notAvailableBelow;
    }

    /** After a scan found every offset from the start up to (excluding) {@code offset} unavailable. */
    void notAvailableBelow(long offset) {
        notAvailableBelow = offset;
    }

    int size() {
        return runs.size();
    }

    Collection<Run> all() {
        return runs.values();
    }

    Run first() {
        Map.Entry<Long, Run> first = runs.firstEntry();
        return first == null ? null : first.getValue();
    }

    void removeFirst() {
        runs.pollFirstEntry();
    }

    void clear() {
        runs.clear();
        notAvailableBelow = Long.MIN_VALUE;
    }

    /** The run holding {@code offset}, or null. */
    Run at(long offset) {
        Map.Entry<Long, Run> floor = runs.floorEntry(offset);
        return floor != null && floor.getValue().last() >= offset ? floor.getValue() : null;
    }

    /** The first run starting above {@code offset}, or null. */
    Run after(long offset) {
        Map.Entry<Long, Run> higher = runs.higherEntry(offset);
        return higher == null ? null : higher.getValue();
    }

    /** Adds a run loaded from a snapshot (must not overlap what is there). */
    void load(Run run) {
        if (at(run.first()) != null || !runs.subMap(run.first(), true, run.last(), true).isEmpty()) {
            throw new IllegalArgumentException("snapshot run " + run + " overlaps another");
        }
        if (run.status() == DeliveryStatus.AVAILABLE) {
            notAvailableBelow = Math.min(notAvailableBelow, run.first());
        }
        runs.put(run.first(), run);
    }

    /**
     * Sets {@code first..last} to one value (splitting runs at the edges, merging with equal
     * neighbours). An available value with delivery count 0 just clears the range.
     */
    void set(long first, long last, DeliveryStatus status, Owner owner, int deliveryCount) {
        if (status == DeliveryStatus.AVAILABLE) {
            notAvailableBelow = Math.min(notAvailableBelow, first);
        }
        clearRange(first, last);
        if (status == DeliveryStatus.AVAILABLE && deliveryCount == 0) {
            return;
        }
        Run run = new Run(first, last, status, owner, deliveryCount);
        Map.Entry<Long, Run> below = runs.lowerEntry(first);
        if (below != null && below.getValue().last() + 1 == first && below.getValue().sameValueAs(run)) {
            runs.remove(below.getKey());
            run = run.withBounds(below.getValue().first(), run.last());
        }
        Run above = runs.get(last + 1);
        if (above != null && above.sameValueAs(run)) {
            runs.remove(above.first());
            run = run.withBounds(run.first(), above.last());
        }
        runs.put(run.first(), run);
    }

    private void clearRange(long first, long last) {
        Run left = at(first);
        if (left != null && left.first() < first) {
            runs.put(left.first(), left.withBounds(left.first(), first - 1));
            if (left.last() > last) {
                runs.put(last + 1, left.withBounds(last + 1, left.last()));
                return;
            }
        }
        Run right = at(last);
        if (right != null && right.last() > last) {
            runs.put(last + 1, right.withBounds(last + 1, right.last()));
        }
        runs.subMap(first, true, last, true).clear();
    }
}
