/**
 * One partition's log: {@link dev.partita.storage.log.Log} (append as leader or follower, read,
 * flush, truncate, retention, recovery on open), its settings
 * ({@link dev.partita.storage.log.LogConfig}, {@link dev.partita.storage.log.FlushPolicy}), the
 * {@link dev.partita.storage.log.LeaderEpochCache} with its checkpoint file, the idempotent
 * {@link dev.partita.storage.log.ProducerStateManager} with its snapshots, and the typed
 * exceptions the broker maps to error codes.
 *
 * <p>Threading: one writer per log (the broker's partition thread), any number of readers, and
 * the group-commit flusher calling {@link dev.partita.storage.log.Log#flush()}.
 */
package dev.partita.storage.log;
