package dev.partita.provider.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.destination.PartitaTopic;
import dev.partita.provider.testing.TestBroker;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** DUPS_OK and non-blocking acks, prefetch across consumers, topic subscriptions, and a broker that goes away. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AcknowledgeModesIT {

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

    private static void send(Connection connection, jakarta.jms.Destination to, int count) throws JMSException {
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(to);
        for (int i = 0; i < count; i++) {
            producer.send(session.createTextMessage("m" + i));
        }
        session.close();
    }

    private static List<String> drain(MessageConsumer consumer, int count) throws JMSException {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = consumer.receive(10_000);
            assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
            got.add(((TextMessage) message).getText());
        }
        return got;
    }

    private static void assertEmptyEventually(Connection connection, Queue queue) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Session session = connection.createSession();
            try {
                assertThat(session.createConsumer(queue).receive(300)).isNull();
            } finally {
                session.close();
            }
        });
    }

    @Test
    void everyAckModeAcknowledgesEverythingWithoutDuplicates() throws JMSException {
        record Case(String options, int mode) {
        }
        for (Case c : List.of(new Case("", Session.DUPS_OK_ACKNOWLEDGE),
                new Case("blockOnAcknowledge=false", Session.DUPS_OK_ACKNOWLEDGE),
                new Case("blockOnAcknowledge=false", Session.AUTO_ACKNOWLEDGE), new Case("", Session.AUTO_ACKNOWLEDGE))) {
            try (Connection connection = new PartitaConnectionFactory(broker.url(c.options())).createConnection()) {
                Queue queue = new PartitaQueue("ack-" + c.mode() + "-" + c.options().length());
                send(connection, queue, 250);
                connection.start();
                Session session = connection.createSession(c.mode());
                assertThat(drain(session.createConsumer(queue), 250)).hasSize(250).doesNotHaveDuplicates();
                session.close();
                assertEmptyEventually(connection, queue);
            }
        }
    }

    @Test
    void aConsumerHoldsNoMoreThanItsPrefetchSoOtherConsumersGetTheRest() throws Exception {
        try (Connection connection = new PartitaConnectionFactory(broker.url("prefetch=1")).createConnection()) {
            Queue queue = new PartitaQueue("prefetch-one");
            send(connection, queue, 3);
            connection.start();
            Session a = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            Session b = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer first = a.createConsumer(queue);
            List<String> got = new ArrayList<>(drain(first, 1)); // delivered, not acknowledged; at most one more prefetched
            MessageConsumer second = b.createConsumer(queue);
            got.addAll(drain(second, 1));
            assertThat(got).hasSize(2).doesNotHaveDuplicates();
        }
    }

    @Test
    void everyNonDurableTopicSubscriberGetsEveryMessageSentAfterItWasCreated() throws JMSException {
        try (Connection connection = new PartitaConnectionFactory(broker.url()).createConnection()) {
            Topic topic = new PartitaTopic("news");
            send(connection, topic, 3); // before any subscriber: nobody gets these
            Session session = connection.createSession();
            MessageConsumer one = session.createConsumer(topic);
            MessageConsumer two = connection.createSession().createConsumer(topic);
            connection.start();
            send(connection, topic, 4);
            assertThat(drain(one, 4)).containsExactly("m0", "m1", "m2", "m3");
            assertThat(drain(two, 4)).containsExactly("m0", "m1", "m2", "m3");
            assertThat(one.receive(300)).isNull();
            MessageConsumer three = session.createConsumer(topic);
            assertThat(three.receive(300)).as("a new subscription starts at the log end").isNull();
            one.close();
        }
    }

    /**
     * The broker stops (gracefully, on another thread) while a receive waits. Regression test: the
     * stop could come before the consumer's acquiring client had looked up the queue's leaders, and
     * a consumer without known leaders retried forever, so the receive never threw (about one run
     * in three on a loaded machine).
     */
    @Test
    void aBlockedReceiveFailsWithinReconnectTimeoutWhenTheBrokerGoesAway(@org.junit.jupiter.api.io.TempDir Path own)
            throws Exception {
        TestBroker dying = TestBroker.start(own.resolve("data"));
        Connection connection = null;
        try {
            connection = new PartitaConnectionFactory(dying.url("reconnectTimeout=3000&requestTimeout=2000")).createConnection();
            List<JMSException> heard = new CopyOnWriteArrayList<>();
            connection.setExceptionListener(heard::add);
            connection.start();
            Session session = connection.createSession();
            MessageConsumer consumer = session.createConsumer(new PartitaQueue("dying"));
            Thread killer = new Thread(dying::close);
            long start = System.nanoTime();
            killer.start();
            assertThatThrownBy(consumer::receive).isInstanceOf(JMSException.class);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(20_000);
            await().atMost(Duration.ofSeconds(10)).until(() -> !heard.isEmpty());
            killer.join(20_000);
        } finally {
            if (connection != null) {
                long start = System.nanoTime();
                connection.close();
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("close never hangs").isLessThan(20_000);
            }
            dying.close();
        }
    }

}
