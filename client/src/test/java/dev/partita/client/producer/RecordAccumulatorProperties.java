package dev.partita.client.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.client.metadata.TopicPartition;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.CompressionType;
import dev.partita.protocol.record.Header;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.Record;
import dev.partita.protocol.record.RecordBatch;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class RecordAccumulatorProperties {

    private static final TopicPartition TP = new TopicPartition(TopicKey.topic("t"), 0);

    /** Whatever the record sizes, draining gives every record once, in send order, in batches within batchSize (or one record). */
    @Property(tries = 200)
    void drainedBatchesHoldEveryRecordInOrderWithinTheBatchSize(
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 600) Integer> valueSizes,
            @ForAll @IntRange(min = 100, max = 2_000) int batchSize,
            @ForAll boolean compressed) throws InterruptedException {
        RecordAccumulator acc = new RecordAccumulator(batchSize, 0, 10, 60_000,
                compressed ? CompressionType.GZIP : CompressionType.NONE, new MemoryLimiter(1 << 24), () -> 0L);
        for (int i = 0; i < valueSizes.size(); i++) {
            byte[] value = new byte[valueSizes.get(i)];
            if (value.length > 0) {
                value[0] = (byte) i;
            }
            acc.append(TP, i, null, value, new Header[0], 0);
        }
        List<Long> timestamps = new ArrayList<>();
        for (ProducerBatch batch : acc.drain(TP, Long.MAX_VALUE)) {
            MemoryRecords records = batch.close();
            if (!compressed && batch.recordCount() > 1) {
                assertThat(records.sizeInBytes()).isLessThanOrEqualTo(batchSize);
            }
            for (RecordBatch b : records) {
                assertThat(b.isValid()).isTrue();
                for (Record r : b) {
                    timestamps.add(r.timestamp());
                    assertThat(r.valueSize()).isEqualTo(valueSizes.get((int) r.timestamp()));
                }
            }
            acc.deallocate(batch);
        }
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < valueSizes.size(); i++) {
            expected.add(i);
        }
        assertThat(timestamps).isEqualTo(expected);
        assertThat(acc.bufferMemoryUsed()).isZero();
    }
}
