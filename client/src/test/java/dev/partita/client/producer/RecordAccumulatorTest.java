package dev.partita.client.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.partita.client.metadata.TopicPartition;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.CompressionType;
import dev.partita.protocol.record.Header;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.Record;
import dev.partita.protocol.record.RecordBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RecordAccumulatorTest {

    private static final TopicPartition TP0 = new TopicPartition(TopicKey.queue("orders"), 0);
    private static final TopicPartition TP1 = new TopicPartition(TopicKey.queue("orders"), 1);
    private static final Header[] NO_HEADERS = new Header[0];

    private final AtomicLong clock = new AtomicLong(1_000);
    private final ExecutorService appender = Executors.newSingleThreadExecutor();

    @AfterEach
    void tearDown() {
        appender.shutdownNow();
    }

    private RecordAccumulator accumulator(int batchSize, long lingerMs, long bufferMemory) {
        return new RecordAccumulator(batchSize, lingerMs, 50, 10_000, CompressionType.NONE,
                new MemoryLimiter(bufferMemory), clock::get);
    }

    private static RecordAccumulator.AppendResult append(RecordAccumulator acc, TopicPartition tp, int valueBytes) throws InterruptedException {
        return acc.append(tp, 5, null, new byte[valueBytes], NO_HEADERS, 0);
    }

    private static List<Long> offsetsOf(MemoryRecords records) {
        List<Long> offsets = new ArrayList<>();
        for (RecordBatch batch : records) {
            for (Record record : batch) {
                offsets.add(record.offset());
            }
        }
        return offsets;
    }

    @Test
    void recordsOfOnePartitionShareABatchUntilItIsFull() throws Exception {
        RecordAccumulator acc = accumulator(1_000, 10_000, 1 << 20);
        RecordAccumulator.AppendResult first = append(acc, TP0, 100);
        assertThat(first.newBatch()).isTrue();
        assertThat(first.batchReady()).isFalse();
        for (int i = 0; i < 6; i++) {
            RecordAccumulator.AppendResult next = append(acc, TP0, 100);
            assertThat(next.newBatch()).isFalse();
        }
        // 7 records of ~110 bytes plus a header: the eighth and ninth do not fit and open a new batch.
        RecordAccumulator.AppendResult overflow = append(acc, TP0, 100);
        overflow = overflow.newBatch() ? overflow : append(acc, TP0, 100);
        assertThat(overflow.newBatch()).isTrue();
        assertThat(overflow.batchReady()).isTrue();

        RecordAccumulator.ReadyResult ready = acc.ready(clock.get(), tp -> false);
        assertThat(ready.ready()).containsExactly(TP0);
        ProducerBatch batch = acc.poll(TP0);
        MemoryRecords records = batch.close();
        assertThat(records.sizeInBytes()).isLessThanOrEqualTo(1_000);
        assertThat(batch.recordCount()).isGreaterThanOrEqualTo(7);
        assertThat(offsetsOf(records)).hasSize(batch.recordCount()).startsWith(0L, 1L, 2L);
    }

    @Test
    void aBatchThatIsNotFullWaitsForLinger() throws Exception {
        RecordAccumulator acc = accumulator(16_384, 20, 1 << 20);
        append(acc, TP0, 10);
        RecordAccumulator.ReadyResult early = acc.ready(clock.get(), tp -> false);
        assertThat(early.ready()).isEmpty();
        assertThat(early.nextCheckDelayMs()).isEqualTo(20);

        clock.addAndGet(15);
        assertThat(acc.ready(clock.get(), tp -> false).nextCheckDelayMs()).isEqualTo(5);
        clock.addAndGet(5);
        assertThat(acc.ready(clock.get(), tp -> false).ready()).containsExactly(TP0);
    }

    @Test
    void aFlushMakesEveryBatchReadyAtOnce() throws Exception {
        RecordAccumulator acc = accumulator(16_384, 60_000, 1 << 20);
        append(acc, TP0, 10);
        append(acc, TP1, 10);
        assertThat(acc.ready(clock.get(), tp -> false).ready()).isEmpty();
        acc.beginFlush();
        assertThat(acc.ready(clock.get(), tp -> false).ready()).containsExactlyInAnyOrder(TP0, TP1);
        acc.endFlush();
        assertThat(acc.ready(clock.get(), tp -> false).ready()).isEmpty();
    }

    @Test
    void aMutedPartitionIsNeverReady() throws Exception {
        RecordAccumulator acc = accumulator(100, 0, 1 << 20);
        append(acc, TP0, 200);
        append(acc, TP1, 200);
        assertThat(acc.ready(clock.get(), TP0::equals).ready()).containsExactly(TP1);
    }

    @Test
    void aRetriedBatchGoesBackToTheHeadAndWaitsForTheBackoff() throws Exception {
        RecordAccumulator acc = accumulator(100, 0, 1 << 20);
        CompletableFuture<RecordMetadata> first = append(acc, TP0, 200).future();
        CompletableFuture<RecordMetadata> second = append(acc, TP0, 200).future();
        ProducerBatch head = acc.poll(TP0);
        head.close();
        head.attempts++;
        acc.reenqueue(head, clock.get(), true);

        RecordAccumulator.ReadyResult ready = acc.ready(clock.get(), tp -> false);
        assertThat(ready.ready()).isEmpty();
        assertThat(ready.nextCheckDelayMs()).isEqualTo(50);
        clock.addAndGet(50);
        assertThat(acc.ready(clock.get(), tp -> false).ready()).containsExactly(TP0);
        ProducerBatch again = acc.poll(TP0);
        assertThat(again).isSameAs(head);
        again.complete(7, -1);
        assertThat(first).isCompletedWithValue(new RecordMetadata(TP0.topic(), 0, 7, 5));
        assertThat(second).isNotDone();
    }

    @Test
    void appendBlocksWhileBufferMemoryIsFullAndResumesWhenABatchCompletes() throws Exception {
        long oneRecord = RecordAccumulator.estimatedSize(null, new byte[1_000], NO_HEADERS);
        RecordAccumulator acc = accumulator(16_384, 0, 2 * oneRecord);
        append(acc, TP0, 1_000);
        append(acc, TP0, 1_000);
        assertThat(acc.bufferMemoryUsed()).isEqualTo(2 * oneRecord);

        Future<RecordAccumulator.AppendResult> blocked = appender.submit(
                () -> acc.append(TP0, 5, null, new byte[1_000], NO_HEADERS, 30_000));
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !blocked.isDone());

        ProducerBatch batch = acc.poll(TP0);
        batch.close();
        acc.deallocate(batch);
        assertThat(blocked.get(10, TimeUnit.SECONDS).future()).isNotDone();
        assertThat(acc.bufferMemoryUsed()).isEqualTo(oneRecord);
    }

    @Test
    void appendGivesUpAfterMaxBlockWhenNoMemoryIsFreed() throws Exception {
        long oneRecord = RecordAccumulator.estimatedSize(null, new byte[1_000], NO_HEADERS);
        RecordAccumulator acc = accumulator(16_384, 0, oneRecord);
        append(acc, TP0, 1_000);
        assertThatThrownBy(() -> acc.append(TP0, 5, null, new byte[1_000], NO_HEADERS, 100))
                .isInstanceOf(BufferExhaustedException.class).hasMessageContaining("100 ms");
        assertThat(acc.bufferMemoryUsed()).isEqualTo(oneRecord);
    }

    @Test
    void bytesRetainedBesideARecordStayHeldAfterItsBatchCompletesUntilReleased() throws Exception {
        long oneRecord = RecordAccumulator.estimatedSize(null, new byte[1_000], NO_HEADERS);
        RecordAccumulator acc = accumulator(16_384, 0, 3 * oneRecord);
        RecordAccumulator.AppendResult appended = acc.append(TP0, 5, null, new byte[1_000], NO_HEADERS, oneRecord, 0);
        assertThat(appended.retainedHeld()).isEqualTo(oneRecord);
        assertThat(acc.bufferMemoryUsed()).isEqualTo(2 * oneRecord);
        assertThatThrownBy(() -> acc.append(TP0, 5, null, new byte[1_000], NO_HEADERS, oneRecord, 100))
                .as("a second record with as much retained does not fit").isInstanceOf(BufferExhaustedException.class);

        ProducerBatch batch = acc.poll(TP0);
        batch.close();
        acc.deallocate(batch);
        assertThat(acc.bufferMemoryUsed()).as("the record's bytes are free, the retained ones not yet").isEqualTo(oneRecord);
        acc.releaseRetained(appended.retainedHeld());
        assertThat(acc.bufferMemoryUsed()).isZero();
    }

    @Test
    void whatIsRetainedBesideARecordNeverMakesItLargerThanTheWholeBuffer() throws Exception {
        long oneRecord = RecordAccumulator.estimatedSize(null, new byte[1_000], NO_HEADERS);
        RecordAccumulator acc = accumulator(16_384, 0, oneRecord + 10);
        RecordAccumulator.AppendResult appended = acc.append(TP0, 5, null, new byte[1_000], NO_HEADERS, oneRecord, 0);
        assertThat(appended.retainedHeld()).isEqualTo(10);
        assertThat(acc.bufferMemoryUsed()).isEqualTo(oneRecord + 10);
    }

    @Test
    void aRecordLargerThanTheWholeBufferFailsAtOnce() {
        RecordAccumulator acc = accumulator(16_384, 0, 500);
        assertThatThrownBy(() -> acc.append(TP0, 5, null, new byte[1_000], NO_HEADERS, 60_000))
                .isInstanceOf(BufferExhaustedException.class).hasMessageContaining("larger than");
    }

    @Test
    void queuedBatchesOlderThanTheDeliveryTimeoutExpire() throws Exception {
        RecordAccumulator acc = accumulator(16_384, 60_000, 1 << 20);
        append(acc, TP0, 10);
        assertThat(acc.expire(clock.get() + 9_999)).isEmpty();
        List<ProducerBatch> expired = acc.expire(clock.get() + 10_000);
        assertThat(expired).hasSize(1);
        assertThat(acc.hasQueued()).isFalse();
    }

    @Test
    void closingRefusesNewRecordsAndMakesQueuedOnesReady() throws Exception {
        RecordAccumulator acc = accumulator(16_384, 60_000, 1 << 20);
        append(acc, TP0, 10);
        acc.close();
        assertThat(acc.ready(clock.get(), tp -> false).ready()).containsExactly(TP0);
        assertThatThrownBy(() -> append(acc, TP0, 10)).isInstanceOf(dev.partita.client.ClientClosedException.class);
        assertThat(acc.bufferMemoryUsed()).isEqualTo(RecordAccumulator.estimatedSize(null, new byte[10], NO_HEADERS));
    }
}
