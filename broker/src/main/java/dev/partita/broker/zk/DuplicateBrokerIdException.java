package dev.partita.broker.zk;

/**
 * This broker's id is registered by another live ZooKeeper session: two brokers share an id, or a
 * crashed run's session has not timed out yet. The broker refuses to start rather than take over
 * another broker's registration.
 */
public class DuplicateBrokerIdException extends CoordinationException {
    private static final long serialVersionUID = 1L;

    public DuplicateBrokerIdException(String message) {
        super(message);
    }
}
