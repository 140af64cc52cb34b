package dev.partita.protocol.record;

import java.nio.ByteBuffer;

/**
 * The kind of a control record, read from its key. A control batch (attribute bit 5) holds control
 * records whose key is
 *
 * <pre>
 * | field   | type  | notes                         |
 * |---------|-------|-------------------------------|
 * | version | int16 | 0                             |
 * | type    | int16 | 0 = ABORT, 1 = COMMIT, ...    |
 * </pre>
 *
 * Kafka defines further types for its own metadata log; they read as {@link #UNKNOWN} here.
 */
public enum ControlRecordType {
    ABORT((short) 0),
    COMMIT((short) 1),
    /** A type this version does not know; consumers skip such records. */
    UNKNOWN((short) -1);

    /** Version of the key layout written here. */
    public static final short CURRENT_KEY_VERSION = 0;
    /** Size of a control record key. */
    public static final int KEY_SIZE = 4;

    private final short type;

    ControlRecordType(short type) {
        this.type = type;
    }

    /** The type code in the key. */
    public short type() {
        return type;
    }

    /** A fresh 4-byte key for a control record of this type. */
    public ByteBuffer recordKey() {
        if (this == UNKNOWN) {
            throw new IllegalStateException("cannot write a control record of unknown type");
        }
        ByteBuffer key = ByteBuffer.allocate(KEY_SIZE);
        key.putShort(CURRENT_KEY_VERSION).putShort(type).flip();
        return key;
    }

    public static ControlRecordType fromTypeId(short type) {
        switch (type) {
            case 0: return ABORT;
            case 1: return COMMIT;
            default: return UNKNOWN;
        }
    }

    /** Reads the type from a control record's key (position not moved). */
    public static ControlRecordType parse(ByteBuffer key) {
        if (key == null || key.remaining() < KEY_SIZE) {
            throw new InvalidRecordException("control record key must be at least " + KEY_SIZE + " bytes, was "
                    + (key == null ? "null" : key.remaining()));
        }
        short version = key.getShort(key.position());
        if (version < 0) {
            throw new InvalidRecordException("invalid control record key version " + version);
        }
        return fromTypeId(key.getShort(key.position() + 2));
    }
}
