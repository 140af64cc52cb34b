package dev.partita.broker.zk;

/** A controller write was rejected because a newer controller bumped the controller epoch since this one was elected. Maps to {@code STALE_CONTROLLER_EPOCH}; the writer must stop acting as controller. */
public class StaleControllerEpochException extends CoordinationException {
    private static final long serialVersionUID = 1L;

    public StaleControllerEpochException(String message) {
        super(message);
    }
}
