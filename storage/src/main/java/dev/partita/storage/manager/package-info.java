/**
 * The logs of one broker: {@link dev.partita.storage.manager.LogManager} owns the data directory
 * (one {@code <logId>-<partition>} directory per log, the {@code .clean-shutdown} marker) and
 * {@link dev.partita.storage.manager.GroupCommitFlusher} fsyncs group-commit logs on the
 * {@code partita-flusher} thread and tells {@link dev.partita.storage.manager.FlushListener}s how
 * far each log is durable.
 */
package dev.partita.storage.manager;
