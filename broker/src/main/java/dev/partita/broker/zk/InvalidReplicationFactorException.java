package dev.partita.broker.zk;

/** The replication factor is not positive or larger than the number of live brokers. Maps to {@code INVALID_REPLICATION_FACTOR}. */
public class InvalidReplicationFactorException extends CoordinationException {
    private static final long serialVersionUID = 1L;

    public InvalidReplicationFactorException(String message) {
        super(message);
    }
}
