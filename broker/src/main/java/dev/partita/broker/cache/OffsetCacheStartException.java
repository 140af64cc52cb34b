package dev.partita.broker.cache;

/** The embedded Hazelcast member could not start (or not within the startup timeout). */
public class OffsetCacheStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OffsetCacheStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
