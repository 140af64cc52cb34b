package dev.partita.storage.segment;

import dev.partita.protocol.record.FileBackedRecords;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.storage.file.LogFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A run of complete record batches in a segment file: {@link #sizeInBytes()} bytes from
 * {@link #position()}. The network layer sends it with {@code transferTo} straight from the page
 * cache; {@link #toMemoryRecords()} copies it to the heap for code that needs the batches.
 *
 * <p>Immutable and thread-safe. The channel belongs to the segment: do not close it. A slice read
 * before the log was truncated or its segment deleted may read fewer bytes than its size
 * (a partial batch, which {@link MemoryRecords} skips) or fail with a closed channel.
 */
public final class FileRecords implements FileBackedRecords {

    private final LogFile file;
    private final long position;
    private final int size;

    public FileRecords(LogFile file, long position, int size) {
        this.file = file;
        this.position = position;
        this.size = size;
    }

    @Override
    public FileChannel channel() {
        return file.channel();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public int sizeInBytes() {
        return size;
    }

    /** Copies the bytes into a new heap buffer. */
    public MemoryRecords toMemoryRecords() {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        try {
            file.read(buffer, position);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + this, e);
        }
        return MemoryRecords.readableRecords(buffer.flip());
    }

    @Override
    public String toString() {
        return "FileRecords(" + file.path().getFileName() + ", position=" + position + ", size=" + size + ")";
    }
}
