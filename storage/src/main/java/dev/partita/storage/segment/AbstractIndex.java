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
 * written and trimmed to its entries on {@link #close()}.
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
    private MappedByteBuffer mmap;
    private int maxEntries;
    private volatile int entries;
    private volatile boolean dirty;

    AbstractIndex(FileIO io, Path path, long baseOffset, int maxIndexBytes, int entrySize) throws IOException {
        this.path = path;
        this.baseOffset = baseOffset;
        this.entrySize = entrySize;
        this.file = io.open(path, true);
        long existing = file.size();
        // A length that is not a whole number of entries means a torn file: the sanity check
        // fails on it and recovery rebuilds it.
        int existingEntries = (int) Math.min(existing / entrySize, Integer.MAX_VALUE / entrySize);
        int capacity = Math.max(existingEntries, Math.max(1, maxIndexBytes / entrySize));
        this.partialTail = existing % entrySize != 0;
        file.setLength((long) capacity * entrySize);
        map(capacity);
        this.entries = existingEntries;
    }

    private void map(int capacity) throws IOException {
        mmap = file.channel().map(FileChannel.MapMode.READ_WRITE, 0, (long) capacity * entrySize);
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
