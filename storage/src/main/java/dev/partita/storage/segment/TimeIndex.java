package dev.partita.storage.segment;

import dev.partita.storage.file.FileIO;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The sparse time index of one segment ({@code <base offset>.timeindex}). Each entry records
 * that the largest timestamp of the segment up to and including offset {@code o} is {@code t}.
 * Entries are added at the same points as offset-index entries, and only when the largest
 * timestamp grew, so both fields are strictly increasing. To find the first batch with a
 * timestamp at or above {@code T}, a reader skips everything up to the last entry whose
 * timestamp is below {@code T} and scans from the offset after it.
 *
 * <pre>
 * | offset | size | field          | notes                                           |
 * |--------|------|----------------|-------------------------------------------------|
 * |      0 |    8 | timestamp      | largest batch max timestamp so far, epoch ms    |
 * |      8 |    4 | relativeOffset | last offset of that batch minus the segment base|
 * </pre>
 *
 * Big-endian, no header; preallocated and trimmed (to {@code 12 * entries} bytes) like
 * {@link OffsetIndex}.
 *
 * <p>Thread-safety: see {@link AbstractIndex} (one writer, concurrent readers).
 */
public final class TimeIndex extends AbstractIndex {

    public static final int ENTRY_SIZE = 12;
    public static final String SUFFIX = ".timeindex";

    /** Opens or creates the index, preallocated to {@code maxIndexBytes} so it takes appends. */
    public TimeIndex(FileIO io, Path path, long baseOffset, int maxIndexBytes) throws IOException {
        this(io, path, baseOffset, maxIndexBytes, true);
    }

    /**
     * Opens or creates the index; without {@code preallocate} it is mapped at its current size
     * (an older segment's index, only read) until {@link #ensureCapacity} grows it.
     */
    public TimeIndex(FileIO io, Path path, long baseOffset, int maxIndexBytes, boolean preallocate) throws IOException {
        super(io, path, baseOffset, maxIndexBytes, ENTRY_SIZE, preallocate);
    }

    /** A time index entry; {@code offset} is absolute. */
    public record Entry(long timestamp, long offset) {
    }

    private long timestampAt(int n) {
        return buffer().getLong(n * ENTRY_SIZE);
    }

    private long offsetAt(int n) {
        return baseOffset() + buffer().getInt(n * ENTRY_SIZE + 8);
    }

    public Entry entry(int n) {
        return new Entry(timestampAt(n), offsetAt(n));
    }

    public Optional<Entry> lastEntry() {
        int n = entries();
        return n == 0 ? Optional.empty() : Optional.of(entry(n - 1));
    }

    /** The last entry whose timestamp is strictly below {@code timestamp}, if any. */
    public Optional<Entry> lastEntryBelow(long timestamp) {
        int n = largestLowerBound(timestamp - 1, this::timestampAt);
        return n < 0 ? Optional.empty() : Optional.of(entry(n));
    }

    /** Adds an entry when {@code timestamp} exceeds the last entry's timestamp; otherwise nothing. */
    public void maybeAppend(long timestamp, long offset) {
        int n = entries();
        if (n > 0 && (timestamp <= timestampAt(n - 1) || offset <= offsetAt(n - 1))) {
            return;
        }
        long relative = offset - baseOffset();
        if (relative < 0 || relative > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("offset " + offset + " does not fit segment " + baseOffset());
        }
        appendEntry((buffer, at) -> {
            buffer.putLong(at, timestamp);
            buffer.putInt(at + 8, (int) relative);
        });
    }

    /** Removes every entry whose offset is at or above {@code offset}. */
    public void truncateTo(long offset) {
        int n = largestLowerBound(offset - 1, this::offsetAt);
        truncateEntries(n + 1);
    }

    public void reset() {
        truncateEntries(0);
    }

    /** Whole entries, strictly increasing timestamps and offsets, offsets below {@code nextOffset}. */
    public boolean isSane(long nextOffset) {
        if (hadPartialTail()) {
            return false;
        }
        long previousTimestamp = Long.MIN_VALUE;
        long previousOffset = -1;
        for (int i = 0; i < entries(); i++) {
            long timestamp = timestampAt(i);
            int relative = buffer().getInt(i * ENTRY_SIZE + 8);
            if (relative < 0 || relative <= previousOffset || timestamp <= previousTimestamp
                    || baseOffset() + relative >= nextOffset) {
                return false;
            }
            previousTimestamp = timestamp;
            previousOffset = relative;
        }
        return true;
    }
}
