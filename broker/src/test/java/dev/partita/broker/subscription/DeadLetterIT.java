package dev.partita.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.PartitaBroker;
import dev.partita.broker.TestBrokers;
import dev.partita.broker.subscription.SubscriptionTestClient.Acquired;
import dev.partita.protocol.jms.JmsHeaderNames;
import dev.partita.protocol.jms.JmsRecord;
import dev.partita.protocol.jms.JmsRecordCodec;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.ReleasedRange;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.Record;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A message delivered max.delivery.count times without an ack moves to the dead-letter queue, once. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeadLetterIT {

    @TempDir
    Path dataDir;

    @Test
    void aMessageReleasedAfterItsLastAllowedDeliveryMovesToTheDeadLetterQueueWithItsSource() throws Exception {
        TopicKey queue = TopicKey.queue("poison");
        SubscriptionKey key = SubscriptionKey.queue("poison");
        TopicKey dlq = TopicKey.queue("poison-dlq");
        try (PartitaBroker broker = TestBrokers.start(dataDir, Map.of());
             SubscriptionTestClient client = new SubscriptionTestClient(broker)) {
            client.create(queue, Map.of("max.delivery.count", "2", "dead.letter.queue", "poison-dlq"));
            client.produce(queue, "bad", "good");
            UUID session = UUID.randomUUID();
            for (int delivery = 0; delivery < 2; delivery++) {
                Acquired got = client.acquire(key, queue, session, 0, 1, 0);
                assertThat(got.values()).containsExactly(Map.entry(0L, "bad"));
                assertThat(got.counts()).containsExactly(Map.entry(0L, delivery));
                assertThat(client.release(key, queue, session, got.sessionEpoch(),
                        List.of(new ReleasedRange(got.ranges().get(0), true))).error()).isEqualTo(Errors.NONE);
            }
            Acquired next = client.acquire(key, queue, session, 0, 10, 0);
            assertThat(next.values()).as("the dead letter is not delivered again").containsExactly(Map.entry(1L, "good"));

            SubscriptionKey dlqKey = SubscriptionKey.queue("poison-dlq");
            UUID reader = UUID.randomUUID();
            Map<Long, String> letters = new HashMap<>();
            Acquired[] last = new Acquired[1];
            // The dead-letter queue is created by the first move: until then its acquires fail.
            Awaitility.await().atMost(20, TimeUnit.SECONDS).ignoreExceptions().until(() -> {
                last[0] = client.acquire(dlqKey, dlq, reader, 0, 10, 200);
                letters.putAll(last[0].values());
                return !letters.isEmpty();
            });
            assertThat(letters.values()).containsExactly("bad");
            JmsRecord letter = JmsRecordCodec.DEFAULT.decode(record((MemoryRecords) last[0].raw().records(),
                    letters.keySet().iterator().next()));
            assertThat(letter.properties()).as("a well-formed JMS record with the dead-letter properties")
                    .containsEntry(JmsHeaderNames.DEAD_LETTER_DELIVERY_COUNT, 2)
                    .containsEntry(JmsHeaderNames.ORIGINAL_DESTINATION, "queue://poison")
                    .containsEntry(JmsHeaderNames.DEAD_LETTER_REASON, "delivered 2 times without an acknowledgement")
                    .containsKey(JmsHeaderNames.DEAD_LETTER_TIME);
            assertThat((String) letter.properties().get(JmsHeaderNames.DEAD_LETTER_SOURCE)).endsWith(":0:0");
            assertThat(client.acquire(dlqKey, dlq, reader, 0, 10, 1_500).values())
                    .as("moved once, not again on later ticks").isEmpty();
        }
    }

    @Test
    void aMoveWhoseCopyIsAlreadyInTheDeadLetterQueueAppendsNothingAndStillArchives() throws Exception {
        TopicKey queue = TopicKey.queue("twice");
        SubscriptionKey key = SubscriptionKey.queue("twice");
        TopicKey dlq = TopicKey.queue("twice-dlq");
        SubscriptionKey dlqKey = SubscriptionKey.queue("twice-dlq");
        try (PartitaBroker broker = TestBrokers.start(dataDir, Map.of());
             SubscriptionTestClient client = new SubscriptionTestClient(broker)) {
            client.create(queue, Map.of("max.delivery.count", "1", "dead.letter.queue", "twice-dlq"));
            client.produce(queue, "a", "b", "c");
            UUID session = UUID.randomUUID();
            UUID reader = UUID.randomUUID();
            deliverOnce(client, key, queue, session, 0L, "a");
            Map<Long, String> letters = new HashMap<>();
            Acquired[] last = new Acquired[1];
            Awaitility.await().atMost(20, TimeUnit.SECONDS).ignoreExceptions().until(() -> {
                last[0] = client.acquire(dlqKey, dlq, reader, 0, 10, 200);
                letters.putAll(last[0].values());
                return !letters.isEmpty();
            });
            String sourceOfA = (String) JmsRecordCodec.DEFAULT.decode(record((MemoryRecords) last[0].raw().records(),
                    letters.keySet().iterator().next())).properties().get(JmsHeaderNames.DEAD_LETTER_SOURCE);
            assertThat(sourceOfA).endsWith(":0:0");

            // As a broker that died between the append of b's copy and the archive would have left it.
            String sourceOfB = sourceOfA.substring(0, sourceOfA.length() - 1) + "1";
            client.produceWithHeaders(dlq, "b, appended before the broker died",
                    List.of(JmsRecordCodec.propertyHeader(JmsHeaderNames.DEAD_LETTER_SOURCE, sourceOfB)));
            deliverOnce(client, key, queue, session, 1L, "b");

            Acquired next = client.acquire(key, queue, session, 0, 10, 0);
            assertThat(next.values()).as("b is not delivered again").containsExactly(Map.entry(2L, "c"));
            Awaitility.await().during(2_500, TimeUnit.MILLISECONDS).atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
                letters.putAll(client.acquire(dlqKey, dlq, reader, 0, 10, 200).values());
                assertThat(letters.values()).as("b's move found its copy and appended none")
                        .containsExactlyInAnyOrder("a", "b, appended before the broker died");
            });
        }
    }

    /** Acquires the next message of the source (expected {@code value} at {@code offset}) and releases it as delivered. */
    private static void deliverOnce(SubscriptionTestClient client, SubscriptionKey key, TopicKey queue, UUID session,
                                    long offset, String value) throws Exception {
        Acquired got = client.acquire(key, queue, session, 0, 1, 0);
        assertThat(got.values()).containsExactly(Map.entry(offset, value));
        assertThat(client.release(key, queue, session, got.sessionEpoch(),
                List.of(new ReleasedRange(got.ranges().get(0), true))).error()).isEqualTo(Errors.NONE);
    }

    private static Record record(MemoryRecords records, long offset) {
        for (Record r : records.records()) {
            if (r.offset() == offset) {
                return r;
            }
        }
        throw new AssertionError("no record at offset " + offset);
    }
}
