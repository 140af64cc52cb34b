package dev.partita.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.broker.PartitaBroker;
import dev.partita.broker.TestBrokers;
import dev.partita.broker.subscription.SubscriptionTestClient.Acquired;
import dev.partita.client.ClientConfig;
import dev.partita.client.PartitaClient;
import dev.partita.client.producer.Producer;
import dev.partita.client.producer.ProducerRecord;
import dev.partita.client.producer.RecordMetadata;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.ListOffsetsRequest;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full queue (max.unconsumed.bytes): a produce waits until consumers free space, and fails with
 * DESTINATION_FULL, storing nothing, when none is freed in full.block.ms.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FullQueueIT {

    /** About five 200-byte messages fill it. */
    private static final String LIMIT = "1000";
    private static final String PAYLOAD = "m".repeat(200);

    @TempDir
    Path dataDir;

    private PartitaBroker broker;
    private SubscriptionTestClient subscriptions;
    private PartitaClient client;
    private Producer producer;

    @BeforeEach
    void start() {
        broker = TestBrokers.start(dataDir, Map.of());
        subscriptions = new SubscriptionTestClient(broker);
        client = PartitaClient.create(ClientConfig.builder().bootstrapServers(broker.bootstrapServers())
                .lingerMs(0).requestTimeoutMs(20_000).build());
        producer = client.newProducer();
    }

    @AfterEach
    void stop() {
        producer.close();
        client.close();
        subscriptions.close();
        broker.close();
    }

    @Test
    void aProduceToAFullQueueWaitsUntilAcknowledgementsFreeSpace() throws Exception {
        TopicKey queue = TopicKey.queue("full-then-freed");
        SubscriptionKey key = SubscriptionKey.queue("full-then-freed");
        subscriptions.create(queue, Map.of("max.unconsumed.bytes", LIMIT, "full.block.ms", "20000"));
        Filled filled = fill(queue);
        CompletableFuture<RecordMetadata> blocked = filled.held();
        Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !blocked.isDone());

        UUID session = UUID.randomUUID();
        subscriptions.subscribe(key, queue, session);
        Acquired first = subscriptions.acquire(key, queue, session, 0, 100, 0);
        assertThat(first.values()).hasSize(filled.stored());
        assertThat(subscriptions.ack(key, queue, session, first.sessionEpoch(), first.ranges()).error()).isEqualTo(Errors.NONE);

        assertThat(blocked.get(10, TimeUnit.SECONDS).offset()).isEqualTo(filled.stored());
        Acquired rest = subscriptions.acquire(key, queue, session, first.sessionEpoch(), 100, 5_000);
        assertThat(rest.values().values()).containsExactly(PAYLOAD + "-" + filled.stored());
    }

    @Test
    void aProduceToAFullQueueFailsAfterTheBlockTimeAndStoresNothing() throws Exception {
        TopicKey queue = TopicKey.queue("full-for-good");
        subscriptions.create(queue, Map.of("max.unconsumed.bytes", LIMIT, "full.block.ms", "1000"));
        Filled filled = fill(queue);

        assertThatThrownBy(() -> filled.held().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo(Errors.DESTINATION_FULL))
                .hasMessageContaining("max.unconsumed.bytes");
        assertThat(filled.heldForMs()).isGreaterThanOrEqualTo(900);
        assertThat(logEnd(queue)).as("nothing of the refused produce stored").isEqualTo(filled.stored());
    }

    @Test
    void aZeroBlockTimeFailsAtOnceAndATopicWithoutDurableSubscriptionsIsNeverFull() throws Exception {
        TopicKey queue = TopicKey.queue("fail-at-once");
        subscriptions.create(queue, Map.of("max.unconsumed.bytes", LIMIT, "full.block.ms", "0"));
        Filled filled = fill(queue);
        assertThatThrownBy(() -> filled.held().get(2, TimeUnit.SECONDS))
                .cause().isInstanceOf(ApiException.class).hasMessageContaining("full");
        assertThat(filled.heldForMs()).isLessThan(1_000);

        TopicKey topic = TopicKey.topic("no-durable-subscriptions");
        subscriptions.create(topic, Map.of("max.unconsumed.bytes", LIMIT, "full.block.ms", "0"));
        for (int i = 0; i < 20; i++) {
            send(topic, PAYLOAD).get(10, TimeUnit.SECONDS); // nothing holds retention: nothing is unconsumed
        }
    }

    @Test
    void aDurableSubscriptionHoldsATopicFullUntilItIsDeleted() throws Exception {
        TopicKey topic = TopicKey.topic("durably-held");
        SubscriptionKey key = SubscriptionKey.durable("app", "slow-reader");
        subscriptions.create(topic, Map.of("max.unconsumed.bytes", LIMIT, "full.block.ms", "20000"));
        assertThat(subscriptions.subscribe(key, topic, UUID.randomUUID(), null, false, 1).error()).isEqualTo(Errors.NONE);
        Filled filled = fill(topic);
        CompletableFuture<RecordMetadata> blocked = filled.held();

        assertThat(subscriptions.closeConsumer(key, 1).error()).isEqualTo(Errors.NONE);
        assertThat(blocked).as("an inactive durable subscription still holds its messages").isNotDone();
        assertThat(subscriptions.delete(key).error()).isEqualTo(Errors.NONE);
        assertThat(blocked.get(10, TimeUnit.SECONDS).offset()).isEqualTo(filled.stored());
    }

    @Test
    void aBadQuotaConfigIsRefusedAtCreation() {
        assertThatThrownBy(() -> subscriptions.create(TopicKey.queue("bad"), Map.of("max.unconsumed.bytes", "lots")))
                .hasMessageContaining("max.unconsumed.bytes");
        assertThatThrownBy(() -> subscriptions.create(TopicKey.queue("bad"), Map.of("full.block.ms", "-5")))
                .hasMessageContaining("full.block.ms");
    }

    /**
     * What {@link #fill} did: the messages stored before the queue was full, and the first send
     * that was not answered within {@link #HELD_MS} (or was refused), with how long it took.
     */
    private record Filled(int stored, CompletableFuture<RecordMetadata> held, long heldForMs) {
    }

    /** Longer than any append of an empty broker takes, even on a loaded machine. */
    private static final long HELD_MS = 2_000;

    /** Sends 200-byte messages ({@code PAYLOAD-n}) one by one until one is held or refused. */
    private Filled fill(TopicKey destination) throws Exception {
        int stored = 0;
        while (true) {
            long sentNanos = System.nanoTime();
            CompletableFuture<RecordMetadata> sent = send(destination, PAYLOAD + "-" + stored);
            try {
                sent.get(HELD_MS, TimeUnit.MILLISECONDS);
                stored++;
                assertThat(stored).as("the queue fills up").isLessThan(10);
            } catch (java.util.concurrent.TimeoutException | ExecutionException full) {
                long heldMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentNanos);
                assertThat(stored).as("about %s bytes stored", LIMIT).isBetween(3, 6);
                return new Filled(stored, sent, heldMs);
            }
        }
    }

    private CompletableFuture<RecordMetadata> send(TopicKey topic, String value) {
        return producer.send(new ProducerRecord(topic, 0, null, null, value.getBytes(StandardCharsets.UTF_8), List.of()));
    }

    private long logEnd(TopicKey topic) throws Exception {
        return client.admin().listOffset(topic, 0, ListOffsetsRequest.LATEST_TIMESTAMP).get(20, TimeUnit.SECONDS);
    }
}
