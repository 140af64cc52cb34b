package dev.partita.protocol.frame;

import dev.partita.protocol.record.MemoryRecords;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the protocol's primitive encodings from a frame, trusting nothing: every length and count
 * is checked against the bytes that remain and against its limit <em>before</em> anything is
 * allocated, so a hostile peer cannot make the reader allocate more than the frame it already
 * sent. Any violation is an {@link InvalidFrameException} saying what was wrong and where.
 *
 * <p>Reads from a duplicate of the given buffer (the caller's position is not moved). Record sets
 * are slices of that buffer, not copies. Not thread-safe.
 */
public final class MessageReader {

    /** Longest string in UTF-8 bytes: an int16 length says at most this. */
    public static final int MAX_STRING_BYTES = Short.MAX_VALUE;

    private final ByteBuffer buffer;
    private final int start;
    /** Strict: malformed UTF-8 is an error, not a replacement character. Created on first use. */
    private CharsetDecoder utf8;

    public MessageReader(ByteBuffer buffer) {
        this.buffer = buffer.duplicate().order(ByteOrder.BIG_ENDIAN);
        this.start = this.buffer.position();
    }

    /** Bytes not yet read. */
    public int remaining() {
        return buffer.remaining();
    }

    /** Bytes read so far. */
    public int bytesRead() {
        return buffer.position() - start;
    }

    public byte readByte() {
        require(1, "int8");
        return buffer.get();
    }

    /** Reads an int8 that must be 0 (false) or 1 (true). */
    public boolean readBoolean() {
        byte value = readByte();
        if (value != 0 && value != 1) {
            throw invalid("boolean must be 0 or 1, got " + value);
        }
        return value == 1;
    }

    public short readShort() {
        require(2, "int16");
        return buffer.getShort();
    }

    public int readInt() {
        require(4, "int32");
        return buffer.getInt();
    }

    public long readLong() {
        require(8, "int64");
        return buffer.getLong();
    }

    /** Reads a string that must not be null. */
    public String readString() {
        String value = readNullableString();
        if (value == null) {
            throw invalid("null string where a string is required");
        }
        return value;
    }

    /** Reads an int16 length (-1 = null) and that many bytes of strict UTF-8. */
    public String readNullableString() {
        short length = readShort();
        if (length == -1) {
            return null;
        }
        if (length < 0) {
            throw invalid("negative string length " + length);
        }
        require(length, "string");
        if (length == 0) {
            return "";
        }
        ByteBuffer slice = buffer.slice().limit(length);
        buffer.position(buffer.position() + length);
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        try {
            return utf8.decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidFrameException("string is not valid UTF-8 at byte " + bytesRead(), e);
        }
    }

    /** Reads an int32 length and that many bytes into a new array (length checked first). */
    public byte[] readBytes() {
        int length = readInt();
        if (length < 0) {
            throw invalid("negative byte array length " + length);
        }
        require(length, "byte array");
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }

    /**
     * Reads an int32 length and returns that many bytes as {@link MemoryRecords} sharing this
     * frame's buffer (no copy). Whatever batches they hold are not validated here.
     */
    public MemoryRecords readRecords() {
        int length = readInt();
        if (length < 0) {
            throw invalid("negative record set length " + length);
        }
        require(length, "record set");
        ByteBuffer slice = buffer.slice().limit(length);
        buffer.position(buffer.position() + length);
        return length == 0 ? MemoryRecords.EMPTY : MemoryRecords.readableRecords(slice);
    }

    /**
     * Reads an array that must not be null: an int32 count, then each element.
     *
     * @param minElementSize the fewest bytes one element can take; the count must fit in what
     *                       remains at that size, so no count can make the list outgrow the frame
     */
    public <T> List<T> readArray(int minElementSize, Function<MessageReader, T> element) {
        List<T> values = readNullableArray(minElementSize, element);
        if (values == null) {
            throw invalid("null array where an array is required");
        }
        return values;
    }

    /** Reads an array whose count may be -1 (null). */
    public <T> List<T> readNullableArray(int minElementSize, Function<MessageReader, T> element) {
        if (minElementSize < 1) {
            throw new IllegalArgumentException("minElementSize must be at least 1");
        }
        int count = readInt();
        if (count == -1) {
            return null;
        }
        if (count < 0) {
            throw invalid("negative array count " + count);
        }
        if (count > remaining() / minElementSize) {
            throw invalid("array of " + count + " elements of at least " + minElementSize
                    + " bytes cannot fit in the " + remaining() + " bytes left");
        }
        if (count == 0) {
            return Collections.emptyList();
        }
        List<T> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(element.apply(this));
        }
        return values;
    }

    /** Reads an array of int32 values. */
    public List<Integer> readIntArray() {
        return readArray(4, MessageReader::readInt);
    }

    /** Fails unless every byte was read: trailing bytes mean the peer and we disagree on the layout. */
    public void ensureFullyRead(String what) {
        if (buffer.hasRemaining()) {
            throw invalid(buffer.remaining() + " unexpected trailing bytes after " + what);
        }
    }

    /** An {@link InvalidFrameException} whose message says where in the frame reading stopped. */
    public InvalidFrameException invalid(String message) {
        return new InvalidFrameException(message + " (at byte " + bytesRead() + " after the size prefix)");
    }

    private void require(int bytes, String what) {
        if (buffer.remaining() < bytes) {
            throw invalid("frame truncated: " + what + " needs " + bytes + " bytes, " + buffer.remaining()
                    + " remain");
        }
    }
}
