package dev.partita.client.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.partita.client.ClientConfig;
import dev.partita.client.metadata.MetadataCache;
import dev.partita.client.network.BrokerEndpoint;
import dev.partita.client.network.Futures;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.MetadataResponse;
import dev.partita.protocol.message.ProduceRequest;
import dev.partita.protocol.message.ProduceResponse;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.Record;
import dev.partita.protocol.record.RecordBatch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The producer over a scripted transport and metadata: batching, retries, ordering, memory bound. */
@Timeout(30)
class ProducerTest {

    private static final TopicKey TOPIC = TopicKey.queue("orders");
    private static final BrokerEndpoint LEADER = new BrokerEndpoint("leader", 7676);

    record Sent(BrokerEndpoint leader, ProduceRequest request, CompletableFuture<ProduceResponse> answer) {
    }

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService callbacks = Executors.newSingleThreadExecutor();
    private final LinkedBlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    private final AtomicInteger metadataRequests = new AtomicInteger();
    private final Map<Integer, Long> nextOffset = new HashMap<>();
    private Producer producer;

    @AfterEach
    void tearDown() {
        if (producer != null) {
            producer.close(Duration.ZERO);
        }
        scheduler.shutdownNow();
        callbacks.shutdownNow();
    }

    private Producer producer(ClientConfig.Builder config, int partitions) {
        MetadataCache metadata = new MetadataCache((broker, request) -> {
            metadataRequests.incrementAndGet();
            List<MetadataResponse.PartitionMetadata> parts = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                parts.add(new MetadataResponse.PartitionMetadata(Errors.NONE, i, 1, 0, List.of(1), List.of(1)));
            }
            return CompletableFuture.completedFuture(new MetadataResponse(
                    List.of(new MetadataResponse.BrokerInfo(1, LEADER.host(), LEADER.port(), null)), 1,
                    List.of(new MetadataResponse.TopicMetadata(Errors.NONE, TOPIC, "log-1", parts))));
        }, List.of(LEADER), scheduler, System::currentTimeMillis, 10, 300_000);
        producer = new Producer(config.build(), metadata, (leader, request) -> {
            Sent s = new Sent(leader, request, new CompletableFuture<>());
            sent.add(s);
            return s.answer();
        }, callbacks, PartitionChooser.sticky());
        return producer;
    }

    private static ClientConfig.Builder config() {
        return ClientConfig.builder().bootstrapServers("leader:7676").lingerMs(60_000).retryBackoffMs(10);
    }

    private Sent nextRequest() throws InterruptedException {
        Sent s = sent.poll(10, TimeUnit.SECONDS);
        assertThat(s).as("a produce request").isNotNull();
        return s;
    }

    private static List<String> values(ProduceRequest request) {
        List<String> values = new ArrayList<>();
        for (ProduceRequest.TopicData topic : request.topics()) {
            for (ProduceRequest.PartitionData partition : topic.partitions()) {
                for (RecordBatch batch : (MemoryRecords) partition.records()) {
                    for (Record record : batch) {
                        values.add(new String(record.valueBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return values;
    }

    private static int recordCount(ProduceRequest request) {
        return values(request).size();
    }

    /** Answers every partition of the request with {@code error}, or with offsets that follow the previous ones. */
    private void answer(Sent s, Errors error) {
        List<ProduceResponse.TopicProduceResult> topics = new ArrayList<>();
        for (ProduceRequest.TopicData topic : s.request().topics()) {
            List<ProduceResponse.PartitionProduceResult> results = new ArrayList<>();
            for (ProduceRequest.PartitionData p : topic.partitions()) {
                long base = -1;
                if (error == Errors.NONE) {
                    base = nextOffset.getOrDefault(p.partition(), 0L);
                    int count = 0;
                    for (RecordBatch batch : (MemoryRecords) p.records()) {
                        count += batch.recordCount();
                    }
                    nextOffset.put(p.partition(), base + count);
                }
                results.add(new ProduceResponse.PartitionProduceResult(p.partition(), error, null, base, -1, 0));
            }
            topics.add(new ProduceResponse.TopicProduceResult(topic.topic(), results));
        }
        s.answer().complete(new ProduceResponse(topics));
    }

    private static ProducerRecord record(String value) {
        return ProducerRecord.of(TOPIC, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Errors errorOf(CompletableFuture<?> future) {
        Throwable error = Futures.unwrap(future.handle((v, e) -> e).join());
        assertThat(error).isInstanceOf(ApiException.class);
        return ((ApiException) error).error();
    }

    @Test
    void flushSendsQueuedRecordsInOneBatchAndCompletesThemWithConsecutiveOffsets() throws Exception {
        Producer p = producer(config(), 1);
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            futures.add(p.send(record("r" + i)));
        }
        assertThat(sent).isEmpty(); // lingering
        CompletableFuture<Void> flushed = CompletableFuture.runAsync(() -> {
            try {
                p.flush();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Sent s = nextRequest();
        assertThat(values(s.request())).containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9");
        assertThat(s.request().acks()).isEqualTo(dev.partita.protocol.message.Acks.ALL);
        answer(s, Errors.NONE);
        flushed.get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 10; i++) {
            RecordMetadata metadata = futures.get(i).get();
            assertThat(metadata.offset()).isEqualTo(i);
            assertThat(metadata.partition()).isZero();
            assertThat(metadata.topic()).isEqualTo(TOPIC);
        }
        assertThat(p.bufferMemoryUsed()).isZero();
    }

    @Test
    void aBatchIsSentAfterLingerWithoutAFlush() throws Exception {
        Producer p = producer(config().lingerMs(30), 1);
        CompletableFuture<RecordMetadata> future = p.send(record("late"));
        Sent s = nextRequest();
        answer(s, Errors.NONE);
        assertThat(future.get(10, TimeUnit.SECONDS).offset()).isZero();
    }

    @Test
    void aNotLeaderErrorRefreshesMetadataAndRetriesTheSameBatch() throws Exception {
        Producer p = producer(config().lingerMs(0), 1);
        CompletableFuture<RecordMetadata> future = p.send(record("x"));
        int lookups = metadataRequests.get();
        Sent first = nextRequest();
        answer(first, Errors.NOT_LEADER_OR_FOLLOWER);
        Sent retry = nextRequest();
        assertThat(values(retry.request())).isEqualTo(values(first.request()));
        assertThat(metadataRequests.get()).isGreaterThan(lookups);
        answer(retry, Errors.NONE);
        assertThat(future.get(10, TimeUnit.SECONDS).offset()).isZero();
    }

    @Test
    void onlyOneBatchPerPartitionIsInFlightSoRetriesNeverReorder() throws Exception {
        Producer p = producer(config().lingerMs(0), 1);
        CompletableFuture<RecordMetadata> a = p.send(record("a"));
        Sent first = nextRequest();
        CompletableFuture<RecordMetadata> b = p.send(record("b"));
        CompletableFuture<RecordMetadata> c = p.send(record("c"));
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(sent::isEmpty);

        answer(first, Errors.NOT_ENOUGH_REPLICAS); // retriable: "a" goes again, still before "b" and "c"
        Sent retry = nextRequest();
        assertThat(values(retry.request())).containsExactly("a", "b", "c");
        assertThat(((MemoryRecords) retry.request().topics().get(0).partitions().get(0).records()).batches())
                .as("the retried batch and the one queued behind it, back to back").hasSize(2);
        answer(retry, Errors.NONE);
        assertThat(List.of(a.get(), b.get(), c.get())).extracting(RecordMetadata::offset).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aNonRetriableErrorFailsTheRecordsWithThatError() throws Exception {
        Producer p = producer(config().lingerMs(0), 1);
        CompletableFuture<RecordMetadata> future = p.send(record("x"));
        answer(nextRequest(), Errors.CORRUPT_MESSAGE);
        await().atMost(Duration.ofSeconds(10)).until(future::isDone);
        assertThat(errorOf(future)).isEqualTo(Errors.CORRUPT_MESSAGE);
        assertThat(p.bufferMemoryUsed()).isZero();
    }

    @Test
    void retriesStopAtTheDeliveryTimeout() throws Exception {
        Producer p = producer(config().lingerMs(0).deliveryTimeoutMs(300), 1);
        CompletableFuture<RecordMetadata> future = p.send(record("x"));
        while (!future.isDone()) {
            Sent s = sent.poll(100, TimeUnit.MILLISECONDS);
            if (s != null) {
                answer(s, Errors.NOT_ENOUGH_REPLICAS);
            }
        }
        assertThat(errorOf(future)).isEqualTo(Errors.REQUEST_TIMED_OUT);
        assertThat(Futures.unwrap(future.handle((v, e) -> e).join())).hasMessageContaining("delivery timeout")
                .hasCauseInstanceOf(ApiException.class);
    }

    @Test
    void retainedBytesStayCountedAfterTheSendCompletesUntilTheCallerReleasesThem() throws Exception {
        long oneRecord = RecordAccumulator.estimatedSize(null, new byte[1_000], new dev.partita.protocol.record.Header[0]);
        Producer p = producer(config().lingerMs(0), 1);
        CompletableFuture<RecordMetadata> future = p.send(ProducerRecord.of(TOPIC, new byte[1_000]), 500);
        assertThat(p.bufferMemoryUsed()).isEqualTo(oneRecord + 500);
        answer(nextRequest(), Errors.NONE);
        future.get(10, TimeUnit.SECONDS);
        assertThat(p.bufferMemoryUsed()).as("e.g. a completion listener still to run").isEqualTo(500);
        p.releaseRetained(future);
        p.releaseRetained(future);
        assertThat(p.bufferMemoryUsed()).isZero();
    }

    @Test
    void aFastProducerBlocksOnBufferMemoryAndGivesUpAfterMaxBlock() throws Exception {
        long oneRecord = RecordAccumulator.estimatedSize(null, new byte[1_000], new dev.partita.protocol.record.Header[0]);
        Producer p = producer(config().lingerMs(0).bufferMemory(2 * oneRecord).maxBlockMs(200), 1);
        CompletableFuture<RecordMetadata> first = p.send(ProducerRecord.of(TOPIC, new byte[1_000]));
        CompletableFuture<RecordMetadata> second = p.send(ProducerRecord.of(TOPIC, new byte[1_000]));
        Sent s = nextRequest(); // held: the memory stays in use

        long start = System.nanoTime();
        CompletableFuture<RecordMetadata> third = p.send(ProducerRecord.of(TOPIC, new byte[1_000]));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(190);
        assertThat(Futures.unwrap(third.handle((v, e) -> e).join())).isInstanceOf(BufferExhaustedException.class);

        answer(s, Errors.NONE);
        first.get(10, TimeUnit.SECONDS);
        while (!second.isDone()) {
            Sent next = sent.poll(100, TimeUnit.MILLISECONDS);
            if (next != null) {
                answer(next, Errors.NONE);
            }
        }
        CompletableFuture<RecordMetadata> fourth = p.send(ProducerRecord.of(TOPIC, new byte[1_000]));
        answer(nextRequest(), Errors.NONE);
        assertThat(fourth.get(10, TimeUnit.SECONDS).offset()).isEqualTo(2);
    }

    @Test
    void recordsWithoutPartitionStickToOnePartitionPerTopic() throws Exception {
        Producer p = producer(config(), 4);
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            futures.add(p.send(record("r" + i)));
        }
        CompletableFuture.runAsync(() -> {
            try {
                p.flush();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Sent s = nextRequest();
        assertThat(s.request().topics()).hasSize(1);
        assertThat(s.request().topics().get(0).partitions()).hasSize(1);
        answer(s, Errors.NONE);
        int partition = futures.get(0).get(10, TimeUnit.SECONDS).partition();
        for (CompletableFuture<RecordMetadata> f : futures) {
            assertThat(f.get(10, TimeUnit.SECONDS).partition()).isEqualTo(partition);
        }
    }

    @Test
    void anExplicitPartitionBeyondTheTopicFailsWithUnknownPartition() {
        Producer p = producer(config(), 2);
        CompletableFuture<RecordMetadata> future = p.send(ProducerRecord.of(TOPIC, 2, null, new byte[1]));
        assertThat(errorOf(future)).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
    }

    @Test
    void closeSendsWhatIsQueuedAndThenRefusesRecords() throws Exception {
        Producer p = producer(config(), 1);
        CompletableFuture<RecordMetadata> queued = p.send(record("q"));
        CompletableFuture<Void> closed = CompletableFuture.runAsync(p::close);
        answer(nextRequest(), Errors.NONE);
        closed.get(10, TimeUnit.SECONDS);
        assertThat(queued.get(10, TimeUnit.SECONDS).offset()).isZero();
        assertThatThrownBy(() -> p.send(record("late")).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(dev.partita.client.ClientClosedException.class);
    }
}
