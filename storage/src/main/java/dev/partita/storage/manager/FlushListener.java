package dev.partita.storage.manager;

import dev.partita.storage.log.Log;

/**
 * Told by the {@link GroupCommitFlusher} after it fsynced a log, e.g. to complete produce
 * requests waiting for {@code Acks.ALL}. Called on the flusher thread: must be quick and must not
 * block or append to logs.
 */
public interface FlushListener {

    /** Every record of {@code log} below {@code flushedOffset} is now on disk. */
    void onFlushed(Log log, long flushedOffset);

    /** The fsync of {@code log} failed; the log is offline for writes. */
    default void onFlushFailed(Log log, Exception error) {
    }
}
