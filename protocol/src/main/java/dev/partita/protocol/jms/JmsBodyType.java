package dev.partita.protocol.jms;

import java.util.Optional;

/**
 * Which of the six JMS message types a record carries. The code is the value of the
 * {@link JmsHeaderNames#BODY_TYPE} header and never changes.
 */
public enum JmsBodyType {
    /** A plain {@code Message}: no body. */
    MESSAGE(0),
    /** {@code TextMessage}: the body is the text in UTF-8. */
    TEXT(1),
    /** {@code BytesMessage}: the body is the bytes as written. */
    BYTES(2),
    /** {@code MapMessage}: the body is {@link JmsBodyCodec#encodeMap the map encoding}. */
    MAP(3),
    /** {@code StreamMessage}: the body is {@link JmsBodyCodec#encodeStream the stream encoding}. */
    STREAM(4),
    /** {@code ObjectMessage}: the body is the object's Java serialization bytes. */
    OBJECT(5);

    private final byte code;

    JmsBodyType(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    /** The type with this code, or empty for a code this build does not know. */
    public static Optional<JmsBodyType> forCode(byte code) {
        for (JmsBodyType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
