package dev.partita.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Checks a parsed batch, ours or kafka-clients', field by field against the spec it was built from. */
final class BatchAssertions {

    private BatchAssertions() {
    }

    static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    static void assertOurBatch(BatchSpec spec, RecordBatch batch) {
        batch.ensureValid();
        batch.ensureRecordsValid();
        int count = spec.records().size();
        assertThat(batch.magic()).isEqualTo(RecordBatch.MAGIC);
        assertThat(batch.baseOffset()).isEqualTo(spec.baseOffset());
        assertThat(batch.lastOffset()).isEqualTo(spec.baseOffset() + count - 1);
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(spec.partitionLeaderEpoch());
        assertThat(batch.compressionType()).isEqualTo(spec.compression());
        assertThat(batch.timestampType()).isEqualTo(
                spec.isLogAppendTime() ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME);
        assertThat(batch.maxTimestamp()).isEqualTo(spec.expectedMaxTimestamp());
        assertThat(batch.producerId()).isEqualTo(spec.producerId());
        assertThat(batch.producerEpoch()).isEqualTo(spec.producerEpoch());
        assertThat(batch.baseSequence()).isEqualTo(spec.baseSequence());
        assertThat(batch.lastSequence()).isEqualTo(spec.expectedSequence(count - 1));
        assertThat(batch.isTransactional()).isEqualTo(spec.transactional());
        assertThat(batch.isControlBatch()).isFalse();
        assertThat(batch.recordCount()).isEqualTo(count);

        List<Record> records = new ArrayList<>();
        batch.forEach(records::add);
        assertThat(records).hasSize(count);
        for (int i = 0; i < count; i++) {
            SimpleRecord expected = spec.records().get(i);
            Record actual = records.get(i);
            assertThat(actual.offset()).as("offset of record %d", i).isEqualTo(spec.baseOffset() + i);
            assertThat(actual.offsetDelta()).isEqualTo(i);
            assertThat(actual.timestamp()).as("timestamp of record %d", i).isEqualTo(spec.expectedTimestamp(i));
            assertThat(actual.sequence()).isEqualTo(spec.expectedSequence(i));
            assertThat(actual.keyBytes()).isEqualTo(expected.key());
            assertThat(actual.valueBytes()).isEqualTo(expected.value());
            assertThat(actual.hasKey()).isEqualTo(expected.key() != null);
            assertThat(actual.hasValue()).isEqualTo(expected.value() != null);
            assertThat(actual.headers()).containsExactly(expected.headers());
        }
    }

    static void assertKafkaBatch(BatchSpec spec, org.apache.kafka.common.record.internal.RecordBatch batch) {
        batch.ensureValid();
        int count = spec.records().size();
        assertThat(batch.magic()).isEqualTo((byte) 2);
        assertThat(batch.baseOffset()).isEqualTo(spec.baseOffset());
        assertThat(batch.lastOffset()).isEqualTo(spec.baseOffset() + count - 1);
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(spec.partitionLeaderEpoch());
        assertThat((int) batch.compressionType().id).isEqualTo(spec.compression().id);
        assertThat(batch.timestampType().id).isEqualTo(
                spec.isLogAppendTime() ? TimestampType.LOG_APPEND_TIME.id() : TimestampType.CREATE_TIME.id());
        assertThat(batch.maxTimestamp()).isEqualTo(spec.expectedMaxTimestamp());
        assertThat(batch.producerId()).isEqualTo(spec.producerId());
        assertThat(batch.producerEpoch()).isEqualTo(spec.producerEpoch());
        assertThat(batch.baseSequence()).isEqualTo(spec.baseSequence());
        assertThat(batch.lastSequence()).isEqualTo(spec.expectedSequence(count - 1));
        assertThat(batch.isTransactional()).isEqualTo(spec.transactional());
        assertThat(batch.isControlBatch()).isFalse();
        assertThat(batch.countOrNull()).isEqualTo(count);

        List<org.apache.kafka.common.record.internal.Record> records = new ArrayList<>();
        batch.forEach(records::add);
        assertThat(records).hasSize(count);
        for (int i = 0; i < count; i++) {
            SimpleRecord expected = spec.records().get(i);
            org.apache.kafka.common.record.internal.Record actual = records.get(i);
            assertThat(actual.offset()).isEqualTo(spec.baseOffset() + i);
            assertThat(actual.timestamp()).isEqualTo(spec.expectedTimestamp(i));
            assertThat(actual.sequence()).isEqualTo(spec.expectedSequence(i));
            assertThat(bytes(actual.key())).isEqualTo(expected.key());
            assertThat(bytes(actual.value())).isEqualTo(expected.value());
            org.apache.kafka.common.header.Header[] headers = actual.headers();
            assertThat(headers).hasSize(expected.headers().length);
            for (int h = 0; h < headers.length; h++) {
                assertThat(new Header(headers[h].key(), headers[h].value())).isEqualTo(expected.headers()[h]);
            }
        }
    }
}
