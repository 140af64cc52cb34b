package dev.partita.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.MutableRecordBatch;

/**
 * Byte compatibility with Apache Kafka's record batches, against the real kafka-clients library:
 * kafka-clients builds and we parse, we build and kafka-clients parses, every field checked against
 * what was put in. Random codecs, headers, null keys and values, producer state, transactional and
 * control batches.
 */
class KafkaInteropProperties {

    @Provide
    Arbitrary<BatchSpec> batches() {
        return RecordArbitraries.batches();
    }

    @Provide
    Arbitrary<List<BatchSpec>> batchLists() {
        return RecordArbitraries.batches().list().ofMinSize(1).ofMaxSize(3);
    }

    /** Builds the spec's batch with kafka-clients' MemoryRecordsBuilder. */
    static ByteBuffer buildWithKafka(BatchSpec spec) {
        org.apache.kafka.common.record.internal.CompressionType type =
                org.apache.kafka.common.record.internal.CompressionType.forId(spec.compression().id);
        org.apache.kafka.common.record.TimestampType timestampType = spec.isLogAppendTime()
                ? org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME
                : org.apache.kafka.common.record.TimestampType.CREATE_TIME;
        org.apache.kafka.common.record.internal.MemoryRecordsBuilder builder =
                org.apache.kafka.common.record.internal.MemoryRecords.builder(ByteBuffer.allocate(256), (byte) 2,
                        Compression.of(type).build(), timestampType, spec.baseOffset(), spec.logAppendTime(),
                        spec.producerId(), spec.producerEpoch(), spec.baseSequence(), spec.transactional(),
                        spec.partitionLeaderEpoch());
        for (SimpleRecord record : spec.records()) {
            org.apache.kafka.common.header.Header[] headers =
                    new org.apache.kafka.common.header.Header[record.headers().length];
            for (int i = 0; i < headers.length; i++) {
                headers[i] = new RecordHeader(record.headers()[i].key(), record.headers()[i].value());
            }
            builder.append(record.timestamp(), record.key(), record.value(), headers);
        }
        return builder.build().buffer();
    }

    private static ByteBuffer concat(List<ByteBuffer> parts) {
        ByteBuffer all = ByteBuffer.allocate(parts.stream().mapToInt(ByteBuffer::remaining).sum());
        parts.forEach(part -> all.put(part.duplicate()));
        return all.flip();
    }

    @Property(tries = 200)
    void kafkaBuildsWeParse(@ForAll("batchLists") List<BatchSpec> specs) {
        List<ByteBuffer> parts = new ArrayList<>();
        specs.forEach(spec -> parts.add(buildWithKafka(spec)));
        MemoryRecords records = MemoryRecords.readableRecords(concat(parts));

        List<RecordBatch> batches = new ArrayList<>();
        records.forEach(batches::add);
        assertThat(batches).hasSize(specs.size());
        assertThat(records.validBytes()).isEqualTo(records.sizeInBytes());
        for (int i = 0; i < specs.size(); i++) {
            assertThat(batches.get(i).sizeInBytes()).isEqualTo(parts.get(i).remaining());
            BatchAssertions.assertOurBatch(specs.get(i), batches.get(i));
        }
    }

    @Property(tries = 200)
    void weBuildKafkaParses(@ForAll("batchLists") List<BatchSpec> specs) {
        List<ByteBuffer> parts = new ArrayList<>();
        specs.forEach(spec -> parts.add(spec.buildOurs().buffer()));
        org.apache.kafka.common.record.internal.MemoryRecords records =
                org.apache.kafka.common.record.internal.MemoryRecords.readableRecords(concat(parts));

        List<MutableRecordBatch> batches = new ArrayList<>();
        records.batches().forEach(batches::add);
        assertThat(batches).hasSize(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            assertThat(batches.get(i).sizeInBytes()).isEqualTo(parts.get(i).remaining());
            BatchAssertions.assertKafkaBatch(specs.get(i), batches.get(i));
        }
    }

    /** Without a codec the format leaves no freedom: both builders must write the same bytes. */
    @Property(tries = 100)
    void uncompressedBatchesAreByteIdentical(@ForAll("batches") BatchSpec generated) {
        BatchSpec spec = new BatchSpec(CompressionType.NONE, generated.baseOffset(), generated.partitionLeaderEpoch(),
                generated.producerId(), generated.producerEpoch(), generated.baseSequence(), generated.transactional(),
                generated.logAppendTime(), generated.records());
        assertThat(BatchAssertions.bytes(spec.buildOurs().buffer()))
                .isEqualTo(BatchAssertions.bytes(buildWithKafka(spec)));
    }

    @Provide
    Arbitrary<ControlRecordType> markerTypes() {
        return Arbitraries.of(ControlRecordType.ABORT, ControlRecordType.COMMIT);
    }

    @Property(tries = 100)
    void kafkaWritesEndTransactionMarkersWeRead(@ForAll("markerTypes") ControlRecordType type,
                                                @ForAll @IntRange(min = 0) int coordinatorEpoch,
                                                @ForAll @IntRange(min = -1) int leaderEpoch) {
        long producerId = 1234L + coordinatorEpoch;
        short producerEpoch = (short) (coordinatorEpoch & 0x7FFF);
        org.apache.kafka.common.record.internal.MemoryRecords kafka =
                org.apache.kafka.common.record.internal.MemoryRecords.withEndTransactionMarker(77L, 5_000L, leaderEpoch,
                        producerId, producerEpoch, new org.apache.kafka.common.record.internal.EndTransactionMarker(
                                org.apache.kafka.common.record.internal.ControlRecordType.fromTypeId(type.type()),
                                coordinatorEpoch));

        RecordBatch batch = MemoryRecords.readableRecords(kafka.buffer()).iterator().next();
        batch.ensureValid();
        assertThat(batch.isControlBatch()).isTrue();
        assertThat(batch.isTransactional()).isTrue();
        assertThat(batch.baseOffset()).isEqualTo(77L);
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(leaderEpoch);
        assertThat(batch.producerId()).isEqualTo(producerId);
        assertThat(batch.producerEpoch()).isEqualTo(producerEpoch);
        assertThat(batch.recordCount()).isEqualTo(1);
        Record record = batch.iterator().next();
        assertThat(record.timestamp()).isEqualTo(5_000L);
        assertThat(ControlRecordType.parse(record.key())).isEqualTo(type);
        assertThat(EndTransactionMarker.deserialize(record)).isEqualTo(new EndTransactionMarker(type, coordinatorEpoch));
    }

    @Property(tries = 100)
    void weWriteEndTransactionMarkersKafkaReads(@ForAll("markerTypes") ControlRecordType type,
                                                @ForAll @IntRange(min = 0) int coordinatorEpoch,
                                                @ForAll @IntRange(min = -1) int leaderEpoch) {
        long producerId = 99L + coordinatorEpoch;
        short producerEpoch = (short) (coordinatorEpoch & 0x7FFF);
        MemoryRecords ours = MemoryRecords.endTransactionMarker(12L, 6_000L, leaderEpoch, producerId, producerEpoch,
                new EndTransactionMarker(type, coordinatorEpoch));

        org.apache.kafka.common.record.internal.MemoryRecords kafka =
                org.apache.kafka.common.record.internal.MemoryRecords.readableRecords(ours.buffer());
        MutableRecordBatch batch = kafka.batches().iterator().next();
        batch.ensureValid();
        assertThat(batch.isControlBatch()).isTrue();
        assertThat(batch.isTransactional()).isTrue();
        assertThat(batch.baseOffset()).isEqualTo(12L);
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(leaderEpoch);
        assertThat(batch.producerId()).isEqualTo(producerId);
        assertThat(batch.producerEpoch()).isEqualTo(producerEpoch);
        org.apache.kafka.common.record.internal.Record record = batch.iterator().next();
        assertThat(record.timestamp()).isEqualTo(6_000L);
        assertThat(org.apache.kafka.common.record.internal.ControlRecordType.parse(record.key()).type())
                .isEqualTo(type.type());
        org.apache.kafka.common.record.internal.EndTransactionMarker marker =
                org.apache.kafka.common.record.internal.EndTransactionMarker.deserialize(record);
        assertThat(marker.coordinatorEpoch()).isEqualTo(coordinatorEpoch);
        assertThat(marker.controlType().type()).isEqualTo(type.type());
        // Byte-identical to what kafka-clients writes for the same marker.
        assertThat(BatchAssertions.bytes(ours.buffer())).isEqualTo(BatchAssertions.bytes(
                org.apache.kafka.common.record.internal.MemoryRecords.withEndTransactionMarker(12L, 6_000L, leaderEpoch,
                        producerId, producerEpoch, marker).buffer()));
    }
}
