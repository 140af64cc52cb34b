package dev.partita.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.PartitaBroker;
import dev.partita.broker.TestBrokers;
import dev.partita.broker.subscription.SubscriptionTestClient.Acquired;
import dev.partita.protocol.message.DeliveryRange;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.ReleasedRange;
import dev.partita.protocol.message.SubscribeResponse;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.MemoryRecords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Queue subscriptions over TCP against one real broker: competing consumers, acks, releases, long poll. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QueueSubscriptionIT {

    @TempDir
    static Path dataDir;

    static PartitaBroker broker;
    static SubscriptionTestClient client;

    @BeforeAll
    static void start() {
        broker = TestBrokers.start(dataDir, Map.of());
        client = new SubscriptionTestClient(broker);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void competingSessionsEachGetDistinctMessagesAndTogetherAll() throws Exception {
        TopicKey queue = TopicKey.queue("competing");
        SubscriptionKey key = SubscriptionKey.queue("competing");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            sent.add("m" + i);
        }
        client.produce(queue, sent.toArray(String[]::new));
        SubscribeResponse subscribed = client.subscribe(key, queue, UUID.randomUUID());
        assertThat(subscribed.error()).isEqualTo(Errors.NONE);
        assertThat(subscribed.partitions()).singleElement().satisfies(p -> assertThat(p.startOffset()).isZero());

        Map<Long, UUID> owners = new ConcurrentHashMap<>();
        List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> consumers = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            UUID session = UUID.randomUUID();
            consumers.add(CompletableFuture.runAsync(() -> {
                try {
                    while (true) {
                        Acquired got = client.acquire(key, queue, session, 0, 4, 300);
                        if (got.values().isEmpty()) {
                            return;
                        }
                        got.values().forEach((offset, value) -> {
                            assertThat(owners.putIfAbsent(offset, session)).as("offset " + offset + " owner").isNull();
                            received.add(value);
                        });
                        assertThat(client.ack(key, queue, session, got.sessionEpoch(), got.ranges()).error())
                                .isEqualTo(Errors.NONE);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        CompletableFuture.allOf(consumers.toArray(CompletableFuture[]::new)).get(40, TimeUnit.SECONDS);
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(new HashSet<>(owners.values())).as("sessions that got messages").hasSizeGreaterThan(1);
        assertThat(client.acquire(key, queue, UUID.randomUUID(), 0, 10, 0).values()).isEmpty();
    }

    @Test
    void releaseCountsOnlyDeliveredMessagesAndAcksAreCheckedAgainstTheAcquisition() throws Exception {
        TopicKey queue = TopicKey.queue("release");
        SubscriptionKey key = SubscriptionKey.queue("release");
        client.produce(queue, "a", "b", "c");
        UUID session = UUID.randomUUID();
        Acquired first = client.acquire(key, queue, session, 0, 10, 0);
        assertThat(first.values()).containsExactly(Map.entry(0L, "a"), Map.entry(1L, "b"), Map.entry(2L, "c"));
        assertThat(first.counts().values()).containsOnly(0);

        UUID other = UUID.randomUUID();
        assertThat(client.ack(key, queue, other, 0, List.of(new DeliveryRange(0, 0, 0))).error())
                .as("ack by a session that holds nothing").isEqualTo(Errors.OFFSETS_NOT_HELD);
        assertThat(client.ack(key, queue, session, first.sessionEpoch() + 1, List.of(new DeliveryRange(0, 0, 0))).error())
                .as("ack at a later epoch than the session's").isEqualTo(Errors.STALE_SESSION_EPOCH);

        assertThat(client.release(key, queue, session, first.sessionEpoch(), List.of(
                new ReleasedRange(new DeliveryRange(0, 1, 0), true),
                new ReleasedRange(new DeliveryRange(2, 2, 0), false))).error()).isEqualTo(Errors.NONE);
        Acquired again = client.acquire(key, queue, other, 0, 10, 0);
        assertThat(again.counts()).containsExactly(Map.entry(0L, 1), Map.entry(1L, 1), Map.entry(2L, 0));
        assertThat(client.ack(key, queue, other, again.sessionEpoch(), again.ranges()).error()).isEqualTo(Errors.NONE);
        assertThat(client.ack(key, queue, other, again.sessionEpoch(), again.ranges()).error())
                .as("a repeated ack succeeds").isEqualTo(Errors.NONE);
        assertThat(client.acquire(key, queue, session, first.sessionEpoch(), 10, 0).values()).isEmpty();
    }

    @Test
    void anAcquireOfOneRecordShipsASmallWindowNotTheWholeBacklog() throws Exception {
        TopicKey queue = TopicKey.queue("one-record-window");
        SubscriptionKey key = SubscriptionKey.queue("one-record-window");
        int batches = 40;
        int perBatch = 10;
        String padding = "x".repeat(100);
        for (int b = 0; b < batches; b++) {
            String[] batch = new String[perBatch];
            for (int i = 0; i < perBatch; i++) {
                batch[i] = "message-" + (b * perBatch + i) + padding;
            }
            client.produce(queue, batch); // a flush each: the backlog is many batches, far above one window
        }
        Acquired one = client.acquire(key, queue, UUID.randomUUID(), 0, 1, 0);
        assertThat(one.values()).containsExactly(Map.entry(0L, "message-0" + padding));
        // The answer carries the window read, not every batch up to the request's 1 MiB limit.
        assertThat(((MemoryRecords) one.raw().records()).sizeInBytes()).isPositive().isLessThanOrEqualTo(Acquirer.MIN_WINDOW_BYTES);
        Acquired rest = client.acquire(key, queue, UUID.randomUUID(), 0, 1000, 0);
        assertThat(rest.values()).hasSize(batches * perBatch - 1).containsEntry(399L, "message-399" + padding);
    }

    @Test
    void longPollAnswersAsSoonAsAMessageArrives() throws Exception {
        TopicKey queue = TopicKey.queue("long-poll");
        SubscriptionKey key = SubscriptionKey.queue("long-poll");
        client.subscribe(key, queue, UUID.randomUUID());
        UUID session = UUID.randomUUID();
        long started = System.nanoTime();
        CompletableFuture<Acquired> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return client.acquire(key, queue, session, 0, 10, 20_000);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // Another connection: responses on one connection go out in request order, so a produce
        // there would wait behind the long poll.
        try (SubscriptionTestClient producer = new SubscriptionTestClient(broker)) {
            producer.produce(queue, "late");
        }
        Acquired got = waiting.get(15, TimeUnit.SECONDS);
        assertThat(got.values()).containsExactly(Map.entry(0L, "late"));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(15_000);

        long emptyStarted = System.nanoTime();
        assertThat(client.acquire(key, queue, session, got.sessionEpoch(), 10, 300).values()).isEmpty();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - emptyStarted)).as("waited its max wait")
                .isGreaterThanOrEqualTo(250);
    }

    @Test
    void aPrivateKeyOnAQueueIsInvalid() throws Exception {
        TopicKey queue = TopicKey.queue("refused");
        SubscribeResponse response = client.subscribe(SubscriptionKey.privateTo(client.connectionId, 1), queue,
                UUID.randomUUID());
        assertThat(response.error()).isEqualTo(Errors.INVALID_REQUEST);
        assertThat(response.errorMessage()).contains("reads a topic");
    }
}
