package dev.partita.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.client.consumer.ConsumedRecord;
import dev.partita.client.consumer.LogConsumer;
import dev.partita.client.consumer.OffsetOutOfRangeException;
import dev.partita.client.network.Transport;
import dev.partita.client.producer.Producer;
import dev.partita.client.producer.ProducerRecord;
import dev.partita.client.producer.RecordMetadata;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.ListOffsetsRequest;
import dev.partita.protocol.message.MetadataResponse;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.CompressionType;
import dev.partita.protocol.record.Header;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The whole client (threads, connections, metadata, producer, consumer, admin) against an in-memory cluster of fake brokers. */
@Timeout(60)
class PartitaClientIT {

    private static final TopicKey ORDERS = TopicKey.queue("orders");

    private FakeBroker broker0;
    private FakeBroker broker1;
    private InMemoryCluster cluster;
    private PartitaClient client;

    @BeforeEach
    void setUp() {
        broker0 = FakeBroker.start(0);
        broker1 = FakeBroker.start(1);
        cluster = new InMemoryCluster(List.of(broker0, broker1));
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        broker0.close();
        broker1.close();
    }

    private PartitaClient client(ClientConfig.Builder config) {
        client = PartitaClient.create(config.bootstrapServers(broker0.bootstrap()).retryBackoffMs(10).build());
        return client;
    }

    private static ClientConfig.Builder config() {
        return ClientConfig.builder().lingerMs(1).fetchMaxWaitMs(50);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<ConsumedRecord> consume(LogConsumer consumer, int count) {
        List<ConsumedRecord> records = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (records.size() < count && System.nanoTime() < deadline) {
            records.addAll(consumer.poll(Duration.ofMillis(200)));
        }
        return records;
    }

    @Test
    void recordsProducedToAnAutoCreatedTopicAreConsumedInOrderWithKeysValuesAndHeaders() throws Exception {
        PartitaClient c = client(config().compression(CompressionType.GZIP));
        List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();
        try (Producer producer = c.newProducer()) {
            for (int i = 0; i < 100; i++) {
                sends.add(producer.send(new ProducerRecord(ORDERS, null, 1_000L + i, bytes("k" + i), bytes("v" + i),
                        List.of(Header.of("n", Integer.toString(i))))));
            }
            producer.flush();
        }
        for (int i = 0; i < 100; i++) {
            assertThat(sends.get(i).get().offset()).isEqualTo(i);
        }

        try (LogConsumer consumer = c.newConsumer()) {
            consumer.assign(ORDERS, 0, 0);
            List<ConsumedRecord> records = consume(consumer, 100);
            assertThat(records).hasSize(100);
            for (int i = 0; i < 100; i++) {
                ConsumedRecord r = records.get(i);
                assertThat(r.offset()).isEqualTo(i);
                assertThat(r.timestamp()).isEqualTo(1_000L + i);
                assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("k" + i);
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("v" + i);
                assertThat(r.headers()).containsExactly(Header.of("n", Integer.toString(i)));
            }
            assertThat(consumer.position(ORDERS, 0)).isEqualTo(100);
            assertThat(consumer.highWatermark(ORDERS, 0)).isEqualTo(100);
        }
    }

    @Test
    void concurrentSendersEachKeepTheirOrderAndEveryOffsetIsHandedOutOnce() throws Exception {
        cluster.createTopic(ORDERS, 3);
        PartitaClient c = client(config().batchSize(512).bufferMemory(64 * 1024));
        int threads = 4;
        int perThread = 300;
        List<CompletableFuture<RecordMetadata>> sends = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Producer producer = c.newProducer()) {
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                senders.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < perThread; i++) {
                        sends.add(producer.send(new ProducerRecord(ORDERS, i % 3, null, null, bytes(thread + ":" + i), List.of())));
                    }
                }));
            }
            CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            producer.flush();
        }
        java.util.Set<String> offsets = new java.util.HashSet<>();
        for (CompletableFuture<RecordMetadata> send : sends) {
            RecordMetadata m = send.get();
            assertThat(offsets.add(m.partition() + "@" + m.offset())).isTrue();
        }
        try (LogConsumer consumer = c.newConsumer()) {
            for (int p = 0; p < 3; p++) {
                consumer.assign(ORDERS, p, 0);
            }
            List<ConsumedRecord> records = consume(consumer, threads * perThread);
            assertThat(records).hasSize(threads * perThread);
            // Per sending thread and partition, the values arrive in send order.
            java.util.Map<String, Integer> last = new java.util.HashMap<>();
            for (ConsumedRecord r : records) {
                String[] parts = new String(r.value(), StandardCharsets.UTF_8).split(":");
                int i = Integer.parseInt(parts[1]);
                Integer previous = last.put(parts[0] + "/" + r.partition(), i);
                assertThat(previous == null || previous < i).as("order of thread %s in partition %d", parts[0], r.partition()).isTrue();
            }
        }
    }

    @Test
    void sendingToAMissingTopicWithAutoCreateOffFailsWithUnknownTopic() {
        cluster.autoCreate(false);
        PartitaClient c = client(config().maxBlockMs(2_000));
        try (Producer producer = c.newProducer()) {
            CompletableFuture<RecordMetadata> send = producer.send(ProducerRecord.of(ORDERS, bytes("x")));
            assertThatThrownBy(() -> send.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION));
        }
    }

    @Test
    void adminCreatesListsAndDeletesTopics() throws Exception {
        PartitaClient c = client(config());
        c.admin().createTopic(ORDERS, 3, (short) 1, Map.of()).get(10, TimeUnit.SECONDS);
        MetadataResponse metadata = c.admin().metadata(List.of(ORDERS)).get(10, TimeUnit.SECONDS);
        assertThat(metadata.topics()).singleElement().satisfies(t -> assertThat(t.partitions()).hasSize(3));
        assertThat(metadata.brokers()).hasSize(2);

        assertThatThrownBy(() -> c.admin().createTopic(ORDERS, 3, (short) 1, Map.of()).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo(Errors.TOPIC_ALREADY_EXISTS));

        c.admin().deleteTopic(ORDERS).get(10, TimeUnit.SECONDS);
        assertThat(c.admin().metadata(List.of(ORDERS)).get(10, TimeUnit.SECONDS).topics().get(0).error())
                .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
    }

    @Test
    void listOffsetAndSeeksFindTheLogStartAndEnd() throws Exception {
        cluster.createTopic(ORDERS, 2);
        PartitaClient c = client(config());
        try (Producer producer = c.newProducer()) {
            for (int i = 0; i < 5; i++) {
                producer.send(ProducerRecord.of(ORDERS, 1, null, bytes("v" + i)));
            }
            producer.flush();
        }
        assertThat(c.admin().listOffset(ORDERS, 1, ListOffsetsRequest.LATEST_TIMESTAMP).get(10, TimeUnit.SECONDS)).isEqualTo(5);
        assertThat(c.admin().listOffset(ORDERS, 1, ListOffsetsRequest.EARLIEST_TIMESTAMP).get(10, TimeUnit.SECONDS)).isZero();

        try (LogConsumer consumer = c.newConsumer()) {
            consumer.assign(ORDERS, 1, 3);
            consumer.seekToEnd(ORDERS, 1);
            assertThat(consumer.position(ORDERS, 1)).isEqualTo(5);
            assertThat(consumer.poll(Duration.ofMillis(100))).isEmpty();
            consumer.seekToBeginning(ORDERS, 1);
            assertThat(consume(consumer, 5)).extracting(ConsumedRecord::offset).containsExactly(0L, 1L, 2L, 3L, 4L);
        }
    }

    @Test
    void producerAndConsumerFollowALeaderChange() throws Exception {
        cluster.createTopic(ORDERS, 1); // led by broker 0
        PartitaClient c = client(config().lingerMs(0));
        try (Producer producer = c.newProducer(); LogConsumer consumer = c.newConsumer()) {
            producer.send(ProducerRecord.of(ORDERS, bytes("before"))).get(10, TimeUnit.SECONDS);
            consumer.assign(ORDERS, 0, 0);
            assertThat(consume(consumer, 1)).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("before");

            cluster.moveLeader(ORDERS, 0, 1);
            RecordMetadata after = producer.send(ProducerRecord.of(ORDERS, bytes("after"))).get(10, TimeUnit.SECONDS);
            assertThat(after.offset()).isEqualTo(1);
            assertThat(consume(consumer, 1)).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("after");
            assertThat(c.metadata().partition(new dev.partita.client.metadata.TopicPartition(ORDERS, 0)))
                    .get().extracting(p -> p.leaderId()).isEqualTo(1);
        }
    }

    @Test
    void aPositionPastTheLogEndFailsPollWithOffsetOutOfRange() {
        cluster.createTopic(ORDERS, 1);
        PartitaClient c = client(config());
        try (LogConsumer consumer = c.newConsumer()) {
            consumer.assign(ORDERS, 0, 42);
            assertThatThrownBy(() -> consume(consumer, 1)).isInstanceOf(OffsetOutOfRangeException.class)
                    .satisfies(e -> assertThat(((OffsetOutOfRangeException) e).offset()).isEqualTo(42));
            assertThat(consumer.position(ORDERS, 0)).isEqualTo(42);
        }
    }

    @Test
    void userFuturesCompleteOnTheCallbackThreadNeverOnAnIoThread() throws Exception {
        cluster.createTopic(ORDERS, 1);
        PartitaClient c = client(config().lingerMs(0));
        // Answers are held until the stages are attached, so the completing thread runs them whatever the machine's load.
        List<FakeBroker.Exchange> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        broker0.on(dev.partita.protocol.message.ApiKey.PRODUCE, held::add);
        AtomicReference<String> thread = new AtomicReference<>();
        try (Producer producer = c.newProducer()) {
            CompletableFuture<Void> stage = producer.send(ProducerRecord.of(ORDERS, bytes("x")))
                    .thenRun(() -> thread.set(Thread.currentThread().getName()));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == 1);
            held.get(0).respond(new dev.partita.protocol.message.ProduceResponse(List.of(
                    new dev.partita.protocol.message.ProduceResponse.TopicProduceResult(ORDERS, List.of(
                            new dev.partita.protocol.message.ProduceResponse.PartitionProduceResult(0, Errors.NONE, null, 0, -1, 0))))));
            stage.get(10, TimeUnit.SECONDS);
        }
        assertThat(thread.get()).startsWith("partita-client-callback-");

        held.clear();
        broker0.on(dev.partita.protocol.message.ApiKey.METADATA, held::add);
        AtomicReference<String> adminThread = new AtomicReference<>();
        CompletableFuture<Void> adminStage = c.admin().metadata(null).thenRun(() -> adminThread.set(Thread.currentThread().getName()));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (FakeBroker.Exchange exchange : held) {
                held.remove(exchange);
                exchange.respond(new MetadataResponse(List.of(), 0, List.of()));
            }
            return adminStage.isDone();
        });
        adminStage.get(10, TimeUnit.SECONDS);
        assertThat(adminThread.get()).startsWith("partita-client-callback-");
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).anyMatch(n -> n.startsWith("partita-client-io-"));
    }

    @Test
    void flushFromASendCallbackIsRefusedInsteadOfDeadlocking() throws Exception {
        cluster.createTopic(ORDERS, 1);
        List<FakeBroker.Exchange> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        broker0.on(dev.partita.protocol.message.ApiKey.PRODUCE, held::add); // answered below, by hand
        PartitaClient c = client(config().lingerMs(0));
        try (Producer producer = c.newProducer()) {
            CompletableFuture<Throwable> refused = producer.send(ProducerRecord.of(ORDERS, bytes("x"))).handle((m, e) -> {
                try {
                    producer.flush();
                    return new AssertionError("flush returned in " + Thread.currentThread().getName());
                } catch (Throwable t) {
                    return t;
                }
            });
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == 1);
            held.get(0).respond(new dev.partita.protocol.message.ProduceResponse(List.of(
                    new dev.partita.protocol.message.ProduceResponse.TopicProduceResult(ORDERS, List.of(
                            new dev.partita.protocol.message.ProduceResponse.PartitionProduceResult(0, Errors.NONE, null, 0, -1, 0))))));
            // Only the callback thread completes the send, and nobody else waits on it: the stage runs there.
            assertThat(refused.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("callback");
        }
    }

    @Test
    void theBestTransportIsEpollOnLinux() {
        assertThat(Transport.best().isEpoll()).isEqualTo(io.netty.channel.epoll.Epoll.isAvailable());
    }

    @Test
    void aClosedClientRefusesNewProducersAndConsumers() {
        PartitaClient c = client(config());
        c.close();
        c.close(); // idempotent
        assertThatThrownBy(c::newProducer).isInstanceOf(ClientClosedException.class);
        assertThatThrownBy(c::newConsumer).isInstanceOf(ClientClosedException.class);
    }
}
