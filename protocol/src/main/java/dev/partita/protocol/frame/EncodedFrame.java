package dev.partita.protocol.frame;

import dev.partita.protocol.record.FileBackedRecords;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.Records;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A whole encoded frame, size prefix included, as an ordered list of parts to write one after
 * the other. Each part is either a heap {@link ByteBuffer} ready to read (position to limit) or
 * a {@link Records} whose raw bytes follow as they are: {@link MemoryRecords} or
 * {@link FileBackedRecords} (sent with sendfile, never copied through the heap). The first part
 * is always a ByteBuffer starting with the 4-byte size prefix.
 *
 * <p>Writing the frame must not change the parts: readers use duplicates, so a frame can be
 * written more than once (e.g. logged and sent). Immutable as long as nobody changes the buffers.
 *
 * @param parts     ByteBuffer and Records parts, in order
 * @param totalSize bytes of all parts, the 4-byte size prefix included
 */
public record EncodedFrame(List<Object> parts, int totalSize) {

    public EncodedFrame {
        parts = List.copyOf(parts);
        long sum = 0;
        for (Object part : parts) {
            sum += sizeOf(part);
        }
        if (sum != totalSize) {
            throw new IllegalArgumentException("parts hold " + sum + " bytes, totalSize says " + totalSize);
        }
        if (parts.isEmpty() || !(parts.get(0) instanceof ByteBuffer first) || first.remaining() < 4) {
            throw new IllegalArgumentException("the first part must be a ByteBuffer holding the size prefix");
        }
    }

    /** Bytes of one part. */
    public static int sizeOf(Object part) {
        if (part instanceof ByteBuffer buffer) {
            return buffer.remaining();
        }
        if (part instanceof Records records) {
            return records.sizeInBytes();
        }
        throw new IllegalArgumentException("a frame part is a ByteBuffer or Records, not " + part);
    }

    /**
     * Copies the whole frame into one heap buffer (for tests and in-memory transports).
     *
     * @throws UnsupportedOperationException if a part is file-backed: reading a file is I/O,
     *                                       which this module does not do
     */
    public ByteBuffer toByteBuffer() {
        ByteBuffer out = ByteBuffer.allocate(totalSize);
        for (Object part : parts) {
            if (part instanceof ByteBuffer buffer) {
                out.put(buffer.duplicate());
            } else if (part instanceof MemoryRecords records) {
                out.put(records.buffer());
            } else {
                throw new UnsupportedOperationException("cannot copy " + part.getClass().getName() + " without I/O");
            }
        }
        return out.flip();
    }
}
