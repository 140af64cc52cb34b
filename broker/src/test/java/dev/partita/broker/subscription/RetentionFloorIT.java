package dev.partita.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.PartitaBroker;
import dev.partita.broker.TestBrokers;
import dev.partita.broker.subscription.SubscriptionTestClient.Acquired;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Retention never deletes what a queue or durable subscription has not consumed, also after a restart. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RetentionFloorIT {

    private static final Map<String, String> FAST_RETENTION = Map.of("log.retention.check.interval.ms", "50");
    /** Tiny segments and a tiny size limit: without a floor, retention deletes all but the active segment. */
    private static final Map<String, String> TINY = Map.of("segment.bytes", "200", "retention.bytes", "1");

    @TempDir
    Path dataDir;

    @Test
    void aQueueHoldsTheLogStartAtItsOldestUnconsumedMessage() throws Exception {
        TopicKey queue = TopicKey.queue("floor");
        SubscriptionKey key = SubscriptionKey.queue("floor");
        UUID session = UUID.randomUUID();
        try (PartitaBroker broker = TestBrokers.start(dataDir, FAST_RETENTION);
             SubscriptionTestClient client = new SubscriptionTestClient(broker)) {
            client.create(queue, TINY);
            for (int i = 0; i < 20; i++) {
                client.produce(queue, "message-" + i); // one batch each: many segments
            }
            client.subscribe(key, queue, session);
            Acquired first = client.acquire(key, queue, session, 0, 5, 0);
            assertThat(client.ack(key, queue, session, first.sessionEpoch(), first.ranges()).error()).isEqualTo(Errors.NONE);
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> client.logStart(queue) > 0);
            assertThat(client.logStart(queue)).as("nothing unconsumed deleted").isLessThanOrEqualTo(5);
        }
        // After a restart the floor holds before any subscriber comes back.
        try (PartitaBroker broker = TestBrokers.start(dataDir, FAST_RETENTION);
             SubscriptionTestClient client = new SubscriptionTestClient(broker)) {
            UUID next = UUID.randomUUID();
            long startAfterRestart = client.logStart(queue);
            assertThat(startAfterRestart).isLessThanOrEqualTo(5);
            Awaitility.await().during(500, TimeUnit.MILLISECONDS).atMost(5, TimeUnit.SECONDS)
                    .until(() -> client.logStart(queue) == startAfterRestart);
            Acquired rest = client.acquire(key, queue, next, 0, 100, 0);
            assertThat(rest.values()).hasSize(15);
            assertThat(rest.values().values()).startsWith("message-5");
            assertThat(client.ack(key, queue, next, rest.sessionEpoch(), rest.ranges()).error())
                    .isEqualTo(Errors.NONE);
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> client.logStart(queue) > 5);
        }
    }
}
