package dev.partita.storage.log;

/**
 * An I/O failure of the log (a full disk, a failed fsync, a closed file). The operation did not take effect: an append that throws it stored nothing and consumed no offset. Maps to the protocol's STORAGE_ERROR.
 */
public class LogStorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LogStorageException(String message) {
        super(message);
    }

    public LogStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
