package dev.partita.broker.delivery;

/**
 * Consecutive offsets {@code first..last} (inclusive) that share one delivery count: the unit in
 * which acquisitions, acks and archives are named. Immutable.
 *
 * @param deliveryCount how many times these offsets reached an application before (0 on a first
 *                      delivery; the message's {@code JMSXDeliveryCount} is this + 1 and
 *                      {@code JMSRedelivered} is {@code deliveryCount > 0})
 */
public record OffsetRange(long first, long last, int deliveryCount) {

    public OffsetRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("invalid offset range " + first + ".." + last);
        }
        if (deliveryCount < 0) {
            throw new IllegalArgumentException("negative delivery count " + deliveryCount);
        }
    }

    /** A single offset. */
    public static OffsetRange of(long offset, int deliveryCount) {
        return new OffsetRange(offset, offset, deliveryCount);
    }

    public long length() {
        return last - first + 1;
    }

    public boolean contains(long offset) {
        return offset >= first && offset <= last;
    }
}
