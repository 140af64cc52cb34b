package dev.partita.protocol.record;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Builds one magic-2 record batch. Configure it first, then append records, then {@link #build()}:
 *
 * <pre>{@code
 * MemoryRecords records = MemoryRecordsBuilder.builder()
 *         .compression(CompressionType.LZ4)
 *         .producer(producerId, epoch, baseSequence)
 *         .append(timestamp, key, value, headers)
 *         ...
 *         .build();
 * }</pre>
 *
 * <p>Records are encoded uncompressed into a growing heap buffer after a reserved header; for an
 * uncompressed batch {@code build()} fills in the header in place, otherwise it compresses the
 * records into a new buffer in one pass. The record offsets are {@code baseOffset},
 * {@code baseOffset + 1}, ...; the base timestamp is the first record's.
 *
 * <p>Not thread-safe. Configuration methods fail once a record has been appended; appends fail
 * once the batch is built.
 */
public final class MemoryRecordsBuilder {

    private static final Header[] NO_HEADERS = new Header[0];

    private CompressionType compression = CompressionType.NONE;
    private TimestampType timestampType = TimestampType.CREATE_TIME;
    private long logAppendTime = RecordBatch.NO_TIMESTAMP;
    private long baseOffset;
    private long producerId = RecordBatch.NO_PRODUCER_ID;
    private short producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
    private int baseSequence = RecordBatch.NO_SEQUENCE;
    private boolean transactional;
    private boolean control;
    private int partitionLeaderEpoch = RecordBatch.NO_PARTITION_LEADER_EPOCH;
    private int initialCapacity = 1024;

    private ByteBufferOutputStream out;
    private int recordCount;
    private long baseTimestamp = RecordBatch.NO_TIMESTAMP;
    private long maxTimestamp = RecordBatch.NO_TIMESTAMP;
    private MemoryRecords built;

    private MemoryRecordsBuilder() {
    }

    /** A builder for an uncompressed, non-idempotent, create-time batch at offset 0. */
    public static MemoryRecordsBuilder builder() {
        return new MemoryRecordsBuilder();
    }

    public MemoryRecordsBuilder compression(CompressionType compression) {
        checkConfigurable();
        this.compression = Objects.requireNonNull(compression, "compression");
        return this;
    }

    /** Create time or log append time; for log append time prefer {@link #logAppendTime(long)}. */
    public MemoryRecordsBuilder timestampType(TimestampType timestampType) {
        checkConfigurable();
        this.timestampType = Objects.requireNonNull(timestampType, "timestampType");
        return this;
    }

    /** Marks the batch log-append-time, stamped with {@code timestamp} (the batch's max timestamp). */
    public MemoryRecordsBuilder logAppendTime(long timestamp) {
        checkConfigurable();
        this.timestampType = TimestampType.LOG_APPEND_TIME;
        this.logAppendTime = timestamp;
        return this;
    }

    public MemoryRecordsBuilder baseOffset(long baseOffset) {
        checkConfigurable();
        this.baseOffset = baseOffset;
        return this;
    }

    /** Idempotent producer identity: records get sequences {@code baseSequence}, +1, ... */
    public MemoryRecordsBuilder producer(long producerId, short producerEpoch, int baseSequence) {
        checkConfigurable();
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.baseSequence = baseSequence;
        return this;
    }

    public MemoryRecordsBuilder transactional(boolean transactional) {
        checkConfigurable();
        this.transactional = transactional;
        return this;
    }

    /** A control batch holds only control records ({@link #appendEndTransactionMarker}). */
    public MemoryRecordsBuilder control(boolean control) {
        checkConfigurable();
        this.control = control;
        return this;
    }

    public MemoryRecordsBuilder partitionLeaderEpoch(int partitionLeaderEpoch) {
        checkConfigurable();
        this.partitionLeaderEpoch = partitionLeaderEpoch;
        return this;
    }

    /** Bytes to allocate up front (e.g. the producer's batch size) so the buffer rarely grows. */
    public MemoryRecordsBuilder initialCapacity(int bytes) {
        checkConfigurable();
        if (bytes < 0) {
            throw new IllegalArgumentException("negative capacity " + bytes);
        }
        this.initialCapacity = bytes;
        return this;
    }

    // ---------------------------------------------------------------- appending

    /** Appends a record; key and value may be null. Returns this builder. */
    public MemoryRecordsBuilder append(long timestamp, byte[] key, byte[] value, Header... headers) {
        return append(timestamp, key == null ? null : ByteBuffer.wrap(key),
                value == null ? null : ByteBuffer.wrap(value), headers);
    }

    /** Appends a record from the remaining bytes of key and value (positions not moved). */
    public MemoryRecordsBuilder append(long timestamp, ByteBuffer key, ByteBuffer value, Header... headers) {
        if (control) {
            throw new IllegalArgumentException("a control batch holds only control records");
        }
        appendRecord(timestamp, key, value, headers);
        return this;
    }

    /** Appends a record. */
    public MemoryRecordsBuilder append(SimpleRecord record) {
        return append(record.timestamp(), record.key(), record.value(), record.headers());
    }

    /** Appends a commit or abort marker; the batch must be a control batch. */
    public MemoryRecordsBuilder appendEndTransactionMarker(long timestamp, EndTransactionMarker marker) {
        if (!control) {
            throw new IllegalArgumentException("control records go in control batches only");
        }
        appendRecord(timestamp, marker.type().recordKey(), marker.serializeValue(), NO_HEADERS);
        return this;
    }

    private void appendRecord(long timestamp, ByteBuffer key, ByteBuffer value, Header[] headers) {
        if (built != null) {
            throw new IllegalStateException("batch already built");
        }
        if (timestamp < 0 && timestamp != RecordBatch.NO_TIMESTAMP) {
            throw new IllegalArgumentException("invalid negative timestamp " + timestamp);
        }
        Header[] safeHeaders = headers == null ? NO_HEADERS : headers;
        if (out == null) {
            start(timestamp);
        }
        long timestampDelta = timestamp - baseTimestamp;
        int size = DefaultRecord.sizeInBytes(recordCount, timestampDelta, key, value, safeHeaders);
        out.ensureRemaining(size);
        DefaultRecord.writeTo(out.buffer(), recordCount, timestampDelta, key, value, safeHeaders);
        recordCount++;
        if (timestamp > maxTimestamp) {
            maxTimestamp = timestamp;
        }
    }

    private void start(long firstTimestamp) {
        if (transactional && producerId == RecordBatch.NO_PRODUCER_ID) {
            throw new IllegalArgumentException("a transactional batch needs a producer id");
        }
        if (timestampType == TimestampType.LOG_APPEND_TIME && logAppendTime == RecordBatch.NO_TIMESTAMP) {
            throw new IllegalArgumentException("log append time batches need logAppendTime(timestamp)");
        }
        baseTimestamp = firstTimestamp;
        out = new ByteBufferOutputStream(Math.max(initialCapacity, RecordBatch.RECORDS_OFFSET));
        out.position(RecordBatch.RECORDS_OFFSET);
    }

    private void checkConfigurable() {
        if (out != null || built != null) {
            throw new IllegalStateException("configure the builder before appending records");
        }
    }

    public int recordCount() {
        return recordCount;
    }

    /**
     * Size of the batch if built now: exact for an uncompressed batch, the uncompressed size (an
     * estimate, usually above the real size) for a compressed one. A producer that caps batches by
     * this estimate therefore sends compressed batches smaller than the cap.
     */
    public int estimatedSizeInBytes() {
        if (built != null) {
            return built.sizeInBytes();
        }
        return out == null ? RecordBatch.HEADER_SIZE : out.position();
    }

    /**
     * Whether appending this record keeps the estimated size within {@code maxBatchBytes}; an empty
     * builder always has room, so any single record can be sent.
     */
    public boolean hasRoomFor(long timestamp, byte[] key, byte[] value, Header[] headers, int maxBatchBytes) {
        if (built != null) {
            return false;
        }
        if (recordCount == 0) {
            return true;
        }
        int size = DefaultRecord.sizeInBytes(recordCount, timestamp - baseTimestamp,
                key == null ? null : ByteBuffer.wrap(key), value == null ? null : ByteBuffer.wrap(value),
                headers == null ? NO_HEADERS : headers);
        return (long) estimatedSizeInBytes() + size <= maxBatchBytes;
    }

    // ---------------------------------------------------------------- building

    /** The finished batch ({@link MemoryRecords#EMPTY} if nothing was appended). Idempotent. */
    public MemoryRecords build() {
        if (built != null) {
            return built;
        }
        if (recordCount == 0) {
            built = MemoryRecords.EMPTY;
            return built;
        }
        ByteBuffer batch = compression == CompressionType.NONE ? out.buffer() : compress();
        batch.flip();
        writeHeader(batch);
        built = new MemoryRecords(batch);
        out = null;
        return built;
    }

    private ByteBuffer compress() {
        ByteBuffer uncompressed = out.buffer().duplicate().flip().position(RecordBatch.RECORDS_OFFSET);
        ByteBufferOutputStream compressed = new ByteBufferOutputStream(
                RecordBatch.RECORDS_OFFSET + uncompressed.remaining() / 2);
        compressed.position(RecordBatch.RECORDS_OFFSET);
        // Closing the codec stream finishes it; closing the heap buffer underneath does nothing.
        try (OutputStream stream = compression.wrapForOutput(compressed)) {
            stream.write(uncompressed.array(), uncompressed.arrayOffset() + uncompressed.position(),
                    uncompressed.remaining());
        } catch (IOException e) {
            throw new UncheckedIOException("compressing records with " + compression, e);
        }
        return compressed.buffer();
    }

    private void writeHeader(ByteBuffer batch) {
        short attributes = (short) compression.id;
        if (timestampType == TimestampType.LOG_APPEND_TIME) {
            attributes |= RecordBatch.TIMESTAMP_TYPE_MASK;
        }
        if (transactional) {
            attributes |= RecordBatch.TRANSACTIONAL_FLAG_MASK;
        }
        if (control) {
            attributes |= RecordBatch.CONTROL_FLAG_MASK;
        }
        long max = timestampType == TimestampType.LOG_APPEND_TIME ? logAppendTime : maxTimestamp;
        batch.putLong(RecordBatch.BASE_OFFSET_OFFSET, baseOffset)
                .putInt(RecordBatch.BATCH_LENGTH_OFFSET, batch.limit() - RecordBatch.LOG_OVERHEAD)
                .putInt(RecordBatch.PARTITION_LEADER_EPOCH_OFFSET, partitionLeaderEpoch)
                .put(RecordBatch.MAGIC_OFFSET, RecordBatch.MAGIC)
                .putShort(RecordBatch.ATTRIBUTES_OFFSET, attributes)
                .putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, recordCount - 1)
                .putLong(RecordBatch.BASE_TIMESTAMP_OFFSET, baseTimestamp)
                .putLong(RecordBatch.MAX_TIMESTAMP_OFFSET, max)
                .putLong(RecordBatch.PRODUCER_ID_OFFSET, producerId)
                .putShort(RecordBatch.PRODUCER_EPOCH_OFFSET, producerEpoch)
                .putInt(RecordBatch.BASE_SEQUENCE_OFFSET, baseSequence)
                .putInt(RecordBatch.RECORDS_COUNT_OFFSET, recordCount);
        new RecordBatch(batch, 0).writeCrc();
    }
}
