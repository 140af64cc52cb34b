package dev.partita.protocol.record;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyError;

/**
 * Inflates the records part of a compressed batch into one heap buffer, never beyond a bound and
 * never allocating on a size the data merely claims: the output grows as bytes actually arrive.
 *
 * <p>Snappy is decoded here chunk by chunk rather than through snappy-java's stream, because that
 * stream allocates whatever chunk size the data claims before reading it. The snappy-java stream
 * layout Kafka writes is a 16-byte header (the 8-byte magic {@code 0x82 "SNAPPY" 0x00}, an int32
 * version and an int32 compatible version) followed by chunks of {@code int32 length} + one raw
 * Snappy block; a header may reappear where streams were concatenated.
 *
 * <p>Stateless and thread-safe; every stream it opens is closed before it returns (the Zstandard
 * decoder holds native memory, its window bounded by zstd's default limit of 128 MiB).
 */
final class Decompression {

    private static final byte[] SNAPPY_MAGIC = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
    private static final int SNAPPY_HEADER_SIZE = SNAPPY_MAGIC.length + 8;

    private Decompression() {
    }

    /**
     * The decompressed bytes of {@code compressed} (its remaining bytes; position not moved).
     *
     * @throws InvalidRecordException if the data is not valid for the codec or inflates beyond
     *     {@code maxBytes}
     */
    static ByteBuffer decompress(CompressionType compression, ByteBuffer compressed, int maxBytes) {
        try {
            return compression == CompressionType.SNAPPY
                    ? snappy(compressed, maxBytes)
                    : stream(compression, compressed, maxBytes);
        } catch (InvalidRecordException e) {
            throw e;
        } catch (IOException | RuntimeException | SnappyError e) {
            // Codecs signal garbage with IOExceptions and assorted runtime exceptions.
            throw new InvalidRecordException("cannot decompress " + compression + " records: " + e, e);
        }
    }

    private static ByteBuffer stream(CompressionType compression, ByteBuffer compressed, int maxBytes)
            throws IOException {
        Output out = new Output(compressed.remaining(), maxBytes, compression);
        try (InputStream in = compression.wrapForInput(new ByteBufferInputStream(compressed))) {
            while (true) {
                if (out.isFull()) {
                    if (!out.grow()) {
                        if (in.read() != -1) {
                            throw out.tooLarge();
                        }
                        break;
                    }
                }
                int n = in.read(out.bytes, out.size, out.bytes.length - out.size);
                if (n < 0) {
                    break;
                }
                out.size += n;
            }
        }
        return out.toBuffer();
    }

    private static ByteBuffer snappy(ByteBuffer compressed, int maxBytes) throws IOException {
        byte[] in;
        int pos;
        if (compressed.hasArray()) {
            in = compressed.array();
            pos = compressed.arrayOffset() + compressed.position();
        } else {
            in = new byte[compressed.remaining()];
            compressed.duplicate().get(in);
            pos = 0;
        }
        int end = pos + compressed.remaining();
        if (!snappyMagicAt(in, pos, end)) {
            throw new InvalidRecordException("snappy records do not start with the snappy-java stream header");
        }
        Output out = new Output(compressed.remaining(), maxBytes, CompressionType.SNAPPY);
        while (pos < end) {
            if (snappyMagicAt(in, pos, end)) {
                if (end - pos < SNAPPY_HEADER_SIZE) {
                    throw new InvalidRecordException("snappy stream header cut short");
                }
                pos += SNAPPY_HEADER_SIZE;
                continue;
            }
            if (end - pos < 4) {
                throw new InvalidRecordException("snappy chunk length cut short");
            }
            int chunk = ((in[pos] & 0xFF) << 24) | ((in[pos + 1] & 0xFF) << 16) | ((in[pos + 2] & 0xFF) << 8)
                    | (in[pos + 3] & 0xFF);
            pos += 4;
            if (chunk < 0 || chunk > end - pos) {
                throw new InvalidRecordException("snappy chunk of " + chunk + " bytes with " + (end - pos) + " left");
            }
            int length = Snappy.uncompressedLength(in, pos, chunk);
            if (length < 0 || length > maxBytes - out.size) {
                throw out.tooLarge();
            }
            out.ensureRoom(length);
            out.size += Snappy.uncompress(in, pos, chunk, out.bytes, out.size);
            pos += chunk;
        }
        return out.toBuffer();
    }

    private static boolean snappyMagicAt(byte[] in, int pos, int end) {
        if (end - pos < SNAPPY_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < SNAPPY_MAGIC.length; i++) {
            if (in[pos + i] != SNAPPY_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** A growing output array capped at {@code maxBytes}. */
    private static final class Output {
        private final int maxBytes;
        private final CompressionType compression;
        private byte[] bytes;
        private int size;

        Output(int compressedSize, int maxBytes, CompressionType compression) {
            this.maxBytes = maxBytes;
            this.compression = compression;
            this.bytes = new byte[(int) Math.min(maxBytes, Math.max(1024L, compressedSize * 4L))];
        }

        boolean isFull() {
            return size == bytes.length;
        }

        /** Doubles the array up to the cap; false if it is already at the cap. */
        boolean grow() {
            if (bytes.length >= maxBytes) {
                return false;
            }
            resize((int) Math.min(maxBytes, bytes.length * 2L));
            return true;
        }

        void ensureRoom(int more) {
            int needed = size + more;
            if (needed > bytes.length) {
                resize((int) Math.min(maxBytes, Math.max(needed, bytes.length * 2L)));
            }
        }

        private void resize(int capacity) {
            byte[] grown = new byte[capacity];
            System.arraycopy(bytes, 0, grown, 0, size);
            bytes = grown;
        }

        InvalidRecordException tooLarge() {
            return new InvalidRecordException("records of a " + compression + " batch decompress to more than "
                    + maxBytes + " bytes");
        }

        ByteBuffer toBuffer() {
            return ByteBuffer.wrap(bytes, 0, size).slice();
        }
    }
}
