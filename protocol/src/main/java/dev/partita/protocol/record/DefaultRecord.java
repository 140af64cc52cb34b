package dev.partita.protocol.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One record of a magic-2 batch, and its codec. Every integer below is a zig-zag varint
 * ({@link Varints}); deltas are relative to the batch header's base offset and base timestamp.
 *
 * <pre>
 * | field            | type              | notes                                          |
 * |------------------|-------------------|------------------------------------------------|
 * | length           | varint            | bytes of the record after this field           |
 * | attributes       | int8              | unused, written as 0                           |
 * | timestampDelta   | varlong           | timestamp - batch baseTimestamp                |
 * | offsetDelta      | varint            | offset - batch baseOffset (0, 1, 2, ...)       |
 * | keyLength        | varint            | -1 for a null key                              |
 * | key              | keyLength bytes   |                                                |
 * | valueLength      | varint            | -1 for a null value                            |
 * | value            | valueLength bytes |                                                |
 * | headerCount      | varint            | 0 or more                                      |
 * | headers          | headerCount times:                                                 |
 * |   keyLength      | varint            | never null                                     |
 * |   key            | keyLength bytes   | UTF-8                                          |
 * |   valueLength    | varint            | -1 for a null value                            |
 * |   value          | valueLength bytes |                                                |
 * </pre>
 *
 * <p>Records sit one after the other after the batch header, compressed as a whole when the batch
 * has a codec. A record has no CRC of its own: the batch CRC covers it.
 *
 * <p>Instances are immutable views; reading one allocates the record, its header array and header
 * contents, never copies key or value.
 */
public final class DefaultRecord implements Record {

    /** Attributes (1) + the longest timestamp delta (10) + offset delta (5): the fixed part's maximum. */
    public static final int MAX_RECORD_OVERHEAD = 1 + Varints.MAX_VARLONG_BYTES + Varints.MAX_VARINT_BYTES;

    private static final Header[] NO_HEADERS = new Header[0];

    private final int sizeInBytes;
    private final long offset;
    private final int offsetDelta;
    private final long timestamp;
    private final int sequence;
    private final ByteBuffer key;
    private final ByteBuffer value;
    private final Header[] headers;

    private DefaultRecord(int sizeInBytes, long offset, int offsetDelta, long timestamp, int sequence,
                          ByteBuffer key, ByteBuffer value, Header[] headers) {
        this.sizeInBytes = sizeInBytes;
        this.offset = offset;
        this.offsetDelta = offsetDelta;
        this.timestamp = timestamp;
        this.sequence = sequence;
        this.key = key;
        this.value = value;
        this.headers = headers;
    }

    @Override public long offset() { return offset; }
    @Override public int offsetDelta() { return offsetDelta; }
    @Override public long timestamp() { return timestamp; }
    @Override public int sequence() { return sequence; }
    @Override public ByteBuffer key() { return key == null ? null : key.duplicate(); }
    @Override public ByteBuffer value() { return value == null ? null : value.duplicate(); }
    @Override public boolean hasKey() { return key != null; }
    @Override public boolean hasValue() { return value != null; }
    @Override public int keySize() { return key == null ? -1 : key.remaining(); }
    @Override public int valueSize() { return value == null ? -1 : value.remaining(); }
    @Override public Header[] headers() { return headers; }
    @Override public int sizeInBytes() { return sizeInBytes; }

    // ---------------------------------------------------------------- writing

    /** Encoded size of a record, length prefix included. Key and value: remaining bytes, or null. */
    public static int sizeInBytes(int offsetDelta, long timestampDelta, ByteBuffer key, ByteBuffer value,
                                  Header[] headers) {
        int body = sizeOfBodyInBytes(offsetDelta, timestampDelta, key, value, headers);
        return Varints.sizeOfVarint(body) + body;
    }

    private static int sizeOfBodyInBytes(int offsetDelta, long timestampDelta, ByteBuffer key,
                                         ByteBuffer value, Header[] headers) {
        long size = 1L
                + Varints.sizeOfVarlong(timestampDelta)
                + Varints.sizeOfVarint(offsetDelta)
                + sizeOfBytes(key == null ? -1 : key.remaining())
                + sizeOfBytes(value == null ? -1 : value.remaining())
                + Varints.sizeOfVarint(headers.length);
        for (Header header : headers) {
            size += sizeOfBytes(utf8Length(header.key()));
            size += sizeOfBytes(header.value() == null ? -1 : header.value().length);
        }
        if (size > Integer.MAX_VALUE - Varints.MAX_VARINT_BYTES) {
            throw new IllegalArgumentException("record too large: " + size + " bytes");
        }
        return (int) size;
    }

    private static int sizeOfBytes(int length) {
        return length < 0 ? Varints.sizeOfVarint(-1) : Varints.sizeOfVarint(length) + length;
    }

    /**
     * Writes one record at {@code out}'s position, which must have room for
     * {@link #sizeInBytes(int, long, ByteBuffer, ByteBuffer, Header[])} bytes. Key and value
     * positions are not moved. Returns the bytes written.
     */
    public static int writeTo(ByteBuffer out, int offsetDelta, long timestampDelta, ByteBuffer key,
                              ByteBuffer value, Header[] headers) {
        int start = out.position();
        Varints.writeVarint(sizeOfBodyInBytes(offsetDelta, timestampDelta, key, value, headers), out);
        out.put((byte) 0);
        Varints.writeVarlong(timestampDelta, out);
        Varints.writeVarint(offsetDelta, out);
        writeBytes(key, out);
        writeBytes(value, out);
        Varints.writeVarint(headers.length, out);
        for (Header header : headers) {
            byte[] headerKey = header.key().getBytes(StandardCharsets.UTF_8);
            Varints.writeVarint(headerKey.length, out);
            out.put(headerKey);
            byte[] headerValue = header.value();
            if (headerValue == null) {
                Varints.writeVarint(-1, out);
            } else {
                Varints.writeVarint(headerValue.length, out);
                out.put(headerValue);
            }
        }
        return out.position() - start;
    }

    private static void writeBytes(ByteBuffer bytes, ByteBuffer out) {
        if (bytes == null) {
            Varints.writeVarint(-1, out);
        } else {
            int length = bytes.remaining();
            Varints.writeVarint(length, out);
            // Absolute bulk put: neither buffer's position moves, nothing is allocated.
            out.put(out.position(), bytes, bytes.position(), length);
            out.position(out.position() + length);
        }
    }

    /** UTF-8 length of {@code s} without encoding it. */
    static int utf8Length(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                // Lone surrogates are encoded as '?' by String.getBytes: one byte.
                length += Character.isSurrogate(c) ? 1 : 3;
            }
        }
        return length;
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads the record at {@code in}'s position and moves the position past it. {@code in}'s
     * limit bounds the read (the end of the records region); key and value become slices of it.
     *
     * @param batch the header fields the record's deltas are relative to
     * @throws InvalidRecordException if the bytes are not a well-formed record
     */
    static DefaultRecord readFrom(ByteBuffer in, BatchContext batch) {
        int start = in.position();
        int bodyLength = Varints.readVarint(in);
        if (bodyLength < 0 || bodyLength > in.remaining()) {
            throw new InvalidRecordException("record length " + bodyLength + " at byte " + start
                    + " does not fit in the " + in.remaining() + " bytes left");
        }
        int end = in.position() + bodyLength;
        int limit = in.limit();
        in.limit(end);
        try {
            in.get(); // attributes: unused
            long timestampDelta = Varints.readVarlong(in);
            int offsetDelta = Varints.readVarint(in);
            ByteBuffer key = readBytes(in, "key");
            ByteBuffer value = readBytes(in, "value");
            Header[] headers = readHeaders(in);
            if (in.hasRemaining()) {
                throw new InvalidRecordException("record at byte " + start + " has " + in.remaining()
                        + " bytes beyond its fields");
            }
            long timestamp = batch.logAppendTime() ? batch.maxTimestamp() : batch.baseTimestamp() + timestampDelta;
            return new DefaultRecord(end - start, batch.baseOffset() + offsetDelta, offsetDelta, timestamp,
                    batch.sequenceOf(offsetDelta), key, value, headers);
        } catch (java.nio.BufferUnderflowException e) {
            throw new InvalidRecordException("record at byte " + start + " is shorter than its fields", e);
        } finally {
            in.limit(limit);
        }
    }

    private static ByteBuffer readBytes(ByteBuffer in, String what) {
        int length = Varints.readVarint(in);
        if (length == -1) {
            return null;
        }
        if (length < -1 || length > in.remaining()) {
            throw new InvalidRecordException("record " + what + " length " + length + " is invalid ("
                    + in.remaining() + " bytes left in the record)");
        }
        ByteBuffer slice = in.slice(in.position(), length);
        in.position(in.position() + length);
        return slice;
    }

    private static Header[] readHeaders(ByteBuffer in) {
        int count = Varints.readVarint(in);
        if (count == 0) {
            return NO_HEADERS;
        }
        // Each header takes at least two bytes; a larger count is a lie, not an allocation.
        if (count < 0 || count > in.remaining() / 2) {
            throw new InvalidRecordException("record header count " + count + " is invalid");
        }
        Header[] headers = new Header[count];
        for (int i = 0; i < count; i++) {
            int keyLength = Varints.readVarint(in);
            if (keyLength < 0 || keyLength > in.remaining()) {
                throw new InvalidRecordException("record header key length " + keyLength + " is invalid");
            }
            String key = readUtf8(in, keyLength);
            int valueLength = Varints.readVarint(in);
            byte[] value = null;
            if (valueLength != -1) {
                if (valueLength < -1 || valueLength > in.remaining()) {
                    throw new InvalidRecordException("record header value length " + valueLength + " is invalid");
                }
                value = new byte[valueLength];
                in.get(value);
            }
            headers[i] = new Header(key, value);
        }
        return headers;
    }

    private static String readUtf8(ByteBuffer in, int length) {
        String s;
        if (in.hasArray()) {
            s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
            in.position(in.position() + length);
        } else {
            byte[] bytes = new byte[length];
            in.get(bytes);
            s = new String(bytes, StandardCharsets.UTF_8);
        }
        return s;
    }

    @Override
    public String toString() {
        return "DefaultRecord(offset=" + offset + ", timestamp=" + timestamp + ", key=" + keySize()
                + " bytes, value=" + valueSize() + " bytes, headers=" + headers.length + ")";
    }

    /** The batch header fields a record's deltas resolve against. */
    record BatchContext(long baseOffset, long baseTimestamp, long maxTimestamp, boolean logAppendTime,
                        int baseSequence) {

        int sequenceOf(int offsetDelta) {
            if (baseSequence == RecordBatch.NO_SEQUENCE) {
                return RecordBatch.NO_SEQUENCE;
            }
            long sequence = (long) baseSequence + offsetDelta;
            return (int) (sequence > Integer.MAX_VALUE ? sequence - Integer.MAX_VALUE - 1 : sequence);
        }
    }
}
