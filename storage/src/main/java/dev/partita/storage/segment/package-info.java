/**
 * One segment of a partition's log: the {@code <20-digit base offset>.log} file of record batches
 * ({@link dev.partita.storage.segment.LogSegment}), its sparse memory-mapped offset index
 * ({@link dev.partita.storage.segment.OffsetIndex}) and time index
 * ({@link dev.partita.storage.segment.TimeIndex}), and {@link dev.partita.storage.segment.FileRecords},
 * a slice of a segment file the network layer sends without copying it through the heap.
 *
 * <p>Indexes are hints, never the truth: recovery rebuilds them from the log file, whose batches
 * carry their own CRCs. File layouts are documented on each class and in {@code storage/README.md}.
 */
package dev.partita.storage.segment;
