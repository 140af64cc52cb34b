package dev.partita.broker.delivery;

import java.util.ArrayList;
import java.util.List;

/** Checks on the range lists records carry: non-empty, sorted, disjoint. Stateless. */
final class Ranges {

    private Ranges() {
    }

    static List<OffsetRange> checkSorted(List<OffsetRange> ranges) {
        List<OffsetRange> copy = List.copyOf(ranges);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a record needs at least one offset range");
        }
        for (int i = 1; i < copy.size(); i++) {
            if (copy.get(i).first() <= copy.get(i - 1).last()) {
                throw new IllegalArgumentException("offset ranges must be sorted and disjoint: "
                        + copy.get(i - 1) + " then " + copy.get(i));
            }
        }
        return copy;
    }

    static List<ReleaseRange> checkSortedReleases(List<ReleaseRange> ranges) {
        List<OffsetRange> plain = new ArrayList<>(ranges.size());
        for (ReleaseRange range : ranges) {
            plain.add(range.range());
        }
        checkSorted(plain);
        return List.copyOf(ranges);
    }

    static void checkMaxDeliveryCount(int maxDeliveryCount) {
        if (maxDeliveryCount < 1) {
            throw new IllegalArgumentException("maximum delivery count must be at least 1, got " + maxDeliveryCount);
        }
    }

    /** Appends {@code offset} to {@code ranges}, extending the last range when it is contiguous with the same count. */
    static void appendOffset(List<OffsetRange> ranges, long offset, int deliveryCount) {
        if (!ranges.isEmpty()) {
            OffsetRange last = ranges.get(ranges.size() - 1);
            if (last.last() + 1 == offset && last.deliveryCount() == deliveryCount) {
                ranges.set(ranges.size() - 1, new OffsetRange(last.first(), offset, deliveryCount));
                return;
            }
        }
        ranges.add(OffsetRange.of(offset, deliveryCount));
    }
}
