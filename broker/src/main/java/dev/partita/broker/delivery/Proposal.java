package dev.partita.broker.delivery;

/**
 * What the leader answers to an operation before anything is written: a record to append, a
 * success that needs no record, or a typed refusal.
 */
public sealed interface Proposal {

    /**
     * Append {@code record} to {@code p.state}; once it is committed, pass it to
     * {@link DeliveryLeader#apply} and answer the client from that {@link ApplyResult}.
     */
    record Append(StateRecord record) implements Proposal {
    }

    /** Nothing to write and nothing wrong: e.g. a repeated ack, or an acquire that found nothing. */
    record Nothing(String why) implements Proposal {
    }

    /**
     * Refused. {@code currentSessionEpoch} is the session's epoch now (-1 if unknown), so a client
     * told {@link DeliveryError#STALE_SESSION_EPOCH} learns the epoch to continue with.
     */
    record Refused(DeliveryError error, String message, int currentSessionEpoch) implements Proposal {
    }
}
