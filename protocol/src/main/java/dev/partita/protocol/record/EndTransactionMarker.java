package dev.partita.protocol.record;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The commit or abort marker that ends a transaction in a partition: the only record of a control
 * batch (transactional and control bits set) whose key is the {@link ControlRecordType} key and
 * whose value is
 *
 * <pre>
 * | field            | type  | notes                                 |
 * |------------------|-------|---------------------------------------|
 * | version          | int16 | 0                                     |
 * | coordinatorEpoch | int32 | epoch of the transaction coordinator  |
 * </pre>
 *
 * Later versions may append fields; readers ignore bytes after the ones they know.
 */
public record EndTransactionMarker(ControlRecordType type, int coordinatorEpoch) {

    public static final short CURRENT_VERSION = 0;
    /** Size of the value written by this version. */
    public static final int VALUE_SIZE = 6;

    public EndTransactionMarker {
        Objects.requireNonNull(type, "type");
        if (type == ControlRecordType.UNKNOWN) {
            throw new IllegalArgumentException("an end transaction marker is ABORT or COMMIT");
        }
    }

    /** A fresh buffer holding the record value. */
    public ByteBuffer serializeValue() {
        ByteBuffer value = ByteBuffer.allocate(VALUE_SIZE);
        value.putShort(CURRENT_VERSION).putInt(coordinatorEpoch).flip();
        return value;
    }

    /** Reads the marker from a control record. */
    public static EndTransactionMarker deserialize(Record record) {
        ControlRecordType type = ControlRecordType.parse(record.key());
        if (type != ControlRecordType.ABORT && type != ControlRecordType.COMMIT) {
            throw new InvalidRecordException("control record is not an end transaction marker");
        }
        ByteBuffer value = record.value();
        if (value == null || value.remaining() < VALUE_SIZE) {
            throw new InvalidRecordException("end transaction marker value must be at least " + VALUE_SIZE
                    + " bytes, was " + (value == null ? "null" : value.remaining()));
        }
        short version = value.getShort(value.position());
        if (version < 0) {
            throw new InvalidRecordException("invalid end transaction marker version " + version);
        }
        return new EndTransactionMarker(type, value.getInt(value.position() + 2));
    }
}
