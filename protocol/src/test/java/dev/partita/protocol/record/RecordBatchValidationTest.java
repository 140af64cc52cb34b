package dev.partita.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecordBatchValidationTest {

    /** An uncompressed batch whose records part is exactly {@code records}, with a valid CRC. */
    private static RecordBatch batchWithRawRecords(int recordCount, byte[] records) {
        MemoryRecords template = MemoryRecords.withRecords(CompressionType.NONE, new SimpleRecord(1L, null, null));
        ByteBuffer buffer = ByteBuffer.allocate(RecordBatch.HEADER_SIZE + records.length);
        buffer.put(template.buffer().limit(RecordBatch.HEADER_SIZE)).put(records).flip();
        buffer.putInt(RecordBatch.BATCH_LENGTH_OFFSET, buffer.limit() - RecordBatch.LOG_OVERHEAD);
        buffer.putInt(RecordBatch.RECORDS_COUNT_OFFSET, recordCount);
        buffer.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, Math.max(0, recordCount - 1));
        RecordBatch batch = RecordBatch.at(buffer);
        batch.writeCrc();
        return batch;
    }

    private static byte[] varints(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Varints.MAX_VARINT_BYTES);
        for (int value : values) {
            Varints.writeVarint(value, buffer);
        }
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }

    private static void assertReadingFails(RecordBatch batch, String messagePart) {
        batch.ensureValid();
        assertThatThrownBy(() -> batch.records().forEach(Record::headers))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(messagePart);
    }

    @Test
    void wellFormedHandWrittenRecordReads() {
        // length 7: attributes 0, timestampDelta 0, offsetDelta 0, key null, value "A", 0 headers
        byte[] record = {14, 0, 0, 0, 1, 2, 'A', 0};
        Record read = batchWithRawRecords(1, record).iterator().next();
        assertThat(read.hasKey()).isFalse();
        assertThat(read.valueBytes()).containsExactly('A');
        assertThat(read.sizeInBytes()).isEqualTo(8);
    }

    @Test
    void recordLongerThanTheBatchIsInvalid() {
        assertReadingFails(batchWithRawRecords(1, varints(100, 0, 0, 0)), "record length 100");
    }

    @Test
    void negativeRecordLengthIsInvalid() {
        assertReadingFails(batchWithRawRecords(1, varints(-5, 0, 0, 0)), "record length -5");
    }

    @Test
    void keyLengthBeyondTheRecordIsInvalid() {
        // length 5: attributes, timestampDelta, offsetDelta, keyLength 1000 (two bytes)
        byte[] record = {10, 0, 0, 0, (byte) 0xD0, 0x0F};
        assertReadingFails(batchWithRawRecords(1, record), "key length");
    }

    @Test
    void absurdHeaderCountIsRejectedBeforeAllocating() {
        // attributes, ts, offset, key null, value null, header count 2^30
        byte[] tail = varints(Integer.MAX_VALUE / 2);
        byte[] body = new byte[5 + tail.length];
        body[3] = 1;
        body[4] = 1;
        System.arraycopy(tail, 0, body, 5, tail.length);
        byte[] record = new byte[1 + body.length];
        record[0] = (byte) (body.length * 2);
        System.arraycopy(body, 0, record, 1, body.length);
        assertReadingFails(batchWithRawRecords(1, record), "header count");
    }

    @Test
    void fewerRecordsThanClaimedIsInvalid() {
        byte[] record = {14, 0, 0, 0, 1, 2, 'A', 0};
        assertReadingFails(batchWithRawRecords(2, record), "claims 2 records");
    }

    @Test
    void bytesAfterTheLastRecordAreInvalid() {
        byte[] record = {14, 0, 0, 0, 1, 2, 'A', 0, 99, 99};
        assertReadingFails(batchWithRawRecords(1, record), "after its last record");
    }

    @Test
    void negativeRecordCountIsInvalid() {
        RecordBatch batch = batchWithRawRecords(-1, new byte[0]);
        assertThatThrownBy(batch::ensureValid).isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(batch::iterator).isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void wrongMagicIsInvalidNotCorrupt() {
        MemoryRecords records = MemoryRecords.withRecords(CompressionType.NONE, new SimpleRecord(1L, null, null));
        RecordBatch batch = records.iterator().next();
        batch.buffer().put(batch.start() + RecordBatch.MAGIC_OFFSET, (byte) 1);
        assertThatThrownBy(batch::ensureValid).isInstanceOf(InvalidRecordException.class)
                .isNotInstanceOf(CorruptRecordException.class).hasMessageContaining("magic");
        assertThatThrownBy(batch::iterator).isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void changedRecordBytesAreCorrupt() {
        MemoryRecords records = MemoryRecords.withRecords(CompressionType.NONE, new SimpleRecord(1L, null, new byte[10]));
        RecordBatch batch = records.iterator().next();
        int last = batch.start() + batch.sizeInBytes() - 1;
        batch.buffer().put(last, (byte) 1);
        assertThat(batch.isCrcValid()).isFalse();
        assertThatThrownBy(batch::ensureValid).isInstanceOf(CorruptRecordException.class);
    }

    @Test
    void offsetsAndLeaderEpochChangeInPlaceWithoutBreakingTheCrc() {
        MemoryRecords records = MemoryRecords.withRecords(CompressionType.GZIP, new SimpleRecord(1L, null, new byte[10]),
                new SimpleRecord(2L, null, new byte[10]));
        RecordBatch batch = records.iterator().next();
        batch.setBaseOffset(1_000L);
        batch.setPartitionLeaderEpoch(9);
        batch.ensureValid();
        Iterator<Record> it = batch.iterator();
        assertThat(it.next().offset()).isEqualTo(1_000L);
        assertThat(it.next().offset()).isEqualTo(1_001L);
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(9);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void decompressionIsBounded(CompressionType compression) {
        byte[] zeros = new byte[4 * 1024 * 1024];
        MemoryRecords records = MemoryRecordsBuilder.builder().compression(compression)
                .append(1L, null, zeros).append(2L, null, zeros).build();
        RecordBatch batch = records.iterator().next();
        batch.ensureValid();
        assertThat(batch.sizeInBytes()).isLessThan(1024 * 1024);

        assertThatThrownBy(() -> batch.iterator(1024 * 1024)).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("decompress to more than");
        int total = 0;
        for (Record record : batch) {
            total += record.valueSize();
        }
        assertThat(total).isEqualTo(2 * zeros.length);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void garbageInsteadOfCompressedDataIsInvalid(CompressionType compression) {
        MemoryRecords records = MemoryRecordsBuilder.builder().compression(compression)
                .append(1L, null, new byte[100]).build();
        ByteBuffer buffer = records.buffer();
        for (int i = RecordBatch.RECORDS_OFFSET; i < buffer.limit(); i++) {
            buffer.put(i, (byte) (i * 31 + 7));
        }
        RecordBatch batch = RecordBatch.at(buffer);
        batch.writeCrc();
        batch.ensureValid();
        assertThatThrownBy(() -> batch.records().forEach(Record::headers)).isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void snappyChunkClaimingAHugeSizeFailsWithoutAllocatingIt() {
        MemoryRecords records = MemoryRecordsBuilder.builder().compression(CompressionType.SNAPPY)
                .append(1L, null, new byte[100]).build();
        ByteBuffer buffer = records.buffer();
        // first chunk length field follows the 16-byte snappy-java header
        buffer.putInt(RecordBatch.RECORDS_OFFSET + 16, Integer.MAX_VALUE - 1);
        RecordBatch batch = RecordBatch.at(buffer);
        batch.writeCrc();
        assertThatThrownBy(batch::iterator).isInstanceOf(InvalidRecordException.class).hasMessageContaining("chunk");
    }

    @Test
    void deepValidationAcceptsWhatTheBuilderWrites() {
        MemoryRecordsBuilder.builder().compression(CompressionType.ZSTD)
                .append(1L, null, new byte[5]).append(2L, null, new byte[5]).build()
                .forEach(RecordBatch::ensureRecordsValid);
        MemoryRecords.endTransactionMarker(0L, 1L, 0, 1L, (short) 0, new EndTransactionMarker(ControlRecordType.ABORT, 0))
                .forEach(RecordBatch::ensureRecordsValid);
    }

    @Test
    void deepValidationRejectsOutOfOrderOffsetDeltas() {
        // two records, both with offset delta 0
        byte[] records = {14, 0, 0, 0, 1, 2, 'A', 0, 14, 0, 0, 0, 1, 2, 'B', 0};
        RecordBatch batch = batchWithRawRecords(2, records);
        batch.ensureValid();
        assertThatThrownBy(batch::ensureRecordsValid).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("offset delta");
    }

    @Test
    void deepValidationRejectsALastOffsetDeltaThatDisagreesWithTheRecords() {
        byte[] record = {14, 0, 0, 0, 1, 2, 'A', 0};
        RecordBatch batch = batchWithRawRecords(1, record);
        batch.buffer().putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, 5);
        batch.writeCrc();
        batch.ensureValid();
        assertThatThrownBy(batch::ensureRecordsValid).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("last offset delta");
    }

    @Test
    void deepValidationRejectsControlBatchesWithoutControlKeys() {
        byte[] record = {14, 0, 0, 0, 1, 2, 'A', 0};
        RecordBatch batch = batchWithRawRecords(1, record);
        batch.buffer().putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) RecordBatch.CONTROL_FLAG_MASK);
        batch.writeCrc();
        assertThatThrownBy(batch::ensureRecordsValid).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("control record key");
    }
}
