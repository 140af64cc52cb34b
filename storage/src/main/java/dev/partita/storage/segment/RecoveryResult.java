package dev.partita.storage.segment;

/**
 * What {@link LogSegment#recover} found: {@code validBytes} of valid batches ending at
 * {@code nextOffset}; {@code truncatedBytes} cut from the tail, for {@code invalidReason}
 * (null when the whole file was valid). Immutable.
 */
public record RecoveryResult(long baseOffset, long validBytes, long truncatedBytes, long nextOffset,
                             String invalidReason) {
}
