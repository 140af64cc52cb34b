package dev.partita.storage.segment;

/** A batch found by timestamp: its max timestamp and its base offset. Immutable. */
public record TimestampOffset(long timestamp, long offset) {
}
