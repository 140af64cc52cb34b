package dev.partita.protocol.record;

import java.io.InputStream;
import java.nio.ByteBuffer;

/** Reads a {@link ByteBuffer} (heap or direct) from its position to its limit. Not thread-safe. */
final class ByteBufferInputStream extends InputStream {

    private final ByteBuffer buffer;

    /** Reads {@code buffer}'s remaining bytes; the caller's buffer is not moved. */
    ByteBufferInputStream(ByteBuffer buffer) {
        this.buffer = buffer.duplicate();
    }

    @Override
    public int read() {
        return buffer.hasRemaining() ? buffer.get() & 0xFF : -1;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (!buffer.hasRemaining()) {
            return -1;
        }
        int n = Math.min(length, buffer.remaining());
        buffer.get(bytes, offset, n);
        return n;
    }

    @Override
    public int available() {
        return buffer.remaining();
    }

    @Override
    public long skip(long n) {
        int skipped = (int) Math.max(0, Math.min(n, buffer.remaining()));
        buffer.position(buffer.position() + skipped);
        return skipped;
    }
}
