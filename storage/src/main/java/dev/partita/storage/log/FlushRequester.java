package dev.partita.storage.log;

/**
 * Where a {@link FlushPolicy#GROUP_COMMIT} log reports that it has appended batches that are not
 * fsynced yet. The group-commit flusher implements it. Implementations must be thread-safe and
 * must not block: the log calls it on its writer thread after every append.
 */
@FunctionalInterface
public interface FlushRequester {

    /** Ignores requests: someone calls {@link Log#flush()} explicitly. */
    FlushRequester NONE = log -> { };

    void requestFlush(Log log);
}
