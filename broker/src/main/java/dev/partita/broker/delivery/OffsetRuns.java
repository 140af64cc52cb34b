package dev.partita.broker.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run-length-encoded exception map of one subscription partition: disjoint {@link Run}s keyed
 * by their first offset. Adjacent runs with the same value are always merged, and an available
 * run with delivery count 0 is never stored (absence means exactly that), so memory is bounded by
 * the number of distinct exception runs, never by the offset span. Not thread-safe.
 */
final class OffsetRuns {

    private final TreeMap<Long, Run> runs = new TreeMap<>();

    OffsetRuns copy() {
        OffsetRuns copy = new OffsetRuns();
        copy.runs.putAll(runs);
        return copy;
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

    /** Runs overlapping {@code first..last}, in offset order (whole runs, not clipped). */
    List<Run> overlapping(long first, long last) {
        List<Run> result = new ArrayList<>();
        Run floor = at(first);
        if (floor != null) {
            result.add(floor);
        }
        for (Run run : runs.subMap(first, false, last, true).values()) {
            result.add(run);
        }
        return result;
    }

    /** Adds a run loaded from a snapshot (must not overlap what is there). */
    void load(Run run) {
        if (at(run.first()) != null || !runs.subMap(run.first(), true, run.last(), true).isEmpty()) {
            throw new IllegalArgumentException("snapshot run " + run + " overlaps another");
        }
        runs.put(run.first(), run);
    }

    /**
     * Sets {@code first..last} to one value (splitting runs at the edges, merging with equal
     * neighbours). An available value with delivery count 0 just clears the range.
     */
    void set(long first, long last, DeliveryStatus status, Owner owner, int deliveryCount) {
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
