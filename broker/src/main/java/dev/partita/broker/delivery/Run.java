package dev.partita.broker.delivery;

import java.util.Objects;

/**
 * Consecutive offsets {@code first..last} in the same status, owner and delivery count: one
 * entry of the run-length-encoded exception map. Immutable.
 *
 * @param owner the session for {@link DeliveryStatus#ACQUIRED}, the transaction for
 *              {@link DeliveryStatus#PENDING_ACK}, null otherwise
 * @param deliveryCount 0 for finished runs (acknowledged, archived): a finished offset is never
 *              delivered again, and dropping its count lets finished runs merge, so a stuck
 *              message at {@code start} costs one run however many offsets after it finish
 */
public record Run(long first, long last, DeliveryStatus status, Owner owner, int deliveryCount) {

    public Run {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("invalid run " + first + ".." + last);
        }
        boolean needsSession = status == DeliveryStatus.ACQUIRED;
        boolean needsTransaction = status == DeliveryStatus.PENDING_ACK;
        if (needsSession != owner instanceof Owner.Session || needsTransaction != owner instanceof Owner.Transaction) {
            throw new IllegalArgumentException("status " + status + " with owner " + owner);
        }
    }

    /** Same status, owner and count: two adjacent such runs merge into one. */
    boolean sameValueAs(Run other) {
        return status == other.status && deliveryCount == other.deliveryCount && Objects.equals(owner, other.owner);
    }

    Run withBounds(long newFirst, long newLast) {
        return new Run(newFirst, newLast, status, owner, deliveryCount);
    }

    public long length() {
        return last - first + 1;
    }
}
