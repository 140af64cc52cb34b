package dev.partita.provider.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.destination.PartitaTopic;
import dev.partita.provider.testing.TestBroker;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * noLocal (spec 8.3.1, 8.3.3): a noLocal topic consumer does not receive what its own connection
 * published, on a durable subscription also nothing a connection with the same client ID
 * published; others' messages arrive; on a queue noLocal changes nothing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NoLocalIT {

    private static final long EXPECTED_MS = 5_000;
    private static final long ABSENT_MS = 700;

    @TempDir
    static Path dir;
    static TestBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.start(dir.resolve("data"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static Connection connect(String clientId) throws JMSException {
        Connection connection = new PartitaConnectionFactory(broker.url(clientId == null ? "" : "clientID=" + clientId))
                .createConnection();
        connection.start();
        return connection;
    }

    private static void send(Connection connection, Destination to, String... texts) throws JMSException {
        Session session = connection.createSession();
        try {
            for (String text : texts) {
                session.createProducer(to).send(session.createTextMessage(text));
            }
        } finally {
            session.close();
        }
    }

    /** Everything {@code consumer} receives until nothing more comes for {@link #ABSENT_MS}, waiting up to {@code firstMs} for the first. */
    private static List<String> drain(MessageConsumer consumer, long firstMs) throws JMSException {
        List<String> texts = new ArrayList<>();
        Message message = consumer.receive(firstMs);
        while (message != null) {
            texts.add(((TextMessage) message).getText());
            message = consumer.receive(ABSENT_MS);
        }
        return texts;
    }

    @Test
    void aNoLocalTopicConsumerGetsOtherConnectionsMessagesButNotItsOwn(TestInfo test) throws JMSException {
        Topic topic = new PartitaTopic(test.getTestMethod().orElseThrow().getName());
        try (Connection mine = connect(null); Connection other = connect(null)) {
            Session session = mine.createSession();
            MessageConsumer noLocal = session.createConsumer(topic, null, true);
            MessageConsumer everything = mine.createSession().createConsumer(topic);
            send(mine, topic, "own-1");
            send(other, topic, "theirs");
            send(mine, topic, "own-2");

            assertThat(drain(noLocal, EXPECTED_MS)).containsExactly("theirs");
            assertThat(drain(everything, EXPECTED_MS)).as("a consumer without noLocal on the same connection")
                    .containsExactlyInAnyOrder("own-1", "theirs", "own-2");
            assertThat(((jakarta.jms.TopicSubscriber) noLocal).getNoLocal()).isTrue();
        }
    }

    @Test
    void noLocalOnAQueueChangesNothing(TestInfo test) throws JMSException {
        PartitaQueue queue = new PartitaQueue(test.getTestMethod().orElseThrow().getName());
        try (Connection mine = connect(null)) {
            MessageConsumer consumer = mine.createSession().createConsumer(queue, null, true);
            send(mine, queue, "own");
            assertThat(drain(consumer, EXPECTED_MS)).containsExactly("own");
        }
    }

    @Test
    void aNoLocalDurableSubscriptionSkipsWhatAnyConnectionWithItsClientIdPublished(TestInfo test) throws JMSException {
        String name = test.getTestMethod().orElseThrow().getName();
        Topic topic = new PartitaTopic(name);
        try (Connection other = connect(null)) {
            try (Connection first = connect(name)) {
                first.createSession().createDurableSubscriber(topic, "sub", null, true).close();
                send(first, topic, "own, while inactive");
                send(other, topic, "other-1");
            }
            try (Connection second = connect(name)) {
                send(second, topic, "same client ID, another connection");
                send(other, topic, "other-2");
                Session session = second.createSession();
                MessageConsumer durable = session.createDurableSubscriber(topic, "sub", null, true);
                // Each send uses a session of its own, which may pick another of the topic's partitions:
                // JMS orders messages per sending session only (spec 6.2.9.1), so any order is right.
                assertThat(drain(durable, EXPECTED_MS)).containsExactlyInAnyOrder("other-1", "other-2");
                durable.close();
                session.unsubscribe("sub");
            }
        }
    }

    @Test
    void changingNoLocalOnAnInactiveDurableSubscriptionReplacesIt(TestInfo test) throws JMSException {
        String name = test.getTestMethod().orElseThrow().getName();
        Topic topic = new PartitaTopic(name);
        try (Connection mine = connect(name); Connection other = connect(null)) {
            Session session = mine.createSession();
            session.createDurableSubscriber(topic, "sub", null, false).close();
            send(other, topic, "kept by the old subscription");
            MessageConsumer replaced = session.createDurableSubscriber(topic, "sub", null, true);
            send(other, topic, "after");
            send(mine, topic, "own");
            assertThat(drain(replaced, EXPECTED_MS)).as("a new subscription, from the replacement on, noLocal")
                    .containsExactly("after");
            replaced.close();
            session.unsubscribe("sub");
        }
    }
}
