package dev.partita.broker.zk;

/**
 * Base of every failure of the ZooKeeper coordination layer. A plain instance means ZooKeeper could
 * not be reached or answered unexpectedly (the broker maps it to {@code UNKNOWN_SERVER_ERROR});
 * subclasses name the protocol error they map to.
 */
public class CoordinationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CoordinationException(String message) {
        super(message);
    }

    public CoordinationException(String message, Throwable cause) {
        super(message, cause);
    }
}
