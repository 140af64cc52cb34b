package dev.partita.broker.cache;

/** A cache read could not be answered: the member is not running, the query queue is full, or it timed out. */
public class OffsetCacheUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OffsetCacheUnavailableException(String message) {
        super(message);
    }

    public OffsetCacheUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
