package dev.partita.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.PartitaBroker;
import dev.partita.broker.TestBrokers;
import dev.partita.broker.subscription.SubscriptionTestClient.Acquired;
import dev.partita.protocol.message.DeliveryRange;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import java.nio.file.Files;
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

/** Lease expiry and broker restarts: acks are final, nothing unacknowledged is lost. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeliveryDurabilityIT {

    private static final Map<String, String> SHORT_LEASE = Map.of("session.lease.timeout.ms", "600");

    @TempDir
    Path dataDir;

    @Test
    void aSilentSessionLosesWhatItHeldToOthersWithTheDeliveryCountRaised() throws Exception {
        TopicKey queue = TopicKey.queue("leases");
        SubscriptionKey key = SubscriptionKey.queue("leases");
        try (PartitaBroker broker = TestBrokers.start(dataDir, SHORT_LEASE);
             SubscriptionTestClient silent = new SubscriptionTestClient(broker);
             SubscriptionTestClient alive = new SubscriptionTestClient(broker)) {
            silent.produce(queue, "x", "y");
            UUID lost = UUID.randomUUID();
            Acquired held = silent.acquire(key, queue, lost, 0, 10, 0);
            assertThat(held.values()).hasSize(2);

            UUID taker = UUID.randomUUID();
            Map<Long, Integer> counts = new HashMap<>();
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> {
                alive.heartbeat(taker);
                counts.putAll(alive.acquire(key, queue, taker, 0, 10, 200).counts());
                return counts.size() == 2;
            });
            assertThat(counts).containsExactly(Map.entry(0L, 1), Map.entry(1L, 1));

            assertThat(silent.heartbeat(lost).expiredSessionIds()).containsExactly(lost);
            assertThat(silent.ack(key, queue, lost, held.sessionEpoch(), held.ranges()).error())
                    .as("an ack of what the lease lost").isIn(Errors.STALE_SESSION_EPOCH, Errors.OFFSETS_NOT_HELD);
        }
    }

    @Test
    void afterARestartAcknowledgedMessagesStayGoneAndTheOthersComeBack() throws Exception {
        TopicKey queue = TopicKey.queue("restart");
        SubscriptionKey key = SubscriptionKey.queue("restart");
        UUID session = UUID.randomUUID();
        try (PartitaBroker broker = TestBrokers.start(dataDir, SHORT_LEASE);
             SubscriptionTestClient client = new SubscriptionTestClient(broker)) {
            client.produce(queue, "0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
            Acquired got = client.acquire(key, queue, session, 0, 10, 0);
            assertThat(got.values()).hasSize(10);
            assertThat(client.ack(key, queue, session, got.sessionEpoch(), List.of(new DeliveryRange(0, 4, 0))).error())
                    .isEqualTo(Errors.NONE);
            assertThat(client.ack(key, queue, session, got.sessionEpoch(), List.of(new DeliveryRange(7, 7, 0))).error())
                    .isEqualTo(Errors.NONE);
        }
        assertThat(Files.isDirectory(dataDir)).isTrue();
        try (PartitaBroker broker = TestBrokers.start(dataDir, SHORT_LEASE);
             SubscriptionTestClient client = new SubscriptionTestClient(broker)) {
            UUID next = UUID.randomUUID();
            Map<Long, String> values = new HashMap<>();
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> {
                client.heartbeat(next);
                Acquired more = client.acquire(key, queue, next, 0, 10, 200);
                values.putAll(more.values());
                assertThat(more.counts().values()).as("redelivered after the old session's lease").allMatch(c -> c == 1);
                return values.size() == 4;
            });
            assertThat(values).containsOnlyKeys(5L, 6L, 8L, 9L);
            assertThat(client.acquire(key, queue, next, 0, 10, 300).values()).isEmpty();
        }
    }

    @Test
    void aSilentConnectionLosesItsDurableConsumerAndItsClientId() throws Exception {
        TopicKey topic = TopicKey.topic("silent-durable");
        SubscriptionKey key = SubscriptionKey.durable("silent-app", "audit");
        try (PartitaBroker broker = TestBrokers.start(dataDir, SHORT_LEASE);
             SubscriptionTestClient silent = new SubscriptionTestClient(broker);
             SubscriptionTestClient next = new SubscriptionTestClient(broker)) {
            assertThat(silent.claim("silent-app").error()).isEqualTo(Errors.NONE);
            assertThat(silent.subscribe(key, topic, UUID.randomUUID(), null, false, 1).error()).isEqualTo(Errors.NONE);
            assertThat(next.claim("silent-app").error()).isEqualTo(Errors.CLIENT_ID_IN_USE);
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> next.claim("silent-app").error() == Errors.NONE);
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() ->
                    next.subscribe(key, topic, UUID.randomUUID(), null, false, 1).error() == Errors.NONE);
        }
    }
}
