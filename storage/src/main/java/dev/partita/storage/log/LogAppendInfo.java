package dev.partita.storage.log;

/**
 * The outcome of an append: the offsets given to the records ({@code firstOffset} to
 * {@code lastOffset}), the largest timestamp, the broker time stamped into the batches
 * ({@code logAppendTime}, -1 unless the log uses log append time), the bytes and records stored.
 * {@code duplicate} means an idempotent producer retried a batch already stored: nothing was
 * written and the offsets are those of the original append. Immutable.
 */
public record LogAppendInfo(long firstOffset, long lastOffset, long maxTimestamp, long logAppendTime,
                            int validBytes, int recordCount, boolean duplicate) {
}
