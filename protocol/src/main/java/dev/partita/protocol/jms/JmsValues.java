package dev.partita.protocol.jms;

import dev.partita.protocol.message.DestinationKind;
import dev.partita.protocol.record.InvalidRecordException;
import dev.partita.protocol.record.Varints;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes one tagged JMS value, in its two forms: as a whole record header value (a
 * string, byte array or destination name runs to the end of the header value) and as an item of a
 * map or stream body (strings and byte arrays carry a varint length). Numbers are big-endian,
 * floats IEEE 754; strings UTF-8, checked strictly on decode. Stateless and thread-safe.
 */
final class JmsValues {

    /** Set in a destination's kind byte when it is a temporary queue or topic. */
    static final int TEMPORARY_DESTINATION_BIT = 0x40;

    private JmsValues() {
    }

    // ---- header form ----

    static byte[] encodeHeaderValue(Object value) {
        JmsValueTag tag = JmsValueTag.of(value);
        byte[] payload = switch (tag) {
            case STRING -> utf8((String) value);
            case BYTES -> (byte[]) value;
            case DESTINATION -> {
                JmsDestination destination = (JmsDestination) value;
                byte[] name = utf8(destination.name());
                byte[] out = new byte[1 + name.length];
                out[0] = (byte) (destination.kind().code() | (destination.temporary() ? TEMPORARY_DESTINATION_BIT : 0));
                System.arraycopy(name, 0, out, 1, name.length);
                yield out;
            }
            default -> fixedWidth(tag, value);
        };
        byte[] encoded = new byte[1 + payload.length];
        encoded[0] = tag.code();
        System.arraycopy(payload, 0, encoded, 1, payload.length);
        return encoded;
    }

    static Object decodeHeaderValue(String name, byte[] value, JmsCodecLimits limits) {
        if (value == null || value.length == 0) {
            throw new MalformedJmsRecordException("header " + name + " has no type tag");
        }
        JmsValueTag tag = tag(value[0], "header " + name);
        ByteBuffer in = ByteBuffer.wrap(value, 1, value.length - 1);
        Object decoded = switch (tag) {
            case STRING -> utf8(in, in.remaining(), limits, "header " + name);
            case BYTES -> bytes(in, in.remaining(), limits, "header " + name);
            case DESTINATION -> {
                if (!in.hasRemaining()) {
                    throw new MalformedJmsRecordException("header " + name + ": destination without a kind");
                }
                byte code = in.get();
                boolean temporary = (code & TEMPORARY_DESTINATION_BIT) != 0;
                DestinationKind kind = DestinationKind.forCode((byte) (code & ~TEMPORARY_DESTINATION_BIT)).orElseThrow(() ->
                        new MalformedJmsRecordException("header " + name + ": unknown destination kind " + code));
                yield new JmsDestination(kind, utf8(in, in.remaining(), limits, "header " + name), temporary);
            }
            default -> readFixedWidth(tag, in, "header " + name);
        };
        if (in.hasRemaining()) {
            throw new MalformedJmsRecordException("header " + name + ": " + in.remaining()
                    + " bytes after its " + tag + " value");
        }
        return decoded;
    }

    // ---- body form ----

    static void writeBodyValue(Object value, ByteArrayOutputStream out) {
        JmsValueTag tag = JmsValueTag.of(value);
        out.write(tag.code());
        switch (tag) {
            case STRING -> writeSized(utf8((String) value), out);
            case BYTES -> writeSized((byte[]) value, out);
            case DESTINATION -> throw new IllegalArgumentException("a body value cannot be a destination");
            default -> out.writeBytes(fixedWidth(tag, value));
        }
    }

    static Object readBodyValue(ByteBuffer in, JmsCodecLimits limits, String where) {
        try {
            JmsValueTag tag = tag(in.get(), where);
            return switch (tag) {
                case STRING -> utf8(in, readLength(in, where), limits, where);
                case BYTES -> bytes(in, readLength(in, where), limits, where);
                case DESTINATION -> throw new MalformedJmsRecordException(where + ": a body value cannot be a destination");
                default -> readFixedWidth(tag, in, where);
            };
        } catch (BufferUnderflowException e) {
            throw new MalformedJmsRecordException(where + " is cut short by the end of the body", e);
        }
    }

    static void writeSized(byte[] bytes, ByteArrayOutputStream out) {
        writeVarint(bytes.length, out);
        out.writeBytes(bytes);
    }

    static void writeVarint(int value, ByteArrayOutputStream out) {
        ByteBuffer buffer = ByteBuffer.allocate(Varints.MAX_VARINT_BYTES);
        Varints.writeVarint(value, buffer);
        out.write(buffer.array(), 0, buffer.position());
    }

    static int readLength(ByteBuffer in, String where) {
        int length;
        try {
            length = Varints.readVarint(in);
        } catch (InvalidRecordException e) {
            throw new MalformedJmsRecordException(where + ": " + e.getMessage(), e);
        }
        if (length < 0) {
            throw new MalformedJmsRecordException(where + ": negative length " + length);
        }
        return length;
    }

    static String utf8(ByteBuffer in, int length, JmsCodecLimits limits, String where) {
        if (length > limits.maxValueBytes()) {
            throw new MalformedJmsRecordException(where + ": string of " + length
                    + " bytes is longer than the limit of " + limits.maxValueBytes());
        }
        return strictUtf8(in, length, where);
    }

    static String strictUtf8(ByteBuffer in, int length, String where) {
        if (length > in.remaining()) {
            throw new MalformedJmsRecordException(where + ": string of " + length + " bytes but only "
                    + in.remaining() + " left");
        }
        ByteBuffer slice = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(slice);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new MalformedJmsRecordException(where + ": invalid UTF-8", e);
        }
    }

    static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer in, int length, JmsCodecLimits limits, String where) {
        if (length > limits.maxValueBytes()) {
            throw new MalformedJmsRecordException(where + ": byte array of " + length
                    + " bytes is longer than the limit of " + limits.maxValueBytes());
        }
        if (length > in.remaining()) {
            throw new MalformedJmsRecordException(where + ": byte array of " + length + " bytes but only "
                    + in.remaining() + " left");
        }
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    private static JmsValueTag tag(byte code, String where) {
        return JmsValueTag.forCode(code).orElseThrow(() ->
                new MalformedJmsRecordException(where + ": unknown type tag " + code));
    }

    private static byte[] fixedWidth(JmsValueTag tag, Object value) {
        return switch (tag) {
            case NULL -> new byte[0];
            case BOOLEAN -> new byte[] {(byte) (((Boolean) value) ? 1 : 0)};
            case BYTE -> new byte[] {(Byte) value};
            case SHORT -> ByteBuffer.allocate(2).putShort((Short) value).array();
            case CHAR -> ByteBuffer.allocate(2).putChar((Character) value).array();
            case INT -> ByteBuffer.allocate(4).putInt((Integer) value).array();
            case LONG -> ByteBuffer.allocate(8).putLong((Long) value).array();
            case FLOAT -> ByteBuffer.allocate(4).putFloat((Float) value).array();
            case DOUBLE -> ByteBuffer.allocate(8).putDouble((Double) value).array();
            default -> throw new IllegalStateException("not a fixed-width tag: " + tag);
        };
    }

    private static Object readFixedWidth(JmsValueTag tag, ByteBuffer in, String where) {
        int width = switch (tag) {
            case NULL -> 0;
            case BOOLEAN, BYTE -> 1;
            case SHORT, CHAR -> 2;
            case INT, FLOAT -> 4;
            case LONG, DOUBLE -> 8;
            default -> throw new IllegalStateException("not a fixed-width tag: " + tag);
        };
        if (in.remaining() < width) {
            throw new MalformedJmsRecordException(where + ": " + tag + " needs " + width + " bytes, "
                    + in.remaining() + " left");
        }
        return switch (tag) {
            case NULL -> null;
            case BOOLEAN -> {
                byte b = in.get();
                if (b != 0 && b != 1) {
                    throw new MalformedJmsRecordException(where + ": boolean byte " + b + " is neither 0 nor 1");
                }
                yield b == 1;
            }
            case BYTE -> in.get();
            case SHORT -> in.getShort();
            case CHAR -> in.getChar();
            case INT -> in.getInt();
            case LONG -> in.getLong();
            case FLOAT -> in.getFloat();
            case DOUBLE -> in.getDouble();
            default -> throw new IllegalStateException("not a fixed-width tag: " + tag);
        };
    }
}
