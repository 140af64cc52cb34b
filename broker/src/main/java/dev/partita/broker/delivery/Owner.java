package dev.partita.broker.delivery;

/** Who holds an offset: a session (at one session epoch) or a transaction (reserved). Immutable. */
public sealed interface Owner {

    /** An acquisition by {@code session} made at {@code sessionEpoch}. */
    record Session(SessionId session, int sessionEpoch) implements Owner {
    }

    /** A transactional ack by producer {@code producerId} at {@code producerEpoch}. */
    record Transaction(long producerId, short producerEpoch) implements Owner {
    }
}
