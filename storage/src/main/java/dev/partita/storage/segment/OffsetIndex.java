package dev.partita.storage.segment;

import dev.partita.storage.file.FileIO;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The sparse offset index of one segment ({@code <base offset>.index}): every
 * {@code index.interval.bytes} of log, one entry maps the last offset of a batch to the byte
 * position where that batch starts in the {@code .log} file. A lookup finds the last entry at or
 * below a target offset; the reader then scans batch headers forward from its position.
 *
 * <pre>
 * | offset | size | field          | notes                                          |
 * |--------|------|----------------|------------------------------------------------|
 * |      0 |    4 | relativeOffset | batch's last offset minus the segment's base   |
 * |      4 |    4 | position       | byte position of the batch in the .log file    |
 * </pre>
 *
 * Entries are big-endian and strictly increasing in both fields. The file has no header; it is
 * preallocated while the segment is active and trimmed to {@code 8 * entries} bytes (and fsynced)
 * when the log rolls past the segment, and on close.
 *
 * <p>Thread-safety: see {@link AbstractIndex} (one writer, concurrent readers).
 */
public final class OffsetIndex extends AbstractIndex {

    public static final int ENTRY_SIZE = 8;
    public static final String SUFFIX = ".index";

    /** Opens or creates the index, preallocated to {@code maxIndexBytes} so it takes appends. */
    public OffsetIndex(FileIO io, Path path, long baseOffset, int maxIndexBytes) throws IOException {
        this(io, path, baseOffset, maxIndexBytes, true);
    }

    /**
     * Opens or creates the index; without {@code preallocate} it is mapped at its current size
     * (an older segment's index, only read) until {@link #ensureCapacity} grows it.
     */
    public OffsetIndex(FileIO io, Path path, long baseOffset, int maxIndexBytes, boolean preallocate) throws IOException {
        super(io, path, baseOffset, maxIndexBytes, ENTRY_SIZE, preallocate);
    }

    /** An index entry: {@code offset} is absolute. */
    public record Entry(long offset, int position) {
    }

    public Entry entry(int n) {
        return new Entry(offsetAt(n), positionAt(n));
    }

    private long offsetAt(int n) {
        return baseOffset() + buffer().getInt(n * ENTRY_SIZE);
    }

    private int positionAt(int n) {
        return buffer().getInt(n * ENTRY_SIZE + 4);
    }

    /**
     * The last entry with an offset at or below {@code target}, or (base offset, 0) when there is
     * none: the position from which a forward scan finds the batch holding {@code target}.
     */
    public Entry lookup(long target) {
        int n = largestLowerBound(target, this::offsetAt);
        return n < 0 ? new Entry(baseOffset(), 0) : entry(n);
    }

    /** The last entry, or (base offset, 0) when the index is empty. */
    public Entry lastEntry() {
        int n = entries();
        return n == 0 ? new Entry(baseOffset(), 0) : entry(n - 1);
    }

    /** Adds an entry; {@code offset} and {@code position} must exceed the last entry's. */
    public void append(long offset, int position) {
        long relative = offset - baseOffset();
        if (relative < 0 || relative > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("offset " + offset + " does not fit segment " + baseOffset());
        }
        int n = entries();
        if (n > 0 && (offset <= offsetAt(n - 1) || position <= positionAt(n - 1))) {
            throw new IllegalArgumentException("index entry (" + offset + ", " + position
                    + ") does not follow " + entry(n - 1) + " in " + path());
        }
        appendEntry((buffer, at) -> {
            buffer.putInt(at, (int) relative);
            buffer.putInt(at + 4, position);
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

    /**
     * Whether the entries are plausible for a log file of {@code logSize} bytes: whole entries,
     * strictly increasing offsets and positions, every position inside the log. It cannot prove
     * the entries right; recovery rebuilds the index whenever it fails.
     */
    public boolean isSane(long logSize) {
        if (hadPartialTail()) {
            return false;
        }
        long previousOffset = -1;
        long previousPosition = -1;
        for (int i = 0; i < entries(); i++) {
            int relative = buffer().getInt(i * ENTRY_SIZE);
            int position = positionAt(i);
            if (relative < 0 || relative <= previousOffset || position <= previousPosition || position >= logSize) {
                return false;
            }
            previousOffset = relative;
            previousPosition = position;
        }
        return true;
    }
}
