package dev.partita.broker.delivery;

/**
 * Offsets a session gives back (recover, rollback, consumer close). {@code delivered} says
 * whether they reached the application: only then does their delivery count go up, so one poison
 * message does not push a whole prefetch window toward the dead-letter queue. Immutable.
 */
public record ReleaseRange(OffsetRange range, boolean delivered) {

    public ReleaseRange {
        if (range == null) {
            throw new IllegalArgumentException("range is null");
        }
    }

    public static ReleaseRange of(long first, long last, int deliveryCount, boolean delivered) {
        return new ReleaseRange(new OffsetRange(first, last, deliveryCount), delivered);
    }
}
