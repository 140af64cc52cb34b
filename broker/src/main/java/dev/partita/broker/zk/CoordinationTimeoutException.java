package dev.partita.broker.zk;

/** A wait on cluster state (leaders elected, topic deleted, connection) did not finish in time. Maps to {@code REQUEST_TIMED_OUT}. */
public class CoordinationTimeoutException extends CoordinationException {
    private static final long serialVersionUID = 1L;

    public CoordinationTimeoutException(String message) {
        super(message);
    }
}
