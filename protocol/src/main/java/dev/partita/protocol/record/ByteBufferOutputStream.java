package dev.partita.protocol.record;

import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A growable heap buffer that is also an {@link OutputStream}, so compressors can write into it.
 * The write position is the buffer's position. Not thread-safe.
 */
final class ByteBufferOutputStream extends OutputStream {

    /** Arrays larger than this may fail to allocate on some JVMs. */
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;

    private ByteBuffer buffer;

    ByteBufferOutputStream(int initialCapacity) {
        this.buffer = ByteBuffer.allocate(Math.max(initialCapacity, 64));
    }

    /** The underlying buffer; its position is the write position. Replaced when it grows. */
    ByteBuffer buffer() {
        return buffer;
    }

    int position() {
        return buffer.position();
    }

    void position(int position) {
        ensureCapacity(position);
        buffer.position(position);
    }

    /** Makes room for {@code bytes} more bytes after the position. */
    void ensureRemaining(int bytes) {
        long needed = (long) buffer.position() + bytes;
        if (needed > MAX_CAPACITY) {
            throw new IllegalArgumentException("record batch would exceed " + MAX_CAPACITY + " bytes");
        }
        ensureCapacity((int) needed);
    }

    private void ensureCapacity(int capacity) {
        if (capacity <= buffer.capacity()) {
            return;
        }
        long doubled = Math.min((long) buffer.capacity() * 2, MAX_CAPACITY);
        ByteBuffer grown = ByteBuffer.allocate((int) Math.max(doubled, capacity));
        buffer.flip();
        grown.put(buffer);
        buffer = grown;
    }

    @Override
    public void write(int b) {
        ensureRemaining(1);
        buffer.put((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensureRemaining(length);
        buffer.put(bytes, offset, length);
    }

    /** Writes the remaining bytes of {@code source} without moving its position. */
    void write(ByteBuffer source) {
        ensureRemaining(source.remaining());
        buffer.put(source.duplicate());
    }
}
