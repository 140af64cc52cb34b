package dev.partita.protocol.record;

import java.nio.ByteBuffer;

/**
 * One record read from a batch: its absolute offset and timestamp (resolved against the batch
 * header), key, value and headers. Key and value are views into the batch's (or its decompressed)
 * bytes: valid as long as those bytes are not changed, and not to be written to.
 *
 * <p>Import this type by name: with a wildcard import of this package the simple name
 * {@code Record} is ambiguous with {@code java.lang.Record}.
 */
public interface Record {

    /** Absolute offset: the batch's base offset plus {@link #offsetDelta()}. */
    long offset();

    /** Position of the record in its batch, as stored. */
    int offsetDelta();

    /**
     * The record's timestamp; for a batch with {@link TimestampType#LOG_APPEND_TIME} the batch's
     * max timestamp (the broker's append time), whatever the record itself stores.
     */
    long timestamp();

    /** Producer sequence number of the record, or {@link RecordBatch#NO_SEQUENCE}. */
    int sequence();

    /** The key (position 0, limit = size) or null. A fresh view per call. */
    ByteBuffer key();

    /** The value (position 0, limit = size) or null. A fresh view per call. */
    ByteBuffer value();

    boolean hasKey();

    boolean hasValue();

    /** Key size in bytes, -1 for a null key. */
    int keySize();

    /** Value size in bytes, -1 for a null value. */
    int valueSize();

    /** The headers in stored order (shared array: do not modify). */
    Header[] headers();

    /** Encoded size of the record, its length prefix included. */
    int sizeInBytes();

    /** A copy of the key, or null. */
    default byte[] keyBytes() {
        return copy(key());
    }

    /** A copy of the value, or null. */
    default byte[] valueBytes() {
        return copy(value());
    }

    private static byte[] copy(ByteBuffer view) {
        if (view == null) {
            return null;
        }
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
