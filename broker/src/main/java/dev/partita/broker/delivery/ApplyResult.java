package dev.partita.broker.delivery;

import java.util.List;

/**
 * The outcome of applying a committed record. Every replica gets the same outcome for the same
 * record sequence, so the leader answers the client from it: a record that was valid when
 * proposed can still be refused at apply (e.g. an ack that a lease expiry overtook).
 */
public sealed interface ApplyResult {

    boolean applied();

    /**
     * The record changed the state (or was an idempotent repeat).
     *
     * @param newlyDeadLetterPending runs that this record moved to
     *                               {@link DeliveryStatus#DEAD_LETTER_PENDING}: the leader must
     *                               append them to the dead-letter queue, then archive them
     */
    record Applied(List<Run> newlyDeadLetterPending) implements ApplyResult {
        public Applied {
            newlyDeadLetterPending = List.copyOf(newlyDeadLetterPending);
        }

        @Override
        public boolean applied() {
            return true;
        }
    }

    /** The record was refused as a whole; the state is unchanged apart from the leader epoch. */
    record Rejected(DeliveryError error, String message) implements ApplyResult {
        @Override
        public boolean applied() {
            return false;
        }
    }
}
