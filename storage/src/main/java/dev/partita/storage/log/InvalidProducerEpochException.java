package dev.partita.storage.log;

/**
 * An idempotent producer's batch with an epoch older than the latest stored for its producer id: the producer was fenced. Nothing was stored. Maps to INVALID_PRODUCER_EPOCH.
 */
public class InvalidProducerEpochException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidProducerEpochException(String message) {
        super(message);
    }

    public InvalidProducerEpochException(String message, Throwable cause) {
        super(message, cause);
    }
}
