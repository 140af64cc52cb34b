package dev.partita.protocol.jms;

import java.util.Optional;

/**
 * The type tag byte in front of every encoded JMS value (a record header value, a map entry, a
 * stream item). Codes never change; see the table in this package's documentation.
 */
public enum JmsValueTag {
    NULL(0),
    BOOLEAN(1),
    BYTE(2),
    SHORT(3),
    INT(4),
    LONG(5),
    FLOAT(6),
    DOUBLE(7),
    STRING(8),
    BYTES(9),
    /** Map and stream bodies only (JMS properties have no char type). */
    CHAR(10),
    /** Headers {@code JMSDestination} and {@code JMSReplyTo} only. */
    DESTINATION(11);

    private final byte code;

    JmsValueTag(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    /** The tag with this code, or empty for a code this build does not know. */
    public static Optional<JmsValueTag> forCode(byte code) {
        for (JmsValueTag tag : values()) {
            if (tag.code == code) {
                return Optional.of(tag);
            }
        }
        return Optional.empty();
    }

    /**
     * The tag of a Java value: null, a boxed primitive, {@code String}, {@code byte[]} or a
     * {@link JmsDestination}.
     *
     * @throws IllegalArgumentException for any other class
     */
    public static JmsValueTag of(Object value) {
        if (value == null) {
            return NULL;
        } else if (value instanceof Boolean) {
            return BOOLEAN;
        } else if (value instanceof Byte) {
            return BYTE;
        } else if (value instanceof Short) {
            return SHORT;
        } else if (value instanceof Integer) {
            return INT;
        } else if (value instanceof Long) {
            return LONG;
        } else if (value instanceof Float) {
            return FLOAT;
        } else if (value instanceof Double) {
            return DOUBLE;
        } else if (value instanceof String) {
            return STRING;
        } else if (value instanceof byte[]) {
            return BYTES;
        } else if (value instanceof Character) {
            return CHAR;
        } else if (value instanceof JmsDestination) {
            return DESTINATION;
        }
        throw new IllegalArgumentException("a JMS value cannot be of type " + value.getClass().getName());
    }

    /** Whether a JMS property may hold a value of this tag (3.5.4: no char, no bytes). */
    public boolean isPropertyType() {
        return this != BYTES && this != CHAR && this != DESTINATION;
    }
}
