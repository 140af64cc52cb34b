package dev.partita.protocol.jms;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The record value of each message type, as a Kafka client reads it:
 *
 * <pre>
 * MESSAGE  no value (null)
 * TEXT     the text in UTF-8; a null text is a null value, "" an empty value
 * BYTES    the bytes as written
 * OBJECT   the object's Java serialization stream; a null object is a null value
 * MAP      varint entryCount, then entryCount times:
 *            varint nameLength, name (UTF-8), value
 * STREAM   varint itemCount, then itemCount times: value
 *
 * value    int8 tag (see JmsValueTag), then by tag:
 *            NULL 0 bytes; BOOLEAN 1 byte (0 or 1); BYTE 1; SHORT 2; CHAR 2 (UTF-16 unit); INT 4;
 *            LONG 8; FLOAT 4, DOUBLE 8 (IEEE 754); STRING varint length + UTF-8;
 *            BYTES varint length + bytes
 * </pre>
 *
 * Integers are big-endian; varints are zig-zag base-128 as in the record format. A null map or
 * stream body (no value) decodes as empty. Decoding is bounded by {@link JmsCodecLimits} and fails
 * with {@link MalformedJmsRecordException}. Stateless and thread-safe.
 */
public final class JmsBodyCodec {

    private JmsBodyCodec() {
    }

    public static byte[] encodeText(String text) {
        return text == null ? null : JmsValues.utf8(text);
    }

    public static String decodeText(byte[] body, JmsCodecLimits limits) {
        if (body == null) {
            return null;
        }
        return JmsValues.utf8(ByteBuffer.wrap(body), body.length, limits, "text body");
    }

    /**
     * Encodes a map body. Values: null, Boolean, Byte, Short, Character, Integer, Long, Float,
     * Double, String, byte[].
     *
     * @throws IllegalArgumentException for a null name or a value of another type
     */
    public static byte[] encodeMap(Map<String, ?> map) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + map.size() * 16);
        JmsValues.writeVarint(map.size(), out);
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            JmsValues.writeSized(JmsValues.utf8(Objects.requireNonNull(entry.getKey(), "map entry name")), out);
            JmsValues.writeBodyValue(entry.getValue(), out);
        }
        return out.toByteArray();
    }

    /** Decodes a map body into a modifiable map in encoded order. */
    public static Map<String, Object> decodeMap(byte[] body, JmsCodecLimits limits) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (body == null) {
            return map;
        }
        ByteBuffer in = ByteBuffer.wrap(body);
        int count = count(in, limits, "map body");
        for (int i = 0; i < count; i++) {
            String where = "map entry " + i;
            String name;
            try {
                int nameLength = JmsValues.readLength(in, where);
                if (nameLength > limits.maxNameBytes()) {
                    throw new MalformedJmsRecordException(where + ": name of " + nameLength
                            + " bytes is longer than the limit of " + limits.maxNameBytes());
                }
                name = JmsValues.strictUtf8(in, nameLength, where);
            } catch (BufferUnderflowException e) {
                throw new MalformedJmsRecordException(where + " is cut short by the end of the body", e);
            }
            if (map.containsKey(name)) {
                throw new MalformedJmsRecordException(where + ": name " + name + " appears twice");
            }
            map.put(name, JmsValues.readBodyValue(in, limits, where + " (" + name + ")"));
        }
        expectEnd(in, "map body");
        return map;
    }

    /** Encodes a stream body; values as for {@link #encodeMap}. */
    public static byte[] encodeStream(List<?> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + items.size() * 8);
        JmsValues.writeVarint(items.size(), out);
        for (Object item : items) {
            JmsValues.writeBodyValue(item, out);
        }
        return out.toByteArray();
    }

    /** Decodes a stream body into a modifiable list. */
    public static List<Object> decodeStream(byte[] body, JmsCodecLimits limits) {
        if (body == null) {
            return new ArrayList<>();
        }
        ByteBuffer in = ByteBuffer.wrap(body);
        int count = count(in, limits, "stream body");
        List<Object> items = new ArrayList<>(Math.min(count, in.remaining()));
        for (int i = 0; i < count; i++) {
            items.add(JmsValues.readBodyValue(in, limits, "stream item " + i));
        }
        expectEnd(in, "stream body");
        return items;
    }

    private static int count(ByteBuffer in, JmsCodecLimits limits, String where) {
        int count = JmsValues.readLength(in, where);
        if (count > limits.maxBodyEntries()) {
            throw new MalformedJmsRecordException(where + ": " + count + " entries, more than the limit of "
                    + limits.maxBodyEntries());
        }
        // Every entry takes at least one byte: a count beyond that is corrupt, refuse before allocating.
        if (count > in.remaining()) {
            throw new MalformedJmsRecordException(where + ": " + count + " entries cannot fit in "
                    + in.remaining() + " bytes");
        }
        return count;
    }

    private static void expectEnd(ByteBuffer in, String where) {
        if (in.hasRemaining()) {
            throw new MalformedJmsRecordException(where + ": " + in.remaining() + " bytes after the last entry");
        }
    }
}
