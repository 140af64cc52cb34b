package dev.partita.protocol.record;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.xerial.snappy.SnappyInputStream;
import org.xerial.snappy.SnappyOutputStream;

/**
 * The codec that compresses the records part of a batch (bits 0-2 of the batch attributes). The
 * stream formats are the ones Kafka clients and brokers use, so batches travel between the two
 * unchanged:
 *
 * <ul>
 *   <li>{@link #GZIP}: a gzip stream (RFC 1952), JDK deflater.</li>
 *   <li>{@link #SNAPPY}: snappy-java's block stream ({@code SnappyOutputStream}, the "xerial"
 *       framing with its own magic header), not the Snappy framing format.</li>
 *   <li>{@link #LZ4}: one LZ4 frame (frame format version 1), 64 KiB independent blocks, no block
 *       or content checksums, with a correct header checksum.</li>
 *   <li>{@link #ZSTD}: a Zstandard frame (level 3).</li>
 * </ul>
 *
 * <p>Stateless; the streams it returns are not thread-safe and must be closed (the Zstandard ones
 * hold native memory).
 */
public enum CompressionType {
    NONE(0, "none") {
        @Override
        public OutputStream wrapForOutput(OutputStream out) {
            return out;
        }

        @Override
        public InputStream wrapForInput(InputStream in) {
            return in;
        }
    },
    GZIP(1, "gzip") {
        @Override
        public OutputStream wrapForOutput(OutputStream out) throws IOException {
            return new GZIPOutputStream(out, 8 * 1024);
        }

        @Override
        public InputStream wrapForInput(InputStream in) throws IOException {
            return new GZIPInputStream(in, 8 * 1024);
        }
    },
    SNAPPY(2, "snappy") {
        @Override
        public OutputStream wrapForOutput(OutputStream out) {
            return new SnappyOutputStream(out);
        }

        @Override
        public InputStream wrapForInput(InputStream in) throws IOException {
            return new SnappyInputStream(in);
        }
    },
    LZ4(3, "lz4") {
        @Override
        public OutputStream wrapForOutput(OutputStream out) throws IOException {
            return new LZ4FrameOutputStream(out, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                    LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE);
        }

        @Override
        public InputStream wrapForInput(InputStream in) throws IOException {
            return new LZ4FrameInputStream(in);
        }
    },
    ZSTD(4, "zstd") {
        @Override
        public OutputStream wrapForOutput(OutputStream out) throws IOException {
            return new ZstdOutputStreamNoFinalizer(out, 3);
        }

        @Override
        public InputStream wrapForInput(InputStream in) throws IOException {
            return new ZstdInputStreamNoFinalizer(in);
        }
    };

    /** The codec id in the batch attributes. */
    public final int id;
    private final String configName;

    CompressionType(int id, String configName) {
        this.id = id;
        this.configName = configName;
    }

    /** The codec id in the batch attributes. */
    public int id() {
        return id;
    }

    /** The lower-case name used in configuration: none, gzip, snappy, lz4, zstd. */
    public String configName() {
        return configName;
    }

    /** A stream that compresses into {@code out}; closing it finishes the stream and closes {@code out}. */
    public abstract OutputStream wrapForOutput(OutputStream out) throws IOException;

    /** A stream that decompresses what it reads from {@code in}. */
    public abstract InputStream wrapForInput(InputStream in) throws IOException;

    /** The codec with attribute id {@code id}; {@link IllegalArgumentException} for unknown ids. */
    public static CompressionType forId(int id) {
        switch (id) {
            case 0: return NONE;
            case 1: return GZIP;
            case 2: return SNAPPY;
            case 3: return LZ4;
            case 4: return ZSTD;
            default: throw new IllegalArgumentException("unknown compression codec id " + id);
        }
    }

    /** The codec named {@code name} (case-insensitive); {@link IllegalArgumentException} if unknown. */
    public static CompressionType forName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (CompressionType type : values()) {
            if (type.configName.equals(lower)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown compression type: " + name);
    }

    @Override
    public String toString() {
        return configName;
    }
}
