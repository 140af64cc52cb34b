package dev.partita.protocol.frame;

import dev.partita.protocol.record.Records;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes one frame in the protocol's primitive encodings (see the package documentation) into a
 * growing heap buffer. Record sets are not copied: each becomes a part of its own in the
 * {@link EncodedFrame}, between the heap parts before and after it.
 *
 * <p>The frame starts with a 4-byte size placeholder that {@link #finish()} fills in. Single use
 * and not thread-safe.
 */
public final class MessageWriter {

    private static final int INITIAL_CAPACITY = 128;

    private final List<Object> parts = new ArrayList<>();
    private ByteBuffer current = ByteBuffer.allocate(INITIAL_CAPACITY);
    /** Bytes in parts already closed. */
    private long closedBytes;
    private boolean finished;

    /** A writer whose first four bytes are the frame's size prefix, filled in by {@link #finish()}. */
    public MessageWriter() {
        current.putInt(0);
    }

    public MessageWriter writeByte(byte value) {
        ensure(1).put(value);
        return this;
    }

    public MessageWriter writeBoolean(boolean value) {
        return writeByte(value ? (byte) 1 : (byte) 0);
    }

    public MessageWriter writeShort(short value) {
        ensure(2).putShort(value);
        return this;
    }

    public MessageWriter writeInt(int value) {
        ensure(4).putInt(value);
        return this;
    }

    public MessageWriter writeLong(long value) {
        ensure(8).putLong(value);
        return this;
    }

    /**
     * Writes a non-null string: int16 byte length, then UTF-8.
     *
     * @throws IllegalArgumentException if null or longer than {@link MessageReader#MAX_STRING_BYTES} in UTF-8
     */
    public MessageWriter writeString(String value) {
        if (value == null) {
            throw new IllegalArgumentException("this string field is not nullable");
        }
        return writeNullableString(value);
    }

    /** Writes a string that may be null (length -1). */
    public MessageWriter writeNullableString(String value) {
        if (value == null) {
            return writeShort((short) -1);
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MessageReader.MAX_STRING_BYTES) {
            throw new IllegalArgumentException("string of " + bytes.length + " UTF-8 bytes exceeds the limit of "
                    + MessageReader.MAX_STRING_BYTES);
        }
        writeShort((short) bytes.length);
        ensure(bytes.length).put(bytes);
        return this;
    }

    /** Writes a non-null byte array: int32 length, then the bytes. */
    public MessageWriter writeBytes(byte[] value) {
        writeInt(value.length);
        ensure(value.length).put(value);
        return this;
    }

    /** Writes an array: int32 count, then each element with {@code element}. */
    public <T> MessageWriter writeArray(Collection<T> values, BiConsumer<MessageWriter, T> element) {
        writeInt(values.size());
        for (T value : values) {
            element.accept(this, value);
        }
        return this;
    }

    /** Writes an array that may be null (count -1). */
    public <T> MessageWriter writeNullableArray(Collection<T> values, BiConsumer<MessageWriter, T> element) {
        if (values == null) {
            return writeInt(-1);
        }
        return writeArray(values, element);
    }

    /** Writes a list of int32 values. */
    public MessageWriter writeIntArray(Collection<Integer> values) {
        return writeArray(values, MessageWriter::writeInt);
    }

    /**
     * Writes a record set: int32 length, then the raw batches as a part of their own (never
     * copied; file-backed records stay in their file).
     */
    public MessageWriter writeRecords(Records records) {
        int size = records.sizeInBytes();
        writeInt(size);
        if (size > 0) {
            closeCurrent();
            parts.add(records);
            closedBytes += size;
        }
        return this;
    }

    /** Bytes written so far, size prefix included. */
    public long size() {
        return closedBytes + current.position();
    }

    /**
     * Fills in the size prefix and returns the frame. The writer cannot be used afterwards.
     *
     * @throws IllegalStateException if the frame is larger than an int32 size can say
     */
    public EncodedFrame finish() {
        if (finished) {
            throw new IllegalStateException("frame already finished");
        }
        finished = true;
        long total = size();
        if (total - FrameCodec.SIZE_PREFIX_BYTES > Integer.MAX_VALUE) {
            throw new IllegalStateException("frame of " + total + " bytes is too large to encode");
        }
        closeCurrent();
        ((ByteBuffer) parts.get(0)).putInt(0, (int) (total - FrameCodec.SIZE_PREFIX_BYTES));
        return new EncodedFrame(parts, (int) total);
    }

    private void closeCurrent() {
        if (current.position() > 0) {
            closedBytes += current.position();
            parts.add(current.flip());
            current = ByteBuffer.allocate(INITIAL_CAPACITY);
        }
    }

    private ByteBuffer ensure(int bytes) {
        if (finished) {
            throw new IllegalStateException("frame already finished");
        }
        if (current.remaining() < bytes) {
            int capacity = Math.max(current.capacity() * 2, current.position() + bytes);
            ByteBuffer grown = ByteBuffer.allocate(capacity);
            grown.put(current.flip());
            current = grown;
        }
        return current;
    }
}
