package dev.partita.storage.log;

import dev.partita.storage.segment.FileRecords;

/**
 * Batches read from a log ({@code records}, possibly empty) and the log's start and end offsets
 * at the time of the read. Immutable.
 */
public record LogReadResult(FileRecords records, long logStartOffset, long logEndOffset) {
}
