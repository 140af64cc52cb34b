package dev.partita.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.client.ClientConfig;
import dev.partita.client.PartitaClient;
import dev.partita.client.consumer.ConsumedRecord;
import dev.partita.client.consumer.LogConsumer;
import dev.partita.client.consumer.OffsetOutOfRangeException;
import dev.partita.client.producer.Producer;
import dev.partita.client.producer.ProducerRecord;
import dev.partita.client.producer.RecordMetadata;
import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.ListOffsetsRequest;
import dev.partita.protocol.message.TopicKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The low-level client (producer, long-poll consumer, admin) against a real broker over loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientRoundTripIT {

    @TempDir
    static Path dataDir;

    static PartitaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = TestBrokers.start(dataDir, Map.of("log.retention.check.interval.ms", "100"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static PartitaClient client(Acks acks) {
        return PartitaClient.create(ClientConfig.builder().bootstrapServers(broker.bootstrapServers())
                .acks(acks).lingerMs(1).fetchMaxWaitMs(5_000).requestTimeoutMs(15_000).build());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> pollValues(LogConsumer consumer, int expected) {
        List<String> values = new ArrayList<>();
        Awaitility.await().atMost(20, TimeUnit.SECONDS).pollInterval(Duration.ZERO).until(() -> {
            for (ConsumedRecord r : consumer.poll(Duration.ofMillis(500))) {
                values.add(new String(r.value(), StandardCharsets.UTF_8));
            }
            return values.size() >= expected;
        });
        return values;
    }

    @Test
    void producesWithBothAcksAndConsumesInOrder() throws Exception {
        TopicKey topic = TopicKey.queue("client-round-trip");
        for (Acks acks : List.of(Acks.LEADER, Acks.ALL)) {
            try (PartitaClient client = client(acks); Producer producer = client.newProducer()) {
                List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    sent.add(producer.send(new ProducerRecord(topic, 0, null, null, bytes(acks + "-" + i), List.of())));
                }
                producer.flush();
                for (CompletableFuture<RecordMetadata> f : sent) {
                    assertThat(f.get(15, TimeUnit.SECONDS).partition()).isZero();
                }
            }
        }
        try (PartitaClient client = client(Acks.ALL); LogConsumer consumer = client.newConsumer()) {
            consumer.assign(topic, 0, 0);
            List<String> values = pollValues(consumer, 200);
            List<String> expected = new ArrayList<>();
            for (Acks acks : List.of(Acks.LEADER, Acks.ALL)) {
                for (int i = 0; i < 100; i++) {
                    expected.add(acks + "-" + i);
                }
            }
            assertThat(values).containsExactlyElementsOf(expected);
            assertThat(client.admin().listOffset(topic, 0, ListOffsetsRequest.LATEST_TIMESTAMP).get(10, TimeUnit.SECONDS))
                    .isEqualTo(200);
        }
    }

    @Test
    void spreadsOverSeveralPartitionsCreatedByAdmin() throws Exception {
        TopicKey topic = TopicKey.topic("client-partitions");
        try (PartitaClient client = client(Acks.ALL)) {
            client.admin().createTopic(topic, 4, (short) 1, Map.of()).get(15, TimeUnit.SECONDS);
            try (Producer producer = client.newProducer()) {
                for (int p = 0; p < 4; p++) {
                    for (int i = 0; i < 5; i++) {
                        producer.send(new ProducerRecord(topic, p, null, null, bytes(p + ":" + i), List.of()));
                    }
                }
                producer.flush();
            }
            for (int p = 0; p < 4; p++) {
                try (LogConsumer consumer = client.newConsumer()) {
                    consumer.assign(topic, p, 0);
                    assertThat(pollValues(consumer, 5)).containsExactly(p + ":0", p + ":1", p + ":2", p + ":3", p + ":4");
                }
            }
        }
    }

    @Test
    void aWaitingConsumerWakesUpOnNewData() throws Exception {
        TopicKey topic = TopicKey.topic("client-long-poll");
        try (PartitaClient client = client(Acks.ALL); Producer producer = client.newProducer();
             LogConsumer consumer = client.newConsumer()) {
            producer.send(ProducerRecord.of(topic, 0, null, bytes("first"))).get(15, TimeUnit.SECONDS);
            consumer.assign(topic, 0, 1);
            CompletableFuture<List<ConsumedRecord>> polled = CompletableFuture.supplyAsync(() -> consumer.poll(Duration.ofSeconds(20)));
            producer.send(ProducerRecord.of(topic, 0, null, bytes("second"))).get(15, TimeUnit.SECONDS);
            List<ConsumedRecord> got = polled.get(15, TimeUnit.SECONDS);
            assertThat(got).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("second");
            assertThat(got.get(0).offset()).isEqualTo(1);
        }
    }

    @Test
    void fetchingPastTheEndOrBelowTheStartIsOutOfRange() throws Exception {
        TopicKey topic = TopicKey.topic("client-retention");
        try (PartitaClient client = client(Acks.ALL)) {
            // Tiny segments and a tiny size limit: retention removes old segments within ~100 ms.
            client.admin().createTopic(topic, 1, (short) 1, Map.of("segment.bytes", "200", "retention.bytes", "1"))
                    .get(15, TimeUnit.SECONDS);
            try (Producer producer = client.newProducer()) {
                for (int i = 0; i < 10; i++) {
                    producer.send(ProducerRecord.of(topic, 0, null, bytes("record-" + i + "-" + "x".repeat(100))))
                            .get(15, TimeUnit.SECONDS);
                }
            }
            Awaitility.await().atMost(15, TimeUnit.SECONDS).until(() ->
                    client.admin().listOffset(topic, 0, ListOffsetsRequest.EARLIEST_TIMESTAMP).get(5, TimeUnit.SECONDS) > 0);
            try (LogConsumer below = client.newConsumer()) {
                below.assign(topic, 0, 0);
                assertThatThrownBy(() -> pollValues(below, 1)).isInstanceOf(OffsetOutOfRangeException.class);
            }
            try (LogConsumer past = client.newConsumer()) {
                past.assign(topic, 0, 11);
                assertThatThrownBy(() -> pollValues(past, 1)).isInstanceOf(OffsetOutOfRangeException.class);
            }
        }
    }

    @Test
    void deletedTopicsDisappear() throws Exception {
        TopicKey topic = TopicKey.queue("client-delete");
        try (PartitaClient client = client(Acks.ALL)) {
            client.admin().createTopic(topic, 1, (short) 1, Map.of()).get(15, TimeUnit.SECONDS);
            String logId = client.admin().metadata(List.of(topic)).get(10, TimeUnit.SECONDS).topics().get(0).logId();
            try (Producer producer = client.newProducer()) {
                producer.send(ProducerRecord.of(topic, 0, null, bytes("doomed"))).get(15, TimeUnit.SECONDS);
            }
            Path partitionDir = dataDir.resolve(logId + "-0");
            assertThat(partitionDir).isDirectory();

            client.admin().deleteTopic(topic).get(15, TimeUnit.SECONDS);
            assertThat(client.admin().metadata(List.of(topic)).get(10, TimeUnit.SECONDS).topics())
                    .singleElement().satisfies(t -> assertThat(t.partitions()).isEmpty());
            Awaitility.await().atMost(15, TimeUnit.SECONDS).untilAsserted(() -> assertThat(partitionDir).doesNotExist());
        }
    }
}
