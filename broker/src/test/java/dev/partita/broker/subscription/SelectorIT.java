package dev.partita.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.PartitaBroker;
import dev.partita.broker.TestBrokers;
import dev.partita.broker.subscription.SubscriptionTestClient.Acquired;
import dev.partita.protocol.message.BrowseRequest.BrowsePartition;
import dev.partita.protocol.message.BrowseResponse;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SubscribeResponse;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import java.nio.file.Path;
import java.util.ArrayList;
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

/** Message selectors evaluated on the broker: queues leave rejected messages to others, topic subscriptions skip them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SelectorIT {

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
    void aBadSelectorIsRefusedWithTheParsersMessage() throws Exception {
        SubscribeResponse response = client.subscribe(SubscriptionKey.queue("bad-selector"), TopicKey.queue("bad-selector"),
                UUID.randomUUID(), "color = ");
        assertThat(response.error()).isEqualTo(Errors.INVALID_SELECTOR);
        assertThat(response.errorMessage()).isNotBlank();
    }

    @Test
    void onAQueueRejectedMessagesStayAvailableForOtherConsumers() throws Exception {
        TopicKey queue = TopicKey.queue("colors");
        SubscriptionKey key = SubscriptionKey.queue("colors");
        client.produceColors(queue, "red", "blue", "red", "green", "blue");
        UUID redSession = UUID.randomUUID();
        assertThat(client.subscribe(key, queue, redSession, "color = 'red'").error()).isEqualTo(Errors.NONE);
        Acquired reds = client.acquire(key, queue, redSession, 0, 10, 0);
        assertThat(reds.values()).containsExactly(Map.entry(0L, "red"), Map.entry(2L, "red"));
        assertThat(client.ack(key, queue, redSession, reds.sessionEpoch(), reds.ranges()).error()).isEqualTo(Errors.NONE);
        assertThat(client.acquire(key, queue, redSession, reds.sessionEpoch(), 10, 0).values()).isEmpty();

        UUID anySession = UUID.randomUUID();
        assertThat(client.subscribe(key, queue, anySession).error()).isEqualTo(Errors.NONE);
        assertThat(client.acquire(key, queue, anySession, 0, 10, 0).values())
                .containsExactly(Map.entry(1L, "blue"), Map.entry(3L, "green"), Map.entry(4L, "blue"));
    }

    @Test
    void aTopicSubscriptionSkipsWhatItsSelectorRejects() throws Exception {
        TopicKey topic = TopicKey.topic("colors");
        UUID session = UUID.randomUUID();
        SubscriptionKey key = SubscriptionKey.privateTo(client.connectionId, 7);
        SubscribeResponse subscribed = client.subscribe(key, topic, session, "color IN ('green')");
        assertThat(subscribed.error()).isEqualTo(Errors.NONE);
        // A partition whose start failed has no subscription: its acquires would all answer UNKNOWN_SUBSCRIPTION.
        assertThat(subscribed.partitions()).as("partition starts").allMatch(p -> p.error() == Errors.NONE);
        String[] many = new String[300];
        java.util.Arrays.fill(many, "red");
        many[299] = "green";
        client.produceColors(topic, many);
        Map<Long, String> got = new HashMap<>();
        List<String> answers = new ArrayList<>();
        try {
            org.awaitility.Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> {
                Acquired acquired = client.acquire(key, topic, session, 0, 10, 200);
                answers.add(acquired.raw().error() + "@" + acquired.sessionEpoch() + acquired.values().keySet());
                got.putAll(acquired.values());
                return !got.isEmpty();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            BrowseResponse.BrowsedPartition state = client.browse(key, topic, null, BrowsePartition.FROM_START, 1000);
            throw new AssertionError("no green message; answers: " + answers + "; browse: " + state.visible()
                    + " next " + state.nextOffset(), e);
        }
        assertThat(got).containsExactly(Map.entry(299L, "green"));
        assertThat(client.acquire(key, topic, session, 0, 10, 200).values()).as("rejected ones are finished").isEmpty();
    }
}
