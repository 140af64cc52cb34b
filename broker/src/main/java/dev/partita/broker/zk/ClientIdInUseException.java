package dev.partita.broker.zk;

/**
 * A client ID is held by another logical connection. Maps to {@code CLIENT_ID_IN_USE} (JMS: {@code
 * InvalidClientIDException}).
 */
public class ClientIdInUseException extends CoordinationException {
    private static final long serialVersionUID = 1L;

    public ClientIdInUseException(String message) {
        super(message);
    }
}
