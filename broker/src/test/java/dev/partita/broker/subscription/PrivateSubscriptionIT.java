package dev.partita.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.PartitaBroker;
import dev.partita.broker.TestBrokers;
import dev.partita.broker.subscription.SubscriptionTestClient.Acquired;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SubscribeResponse;
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

/** Non-durable topic subscriptions (private keys) over TCP: start at the log end, one per consumer, dropped on close. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrivateSubscriptionIT {

    @TempDir
    Path dataDir;

    @Test
    void startsAtTheLogEndGetsEveryLaterMessageAndEndsWithItsConsumer() throws Exception {
        TopicKey topic = TopicKey.topic("prices");
        try (PartitaBroker broker = TestBrokers.start(dataDir, Map.of());
             SubscriptionTestClient consumer = new SubscriptionTestClient(broker);
             SubscriptionTestClient producer = new SubscriptionTestClient(broker)) {
            producer.produce(topic, "before-1", "before-2");
            SubscriptionKey first = SubscriptionKey.privateTo(consumer.connectionId, 1);
            SubscriptionKey second = SubscriptionKey.privateTo(consumer.connectionId, 2);
            UUID session = UUID.randomUUID();
            SubscribeResponse subscribed = consumer.subscribe(first, topic, session);
            assertThat(subscribed.error()).isEqualTo(Errors.NONE);
            assertThat(subscribed.partitions()).singleElement().satisfies(p -> assertThat(p.startOffset()).isEqualTo(2));
            consumer.subscribe(second, topic, session);
            producer.produce(topic, "after");

            Acquired one = consumer.acquire(first, topic, session, 0, 10, 5_000);
            assertThat(one.values()).containsExactly(Map.entry(2L, "after"));
            assertThat(consumer.ack(first, topic, session, one.sessionEpoch(), one.ranges()).error()).isEqualTo(Errors.NONE);
            assertThat(consumer.acquire(second, topic, session, 0, 10, 5_000).values())
                    .as("each topic subscription gets every message").containsExactly(Map.entry(2L, "after"));

            assertThat(consumer.closeConsumer(first, 1).error()).isEqualTo(Errors.NONE);
            assertThat(consumer.acquire(first, topic, session, one.sessionEpoch(), 10, 0).raw().error())
                    .isEqualTo(Errors.UNKNOWN_SUBSCRIPTION);
            assertThat(consumer.closeConsumer(first, 1).error()).isEqualTo(Errors.UNKNOWN_SUBSCRIPTION);
        }
    }

    @Test
    void aSilentConnectionsPrivateSubscriptionIsDropped() throws Exception {
        TopicKey topic = TopicKey.topic("silent");
        try (PartitaBroker broker = TestBrokers.start(dataDir, Map.of("session.lease.timeout.ms", "300"));
             SubscriptionTestClient consumer = new SubscriptionTestClient(broker);
             SubscriptionTestClient observer = new SubscriptionTestClient(broker)) {
            SubscriptionKey key = SubscriptionKey.privateTo(consumer.connectionId, 1);
            consumer.subscribe(key, topic, UUID.randomUUID());
            assertThat(observer.acquire(key, topic, UUID.randomUUID(), 0, 10, 0).raw().error()).isEqualTo(Errors.NONE);
            // The observer's requests are signs of life of its own connection, not of the consumer's.
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() ->
                    observer.acquire(key, topic, UUID.randomUUID(), 0, 10, 0).raw().error() == Errors.UNKNOWN_SUBSCRIPTION);
        }
    }
}
