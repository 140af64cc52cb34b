package dev.partita.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.PartitaBroker;
import dev.partita.broker.TestBrokers;
import dev.partita.broker.subscription.SubscriptionTestClient.Acquired;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.ReleasedRange;
import dev.partita.protocol.message.SubscribeResponse;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Durable and shared subscriptions and client IDs through the ZooKeeper registries, over TCP. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DurableSubscriptionIT {

    @TempDir
    static Path dataDir;

    static PartitaBroker broker;
    static SubscriptionTestClient a;
    static SubscriptionTestClient b;

    @BeforeAll
    static void start() {
        broker = TestBrokers.start(dataDir, Map.of());
        a = new SubscriptionTestClient(broker);
        b = new SubscriptionTestClient(broker);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {a, b, broker}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aClientIdIsHeldByOneConnectionAtATime() throws Exception {
        assertThat(a.claim("app-ids").error()).isEqualTo(Errors.NONE);
        assertThat(a.claim("app-ids").error()).as("claiming again").isEqualTo(Errors.NONE);
        assertThat(b.claim("app-ids").error()).isEqualTo(Errors.CLIENT_ID_IN_USE);
        assertThat(b.claim("").error()).isEqualTo(Errors.INVALID_CLIENT_ID);
        assertThat(b.releaseClientId("app-ids").released()).isFalse();
        assertThat(a.releaseClientId("app-ids").released()).isTrue();
        assertThat(b.claim("app-ids").error()).isEqualTo(Errors.NONE);
    }

    @Test
    void anUnsharedDurableSubscriptionKeepsMessagesWhileInactiveAndHasOneActiveConsumer() throws Exception {
        TopicKey topic = TopicKey.topic("audit-topic");
        SubscriptionKey key = SubscriptionKey.durable("app", "audit");
        UUID session = UUID.randomUUID();
        SubscribeResponse first = a.subscribe(key, topic, session, null, false, 1);
        assertThat(first.error()).isEqualTo(Errors.NONE);
        assertThat(first.generation()).isPositive();
        assertThat(b.subscribe(key, topic, UUID.randomUUID(), null, false, 1).error())
                .isEqualTo(Errors.SUBSCRIPTION_IN_USE);
        assertThat(b.subscribe(key, topic, UUID.randomUUID(), null, true, 1).error())
                .isEqualTo(Errors.SUBSCRIPTION_SHARING_MISMATCH);

        a.produce(topic, "m1");
        Acquired held = a.acquire(key, first.generation(), topic, session, 0, 10, 5_000);
        assertThat(held.values()).containsExactly(Map.entry(0L, "m1"));
        assertThat(a.release(key, first.generation(), topic, session, held.sessionEpoch(),
                List.of(new ReleasedRange(held.ranges().get(0), false))).error()).isEqualTo(Errors.NONE);
        assertThat(a.delete(key).error()).as("delete while active").isEqualTo(Errors.SUBSCRIPTION_IN_USE);
        assertThat(a.closeConsumer(key, 1).error()).isEqualTo(Errors.NONE);
        a.produce(topic, "m2");

        UUID later = UUID.randomUUID();
        SubscribeResponse again = b.subscribe(key, topic, later, null, false, 1);
        assertThat(again.error()).isEqualTo(Errors.NONE);
        assertThat(again.generation()).isEqualTo(first.generation());
        Map<Long, String> got = new HashMap<>(b.acquire(key, again.generation(), topic, later, 0, 10, 5_000).values());
        assertThat(got).containsOnly(Map.entry(0L, "m1"), Map.entry(1L, "m2"));

        assertThat(b.closeConsumer(key, 1).error()).isEqualTo(Errors.NONE);
        assertThat(b.delete(key).error()).isEqualTo(Errors.NONE);
        assertThat(b.delete(key).error()).isEqualTo(Errors.UNKNOWN_SUBSCRIPTION);
    }

    @Test
    void anInactiveDurableSubscriptionWhoseSelectorChangedIsReplaced() throws Exception {
        TopicKey topic = TopicKey.topic("replaced-topic");
        SubscriptionKey key = SubscriptionKey.durable("app", "replaced");
        UUID session = UUID.randomUUID();
        SubscribeResponse first = a.subscribe(key, topic, session, null, false, 2);
        a.produce(topic, "old");
        assertThat(a.closeConsumer(key, 2).error()).isEqualTo(Errors.NONE);

        SubscribeResponse replaced = a.subscribe(key, topic, session, "color = 'red'", false, 2);
        assertThat(replaced.error()).isEqualTo(Errors.NONE);
        assertThat(replaced.generation()).isGreaterThan(first.generation());
        assertThat(replaced.partitions()).singleElement().satisfies(p -> assertThat(p.startOffset()).isEqualTo(1));
        assertThat(a.acquire(key, first.generation(), topic, session, 0, 10, 0).raw().error())
                .isEqualTo(Errors.STALE_SUBSCRIPTION_GENERATION);
        a.produceColors(topic, "blue", "red");
        assertThat(a.acquire(key, replaced.generation(), topic, session, 0, 10, 5_000).values())
                .containsExactly(Map.entry(2L, "red"));
    }

    @Test
    void consumersOfASharedSubscriptionCompeteForItsMessages() throws Exception {
        TopicKey topic = TopicKey.topic("shared-topic");
        SubscriptionKey key = SubscriptionKey.shared(null, "workers");
        UUID sessionA = UUID.randomUUID();
        UUID sessionB = UUID.randomUUID();
        SubscribeResponse one = a.subscribe(key, topic, sessionA, null, false, 3);
        SubscribeResponse two = b.subscribe(key, topic, sessionB, null, false, 3);
        assertThat(one.error()).isEqualTo(Errors.NONE);
        assertThat(two.generation()).isEqualTo(one.generation());
        a.produce(topic, "w0", "w1", "w2", "w3");
        Acquired first = a.acquire(key, one.generation(), topic, sessionA, 0, 2, 5_000);
        Acquired second = b.acquire(key, two.generation(), topic, sessionB, 0, 10, 5_000);
        assertThat(first.values()).hasSize(2);
        assertThat(first.values().keySet()).doesNotContainAnyElementsOf(second.values().keySet());
        Map<Long, String> all = new HashMap<>(first.values());
        all.putAll(second.values());
        assertThat(all).hasSize(4);
        assertThat(a.ack(key, one.generation(), topic, sessionA, first.sessionEpoch(), first.ranges()).error())
                .isEqualTo(Errors.NONE);
        assertThat(a.ack(key, one.generation() + 1, topic, sessionA, first.sessionEpoch(), first.ranges()).error())
                .as("an ack naming another generation").isNotEqualTo(Errors.NONE);
    }
}
