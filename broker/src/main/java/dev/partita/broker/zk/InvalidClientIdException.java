package dev.partita.broker.zk;

/**
 * A client ID that is empty, longer than 1000 UTF-8 bytes or not valid Unicode. Maps to {@code
 * INVALID_CLIENT_ID} (JMS: {@code InvalidClientIDException}).
 */
public class InvalidClientIdException extends CoordinationException {
    private static final long serialVersionUID = 1L;

    public InvalidClientIdException(String message) {
        super(message);
    }
}
