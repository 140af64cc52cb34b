package dev.partita.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MemoryRecordsBuilderTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(ByteBuffer buffer) {
        return buffer == null ? null : StandardCharsets.UTF_8.decode(buffer).toString();
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void buildsOneBatchThatReadsBackEveryField(CompressionType compression) {
        MemoryRecords records = MemoryRecordsBuilder.builder()
                .compression(compression)
                .baseOffset(100)
                .partitionLeaderEpoch(7)
                .producer(42L, (short) 3, 10)
                .append(1_000L, bytes("k1"), bytes("v1"), Header.of("h", "x"), new Header("n", null))
                .append(999L, null, bytes("v2"))
                .append(1_005L, bytes("k3"), null)
                .build();

        List<RecordBatch> batches = new ArrayList<>();
        records.forEach(batches::add);
        assertThat(batches).hasSize(1);
        RecordBatch batch = batches.get(0);
        batch.ensureValid();
        assertThat(batch.baseOffset()).isEqualTo(100);
        assertThat(batch.lastOffset()).isEqualTo(102);
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(7);
        assertThat(batch.compressionType()).isEqualTo(compression);
        assertThat(batch.producerId()).isEqualTo(42L);
        assertThat(batch.producerEpoch()).isEqualTo((short) 3);
        assertThat(batch.baseSequence()).isEqualTo(10);
        assertThat(batch.lastSequence()).isEqualTo(12);
        assertThat(batch.recordCount()).isEqualTo(3);
        assertThat(batch.baseTimestamp()).isEqualTo(1_000L);
        assertThat(batch.maxTimestamp()).isEqualTo(1_005L);
        assertThat(batch.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
        assertThat(batch.isTransactional()).isFalse();
        assertThat(batch.isControlBatch()).isFalse();
        assertThat(records.validBytes()).isEqualTo(records.sizeInBytes());

        List<Record> read = new ArrayList<>();
        batch.records().forEach(read::add);
        assertThat(read).hasSize(3);
        assertThat(read.get(0).offset()).isEqualTo(100);
        assertThat(read.get(0).timestamp()).isEqualTo(1_000L);
        assertThat(read.get(0).sequence()).isEqualTo(10);
        assertThat(string(read.get(0).key())).isEqualTo("k1");
        assertThat(string(read.get(0).value())).isEqualTo("v1");
        assertThat(read.get(0).headers()).containsExactly(Header.of("h", "x"), new Header("n", null));
        assertThat(read.get(1).offset()).isEqualTo(101);
        assertThat(read.get(1).timestamp()).isEqualTo(999L);
        assertThat(read.get(1).hasKey()).isFalse();
        assertThat(read.get(1).key()).isNull();
        assertThat(read.get(1).keySize()).isEqualTo(-1);
        assertThat(string(read.get(1).value())).isEqualTo("v2");
        assertThat(read.get(2).value()).isNull();
        assertThat(read.get(2).keyBytes()).isEqualTo(bytes("k3"));
        assertThat(read.get(2).sequence()).isEqualTo(12);
    }

    @Test
    void uncompressedSizeEstimateIsExact() {
        MemoryRecordsBuilder builder = MemoryRecordsBuilder.builder();
        assertThat(builder.estimatedSizeInBytes()).isEqualTo(RecordBatch.HEADER_SIZE);
        builder.append(5L, bytes("key"), bytes("value"));
        builder.append(6L, null, new byte[300], Header.of("a", "b"));
        int estimate = builder.estimatedSizeInBytes();
        assertThat(builder.recordCount()).isEqualTo(2);
        assertThat(builder.build().sizeInBytes()).isEqualTo(estimate);
    }

    @Test
    void emptyBuilderBuildsEmptyRecords() {
        assertThat(MemoryRecordsBuilder.builder().build().sizeInBytes()).isZero();
        assertThat(MemoryRecords.withRecords(CompressionType.GZIP).sizeInBytes()).isZero();
    }

    @Test
    void logAppendTimeGivesEveryRecordTheAppendTime() {
        MemoryRecords records = MemoryRecordsBuilder.builder()
                .logAppendTime(5_000L)
                .append(1L, null, bytes("a"))
                .append(2L, null, bytes("b"))
                .build();
        RecordBatch batch = records.iterator().next();
        assertThat(batch.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(batch.maxTimestamp()).isEqualTo(5_000L);
        for (Record record : batch) {
            assertThat(record.timestamp()).isEqualTo(5_000L);
        }
    }

    @Test
    void setLogAppendTimeRewritesTheCrc() {
        MemoryRecords records = MemoryRecords.withRecords(CompressionType.NONE, new SimpleRecord(3L, null, bytes("a")));
        RecordBatch batch = records.iterator().next();
        batch.setLogAppendTime(77L);
        batch.ensureValid();
        assertThat(batch.records().iterator().next().timestamp()).isEqualTo(77L);
    }

    @Test
    void transactionalBatchNeedsAProducerId() {
        MemoryRecordsBuilder builder = MemoryRecordsBuilder.builder().transactional(true);
        assertThatThrownBy(() -> builder.append(1L, null, bytes("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNegativeTimestampsOtherThanNoTimestamp() {
        MemoryRecordsBuilder builder = MemoryRecordsBuilder.builder();
        assertThatThrownBy(() -> builder.append(-2L, null, bytes("x"))).isInstanceOf(IllegalArgumentException.class);
        builder.append(RecordBatch.NO_TIMESTAMP, null, bytes("x"));
        assertThat(builder.build().records().iterator().next().timestamp()).isEqualTo(RecordBatch.NO_TIMESTAMP);
    }

    @Test
    void configurationIsFrozenByTheFirstAppendAndAppendsByBuild() {
        MemoryRecordsBuilder builder = MemoryRecordsBuilder.builder().append(1L, null, bytes("x"));
        assertThatThrownBy(() -> builder.compression(CompressionType.GZIP)).isInstanceOf(IllegalStateException.class);
        MemoryRecords built = builder.build();
        assertThat(builder.build()).isSameAs(built);
        assertThatThrownBy(() -> builder.append(1L, null, bytes("y"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void controlBatchesHoldOnlyControlRecords() {
        MemoryRecordsBuilder control = MemoryRecordsBuilder.builder().producer(1L, (short) 0, -1)
                .transactional(true).control(true);
        assertThatThrownBy(() -> control.append(1L, null, bytes("x"))).isInstanceOf(IllegalArgumentException.class);
        MemoryRecordsBuilder plain = MemoryRecordsBuilder.builder();
        assertThatThrownBy(() -> plain.appendEndTransactionMarker(1L,
                new EndTransactionMarker(ControlRecordType.COMMIT, 1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void endTransactionMarkerReadsBack() {
        MemoryRecords records = MemoryRecords.endTransactionMarker(50L, 1234L, 4, 99L, (short) 2,
                new EndTransactionMarker(ControlRecordType.ABORT, 17));
        RecordBatch batch = records.iterator().next();
        batch.ensureValid();
        assertThat(batch.isControlBatch()).isTrue();
        assertThat(batch.isTransactional()).isTrue();
        assertThat(batch.baseOffset()).isEqualTo(50L);
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(4);
        assertThat(batch.producerId()).isEqualTo(99L);
        assertThat(batch.producerEpoch()).isEqualTo((short) 2);
        assertThat(batch.baseSequence()).isEqualTo(RecordBatch.NO_SEQUENCE);
        Record record = batch.records().iterator().next();
        assertThat(record.timestamp()).isEqualTo(1234L);
        assertThat(ControlRecordType.parse(record.key())).isEqualTo(ControlRecordType.ABORT);
        assertThat(EndTransactionMarker.deserialize(record))
                .isEqualTo(new EndTransactionMarker(ControlRecordType.ABORT, 17));
    }

    @Test
    void hasRoomForAcceptsTheFirstRecordAndThenRespectsTheLimit() {
        MemoryRecordsBuilder builder = MemoryRecordsBuilder.builder();
        assertThat(builder.hasRoomFor(1L, null, new byte[1000], null, 100)).isTrue();
        builder.append(1L, null, new byte[1000]);
        assertThat(builder.hasRoomFor(1L, null, new byte[10], null, 1100)).isTrue();
        assertThat(builder.hasRoomFor(1L, null, new byte[200], null, 1100)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void manyRecordsGrowTheBufferAndReadBackInOrder(CompressionType compression) {
        MemoryRecordsBuilder builder = MemoryRecordsBuilder.builder().compression(compression).initialCapacity(0)
                .baseOffset(7);
        for (int i = 0; i < 20_000; i++) {
            builder.append(i, null, ByteBuffer.allocate(4).putInt(0, i), Header.of("i", Integer.toString(i)));
        }
        RecordBatch batch = builder.build().iterator().next();
        batch.ensureRecordsValid();
        assertThat(batch.recordCount()).isEqualTo(20_000);
        assertThat(batch.lastOffset()).isEqualTo(7 + 19_999);
        int i = 0;
        for (Record record : batch) {
            assertThat(record.offset()).isEqualTo(7 + i);
            assertThat(record.value().getInt(0)).isEqualTo(i);
            assertThat(new String(record.headers()[0].value(), StandardCharsets.UTF_8)).isEqualTo(Integer.toString(i));
            i++;
        }
        assertThat(i).isEqualTo(20_000);
    }
}
