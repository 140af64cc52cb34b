package dev.partita.storage.segment;

import dev.partita.storage.file.FileIO;
import dev.partita.storage.file.LogFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A memory-mapped file of fixed-size entries sorted by offset, shared by the offset and time
 * indexes. The file is preallocated (sparse) to the maximum index size while the segment is
 * written and trimmed to its entries when the segment stops taking appends
 * ({@link #trimToEntries()}) and on {@link #close()}.
 *
 * <p>Thread-safety: one writer appends and truncates; any number of readers may search
 * concurrently. An entry is written before the volatile entry count that publishes it. The mapping
 * is never unmapped explicitly (the garbage collector does it), so a reader holding an old view
 * never touches unmapped memory.
 */
abstract class AbstractIndex {

    private final LogFile file;
    private final Path path;
    private final long baseOffset;
    private final int entrySize;
    private final boolean partialTail;
    private volatile MappedByteBuffer mmap;
    private int maxEntries;
    private volatile int entries;
    private volatile boolean dirty;

    /**
     * Opens (creating if needed) the index file. Every whole entry in an existing file counts as
     * an entry until a sanity check or recovery says otherwise.
     *
     * @param maxIndexBytes the size to preallocate when {@code preallocate}, for an index that
     *                      takes appends; otherwise the file is mapped at its current size
     */
    AbstractIndex(FileIO io, Path path, long baseOffset, int maxIndexBytes, int entrySize, boolean preallocate)
            throws IOException {
        this.path = path;
        this.baseOffset = baseOffset;
        this.entrySize = entrySize;
        this.file = io.open(path, true);
        try {
            long existing = file.size();
            // A length that is not a whole number of entries means a torn file: the sanity
            // check fails on it and recovery rebuilds it.
            int existingEntries = (int) Math.min(existing / entrySize, Integer.MAX_VALUE / entrySize);
            this.partialTail = existing % entrySize != 0;
            this.entries = existingEntries;
            if (preallocate) {
                ensureCapacity(maxIndexBytes);
            } else {
                map(existingEntries);
            }
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /**
     * Grows the file (sparsely) and the mapping to hold {@code maxIndexBytes} of entries, so the
     * index can take appends again. Readers keep their old view, which stays valid.
     */
    final void ensureCapacity(int maxIndexBytes) throws IOException {
        int capacity = Math.max(entries, Math.max(1, maxIndexBytes / entrySize));
        if (capacity > maxEntries || mmap == null) {
            file.setLength(Math.max(file.size(), (long) capacity * entrySize));
            map(capacity);
        }
    }

    private void map(int capacity) throws IOException {
        long bytes = (long) capacity * entrySize;
        if (file.size() < bytes) {
            file.setLength(bytes);
        }
        mmap = file.channel().map(FileChannel.MapMode.READ_WRITE, 0, bytes);
        maxEntries = capacity;
    }

    final long baseOffset() {
        return baseOffset;
    }

    final Path path() {
        return path;
    }

    public final int entries() {
        return entries;
    }

    public final boolean isFull() {
        return entries >= maxEntries;
    }

    /** Whether the file, as opened, ended with a partial entry (a torn write). */
    final boolean hadPartialTail() {
        return partialTail;
    }

    /** The mapping; callers use absolute gets and puts only, never the position. */
    final ByteBuffer buffer() {
        return mmap;
    }

    final int entrySize() {
        return entrySize;
    }

    /** Writes entry number {@link #entries()} with {@code writer} and then publishes it. */
    final void appendEntry(EntryWriter writer) {
        if (isFull()) {
            throw new IllegalStateException("index " + path + " is full (" + maxEntries + " entries)");
        }
        int n = entries;
        writer.write(mmap, n * entrySize);
        entries = n + 1;
        dirty = true;
    }

    /** Keeps only the first {@code count} entries. */
    final void truncateEntries(int count) {
        if (count < entries) {
            entries = Math.max(0, count);
            dirty = true;
        }
    }

    /**
     * The largest entry index {@code i} with {@code key(i) <= target} (signed comparison), or -1
     * when every entry's key is larger (or there is none). Keys must be non-decreasing.
     */
    final int largestLowerBound(long target, EntryKey key) {
        int lo = 0;
        int hi = entries - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (key.at(mid) <= target) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Forces the mapped entries to disk, through the file so the file layer sees the fsync. */
    public final void flush() throws IOException {
        if (dirty) {
            // Entries are written through the mapping: msync them, then fsync through the file.
            mmap.force();
            file.force();
            dirty = false;
        }
    }

    /**
     * Trims the file to its entries, maps it at that size and fsyncs it (the segment stopped
     * taking appends), so a crash leaves a sane index instead of a zero-filled preallocated tail.
     * Readers holding the old, larger view stay safe: they never read past {@link #entries()},
     * which lies inside the trimmed file. {@link #ensureCapacity} grows it again if needed.
     */
    final void trimToEntries() throws IOException {
        int count = entries;
        if (count == maxEntries && !dirty) {
            return; // mapped at its entries already (opened as an older segment) and durable
        }
        mmap.force();
        file.setLength((long) count * entrySize);
        map(count);
        file.force();
        dirty = false;
    }

    /** Trims the file to its entries, then closes it. */
    public final void close() throws IOException {
        try {
            if (file.isOpen()) {
                mmap.force();
                file.setLength((long) entries * entrySize);
                file.force();
            }
        } finally {
            file.close();
        }
    }

    /** Closes without trimming (the file is about to be deleted, or a crash is simulated). */
    final void closeQuietly() {
        try {
            file.close();
        } catch (IOException ignored) {
            // Nothing to save: the file is being discarded.
        }
    }

    @FunctionalInterface
    interface EntryWriter {
        void write(ByteBuffer buffer, int offset);
    }

    @FunctionalInterface
    interface EntryKey {
        long at(int entry);
    }
}
