package dev.partita.protocol.record;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import java.util.zip.CRC32C;

/**
 * A view over one record batch in Apache Kafka's record batch format, magic 2, written from the
 * format's public documentation. The same bytes travel on the wire and sit in log segments.
 *
 * <p>Batch header (all integers big-endian):
 *
 * <pre>
 * | offset | size | field                  | notes                                              |
 * |--------|------|------------------------|----------------------------------------------------|
 * |      0 |    8 | baseOffset             | set by the log on append                           |
 * |      8 |    4 | batchLength            | bytes after this field (total size - 12)           |
 * |     12 |    4 | partitionLeaderEpoch   | set by the log on append                           |
 * |     16 |    1 | magic                  | always 2                                           |
 * |     17 |    4 | crc                    | CRC-32C of every byte from attributes to the end   |
 * |     21 |    2 | attributes             | bits 0-2 compression, 3 timestamp type,            |
 * |        |      |                        | 4 transactional, 5 control, 6 delete horizon       |
 * |     23 |    4 | lastOffsetDelta        |                                                    |
 * |     27 |    8 | baseTimestamp          |                                                    |
 * |     35 |    8 | maxTimestamp           |                                                    |
 * |     43 |    8 | producerId             | -1 when not idempotent                             |
 * |     51 |    2 | producerEpoch          | -1 when not idempotent                             |
 * |     53 |    4 | baseSequence           | -1 when not idempotent                             |
 * |     57 |    4 | recordCount            |                                                    |
 * |     61 |    - | records                | compressed as a whole when a codec is set          |
 * </pre>
 *
 * <p>Because the CRC does not cover base offset, batch length, leader epoch and magic, the log can
 * assign offsets and stamp the leader epoch in place without recomputing it. The record layout
 * inside a batch is documented on {@link DefaultRecord}.
 *
 * <p>Iterating a batch yields its {@link Record}s, decompressing them first when the batch has a
 * codec (at most {@link #DEFAULT_MAX_DECOMPRESSED_BYTES} of them, or the bound given to
 * {@link #iterator(int)}). {@link #ensureValid()} checks the header and the CRC without parsing the
 * records.
 *
 * <p>Not thread-safe: a view belongs to whoever holds its buffer. It never changes the buffer's
 * position or limit.
 */
public final class RecordBatch implements Iterable<Record> {

    public static final byte MAGIC = 2;

    public static final int BASE_OFFSET_OFFSET = 0;
    public static final int BASE_OFFSET_LENGTH = 8;
    public static final int BATCH_LENGTH_OFFSET = BASE_OFFSET_OFFSET + BASE_OFFSET_LENGTH;
    public static final int BATCH_LENGTH_LENGTH = 4;
    /** Bytes before the batch-length count starts: base offset and the length field itself. */
    public static final int LOG_OVERHEAD = BATCH_LENGTH_OFFSET + BATCH_LENGTH_LENGTH;
    public static final int PARTITION_LEADER_EPOCH_OFFSET = LOG_OVERHEAD;
    public static final int PARTITION_LEADER_EPOCH_LENGTH = 4;
    public static final int MAGIC_OFFSET = PARTITION_LEADER_EPOCH_OFFSET + PARTITION_LEADER_EPOCH_LENGTH;
    public static final int MAGIC_LENGTH = 1;
    public static final int CRC_OFFSET = MAGIC_OFFSET + MAGIC_LENGTH;
    public static final int CRC_LENGTH = 4;
    public static final int ATTRIBUTES_OFFSET = CRC_OFFSET + CRC_LENGTH;
    public static final int ATTRIBUTES_LENGTH = 2;
    public static final int LAST_OFFSET_DELTA_OFFSET = ATTRIBUTES_OFFSET + ATTRIBUTES_LENGTH;
    public static final int LAST_OFFSET_DELTA_LENGTH = 4;
    public static final int BASE_TIMESTAMP_OFFSET = LAST_OFFSET_DELTA_OFFSET + LAST_OFFSET_DELTA_LENGTH;
    public static final int BASE_TIMESTAMP_LENGTH = 8;
    public static final int MAX_TIMESTAMP_OFFSET = BASE_TIMESTAMP_OFFSET + BASE_TIMESTAMP_LENGTH;
    public static final int MAX_TIMESTAMP_LENGTH = 8;
    public static final int PRODUCER_ID_OFFSET = MAX_TIMESTAMP_OFFSET + MAX_TIMESTAMP_LENGTH;
    public static final int PRODUCER_ID_LENGTH = 8;
    public static final int PRODUCER_EPOCH_OFFSET = PRODUCER_ID_OFFSET + PRODUCER_ID_LENGTH;
    public static final int PRODUCER_EPOCH_LENGTH = 2;
    public static final int BASE_SEQUENCE_OFFSET = PRODUCER_EPOCH_OFFSET + PRODUCER_EPOCH_LENGTH;
    public static final int BASE_SEQUENCE_LENGTH = 4;
    public static final int RECORDS_COUNT_OFFSET = BASE_SEQUENCE_OFFSET + BASE_SEQUENCE_LENGTH;
    public static final int RECORDS_COUNT_LENGTH = 4;
    public static final int RECORDS_OFFSET = RECORDS_COUNT_OFFSET + RECORDS_COUNT_LENGTH;
    /** Size of a batch with no records. */
    public static final int HEADER_SIZE = RECORDS_OFFSET;

    public static final int COMPRESSION_CODEC_MASK = 0x07;
    public static final int TIMESTAMP_TYPE_MASK = 0x08;
    public static final int TRANSACTIONAL_FLAG_MASK = 0x10;
    public static final int CONTROL_FLAG_MASK = 0x20;
    public static final int DELETE_HORIZON_FLAG_MASK = 0x40;

    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;
    public static final int NO_PARTITION_LEADER_EPOCH = -1;
    public static final long NO_TIMESTAMP = -1L;

    /**
     * Default bound on the decompressed size of one batch's records: a batch that inflates beyond
     * it is rejected as invalid rather than allowed to exhaust the heap.
     */
    public static final int DEFAULT_MAX_DECOMPRESSED_BYTES = 128 * 1024 * 1024;

    private final ByteBuffer buffer;
    private final int start;

    /** A view of the batch that starts at {@code start} in {@code buffer} (absolute index). */
    public RecordBatch(ByteBuffer buffer, int start) {
        if (buffer.order() != ByteOrder.BIG_ENDIAN) {
            throw new IllegalArgumentException("record batches are big-endian");
        }
        this.buffer = buffer;
        this.start = start;
    }

    /** A view of the batch at the buffer's current position. */
    public static RecordBatch at(ByteBuffer buffer) {
        return new RecordBatch(buffer, buffer.position());
    }

    public ByteBuffer buffer() { return buffer; }
    public int start() { return start; }

    public long baseOffset() { return buffer.getLong(start + BASE_OFFSET_OFFSET); }
    public int batchLength() { return buffer.getInt(start + BATCH_LENGTH_OFFSET); }
    /** Whole size of the batch in bytes, header included. */
    public int sizeInBytes() { return LOG_OVERHEAD + batchLength(); }
    public int partitionLeaderEpoch() { return buffer.getInt(start + PARTITION_LEADER_EPOCH_OFFSET); }
    public byte magic() { return buffer.get(start + MAGIC_OFFSET); }
    public long storedCrc() { return Integer.toUnsignedLong(buffer.getInt(start + CRC_OFFSET)); }
    public short attributes() { return buffer.getShort(start + ATTRIBUTES_OFFSET); }
    public int lastOffsetDelta() { return buffer.getInt(start + LAST_OFFSET_DELTA_OFFSET); }
    public long lastOffset() { return baseOffset() + lastOffsetDelta(); }
    /** The offset after this batch: where the next batch starts in the log. */
    public long nextOffset() { return lastOffset() + 1; }
    public long baseTimestamp() { return buffer.getLong(start + BASE_TIMESTAMP_OFFSET); }
    public long maxTimestamp() { return buffer.getLong(start + MAX_TIMESTAMP_OFFSET); }
    public long producerId() { return buffer.getLong(start + PRODUCER_ID_OFFSET); }
    public short producerEpoch() { return buffer.getShort(start + PRODUCER_EPOCH_OFFSET); }
    public int baseSequence() { return buffer.getInt(start + BASE_SEQUENCE_OFFSET); }
    public int recordCount() { return buffer.getInt(start + RECORDS_COUNT_OFFSET); }

    /** Sequence of the last record, wrapping at {@code Integer.MAX_VALUE} as the format says. */
    public int lastSequence() {
        int base = baseSequence();
        if (base == NO_SEQUENCE) {
            return NO_SEQUENCE;
        }
        long last = (long) base + lastOffsetDelta();
        return (int) (last > Integer.MAX_VALUE ? last - Integer.MAX_VALUE - 1 : last);
    }

    public int compressionCodecId() { return attributes() & COMPRESSION_CODEC_MASK; }
    public boolean isLogAppendTime() { return (attributes() & TIMESTAMP_TYPE_MASK) != 0; }
    public boolean isTransactional() { return (attributes() & TRANSACTIONAL_FLAG_MASK) != 0; }
    public boolean isControlBatch() { return (attributes() & CONTROL_FLAG_MASK) != 0; }
    public boolean hasProducerId() { return producerId() != NO_PRODUCER_ID; }

    /** CRC-32C over attributes to the end of the batch, as stored in the crc field. */
    public long computeCrc() {
        CRC32C crc = new CRC32C();
        ByteBuffer slice = buffer.duplicate();
        slice.limit(start + sizeInBytes()).position(start + ATTRIBUTES_OFFSET);
        crc.update(slice);
        return crc.getValue();
    }

    public boolean isCrcValid() { return computeCrc() == storedCrc(); }

    /** The codec of the records; {@link InvalidRecordException} for an unknown codec id. */
    public CompressionType compressionType() {
        try {
            return CompressionType.forId(compressionCodecId());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(e.getMessage(), e);
        }
    }

    public TimestampType timestampType() {
        return isLogAppendTime() ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME;
    }

    /**
     * Checks what can be checked without parsing records: the batch fits in its buffer and is at
     * least a header long, the magic is 2, the CRC matches, the codec is known, the record count
     * and last offset delta are plausible.
     *
     * @throws CorruptRecordException if the CRC does not match
     * @throws InvalidRecordException for any other violation
     */
    public void ensureValid() {
        int available = buffer.limit() - start;
        if (available < LOG_OVERHEAD) {
            throw new InvalidRecordException("record batch truncated: " + available + " bytes");
        }
        int batchLength = batchLength();
        if (batchLength < HEADER_SIZE - LOG_OVERHEAD) {
            throw new InvalidRecordException("record batch length " + batchLength + " is smaller than a batch header");
        }
        if ((long) batchLength + LOG_OVERHEAD > available) {
            throw new InvalidRecordException("record batch truncated: " + available + " of "
                    + ((long) batchLength + LOG_OVERHEAD) + " bytes present");
        }
        if (magic() != MAGIC) {
            throw new InvalidRecordException("unsupported record batch magic " + magic() + " (expected " + MAGIC + ")");
        }
        long computed = computeCrc();
        if (computed != storedCrc()) {
            throw new CorruptRecordException("record batch at offset " + baseOffset() + " is corrupt: stored CRC "
                    + storedCrc() + ", computed " + computed);
        }
        compressionType();
        int count = recordCount();
        if (count < 0 || (count > 0 && lastOffsetDelta() < count - 1)) {
            throw new InvalidRecordException("record batch claims " + count + " records with last offset delta "
                    + lastOffsetDelta());
        }
        if (compressionCodecId() == 0 && count > batchLength - (HEADER_SIZE - LOG_OVERHEAD)) {
            throw new InvalidRecordException("record batch claims " + count + " records in "
                    + (batchLength - (HEADER_SIZE - LOG_OVERHEAD)) + " bytes");
        }
    }

    /**
     * {@link #ensureValid()}, then parses every record (decompressing at most
     * {@code maxDecompressedBytes}) and checks what a leader must before assigning offsets: the
     * records' offset deltas are 0, 1, 2, ... and the last one is the header's
     * {@code lastOffsetDelta}; every record of a control batch has a control key. Batches
     * rewritten by compaction may have offset gaps and would fail: this is for produced batches.
     *
     * @throws InvalidRecordException (or {@link CorruptRecordException}) on the first violation
     */
    public void ensureRecordsValid(int maxDecompressedBytes) {
        ensureValid();
        int expected = 0;
        Iterator<Record> records = iterator(maxDecompressedBytes);
        while (records.hasNext()) {
            Record record = records.next();
            if (record.offsetDelta() != expected) {
                throw new InvalidRecordException("record " + expected + " of the batch at offset " + baseOffset()
                        + " has offset delta " + record.offsetDelta());
            }
            if (isControlBatch()) {
                ControlRecordType.parse(record.key());
            }
            expected++;
        }
        if (expected > 0 && lastOffsetDelta() != expected - 1) {
            throw new InvalidRecordException("batch at offset " + baseOffset() + " has " + expected
                    + " records but last offset delta " + lastOffsetDelta());
        }
    }

    /** {@link #ensureRecordsValid(int)} with {@link #DEFAULT_MAX_DECOMPRESSED_BYTES}. */
    public void ensureRecordsValid() {
        ensureRecordsValid(DEFAULT_MAX_DECOMPRESSED_BYTES);
    }

    /** True if {@link #ensureValid()} would pass. */
    public boolean isValid() {
        try {
            ensureValid();
            return true;
        } catch (InvalidRecordException e) {
            return false;
        }
    }

    /**
     * The records, decompressed as needed; see {@link #iterator()}. Every iteration starts over
     * (and decompresses again): keep the records if they are needed twice.
     */
    public Iterable<Record> records() {
        return this;
    }

    /**
     * Iterates the records, decompressing at most {@link #DEFAULT_MAX_DECOMPRESSED_BYTES}.
     * Malformed records throw {@link InvalidRecordException} from this call or from
     * {@code next()}. Does not check the CRC: call {@link #ensureValid()} first for untrusted bytes.
     */
    @Override
    public Iterator<Record> iterator() {
        return iterator(DEFAULT_MAX_DECOMPRESSED_BYTES);
    }

    /** Like {@link #iterator()}, failing if the records decompress to more than {@code maxDecompressedBytes}. */
    public Iterator<Record> iterator(int maxDecompressedBytes) {
        return new RecordIterator(this, maxDecompressedBytes);
    }

    public void setBaseOffset(long baseOffset) { buffer.putLong(start + BASE_OFFSET_OFFSET, baseOffset); }
    public void setPartitionLeaderEpoch(int epoch) { buffer.putInt(start + PARTITION_LEADER_EPOCH_OFFSET, epoch); }

    /**
     * Sets the max timestamp and the log-append-time flag (both covered by the CRC), then rewrites
     * the CRC. Used when a topic stamps batches with the broker's clock.
     */
    public void setLogAppendTime(long timestamp) {
        short attributes = (short) (attributes() | TIMESTAMP_TYPE_MASK);
        buffer.putShort(start + ATTRIBUTES_OFFSET, attributes);
        buffer.putLong(start + MAX_TIMESTAMP_OFFSET, timestamp);
        writeCrc();
    }

    /** Recomputes and stores the CRC after a change to a covered field. */
    public void writeCrc() { buffer.putInt(start + CRC_OFFSET, (int) computeCrc()); }

    @Override
    public String toString() {
        return "RecordBatch(baseOffset=" + baseOffset() + ", lastOffset=" + lastOffset()
                + ", size=" + sizeInBytes() + ", epoch=" + partitionLeaderEpoch()
                + ", producerId=" + producerId() + ", baseSequence=" + baseSequence()
                + ", count=" + recordCount() + ", attributes=" + attributes() + ")";
    }
}
