package dev.partita.provider.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.testing.TestBroker;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Queue consumers against a real broker: receive variants, listeners, start/stop, acknowledge modes, recover, close. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QueueConsumerIT {

    @TempDir
    static Path dir;
    static TestBroker broker;
    Connection connection;
    Queue queue;

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

    @BeforeEach
    void connect(TestInfo test) throws JMSException {
        connection = new PartitaConnectionFactory(broker.url()).createConnection();
        queue = new dev.partita.provider.destination.PartitaQueue("q-" + test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    private List<String> send(String... texts) throws JMSException {
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(queue);
        for (String text : texts) {
            producer.send(session.createTextMessage(text));
        }
        session.close();
        return List.of(texts);
    }

    private static String text(Message message) throws JMSException {
        return message == null ? null : ((TextMessage) message).getText();
    }

    private List<String> receive(MessageConsumer consumer, int count) throws JMSException {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = consumer.receive(10_000);
            assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
            got.add(text(message));
        }
        return got;
    }

    @Test
    void receivesOneSessionsMessagesInOrderAndAcknowledgedOnesNeverComeBack() throws JMSException {
        List<String> sent = send("a", "b", "c", "d", "e");
        connection.start();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(receive(consumer, 5)).isEqualTo(sent);
        assertThat(consumer.receive(300)).isNull();
        assertThat(consumer.receiveNoWait()).isNull();
        session.close();

        Session again = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        assertThat(again.createConsumer(queue).receive(500)).as("acknowledged messages are gone").isNull();
    }

    @Test
    void aStoppedConnectionDeliversNothingUntilStarted() throws JMSException {
        send("one");
        Session session = connection.createSession();
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(consumer.receive(500)).isNull();
        connection.start();
        assertThat(text(consumer.receive(10_000))).isEqualTo("one");
    }

    @Test
    void aListenerGetsEveryMessageSeriallyOnTheSessionsThread() throws Exception {
        send("1", "2", "3", "4");
        Session session = connection.createSession();
        MessageConsumer consumer = session.createConsumer(queue);
        List<String> got = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        consumer.setMessageListener(message -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                got.add(text(message));
                threads.add(Thread.currentThread().getName());
            } catch (JMSException e) {
                throw new AssertionError(e);
            } finally {
                concurrent.decrementAndGet();
            }
        });
        assertThat(consumer.getMessageListener()).isNotNull();
        assertThatThrownBy(() -> consumer.receive(10)).isInstanceOf(IllegalStateException.class);
        connection.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 4);
        assertThat(got).containsExactly("1", "2", "3", "4");
        assertThat(maxConcurrent.get()).isEqualTo(1);
        assertThat(threads).allMatch(name -> name.startsWith("partita-jms-session-"));
    }

    @Test
    void clientAcknowledgeAcknowledgesEverythingDeliveredAndRecoverRedeliversTheRest() throws JMSException {
        send("a", "b", "c", "d");
        connection.start();
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        Message a = consumer.receive(10_000);
        assertThat(text(consumer.receive(10_000))).isEqualTo("b");
        a.acknowledge(); // acknowledges a and b
        assertThat(text(consumer.receive(10_000))).isEqualTo("c");
        assertThat(a.getJMSRedelivered()).isFalse();

        session.recover();
        Message c = consumer.receive(10_000);
        assertThat(text(c)).isEqualTo("c");
        assertThat(c.getJMSRedelivered()).isTrue();
        assertThat(c.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        Message d = consumer.receive(10_000);
        assertThat(text(d)).isEqualTo("d");
        assertThat(d.getJMSRedelivered()).as("only delivered messages count a delivery").isFalse();
        assertThat(d.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        d.acknowledge();
        session.close();

        Session again = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        assertThat(again.createConsumer(queue).receive(500)).isNull();
    }

    @Test
    void closingASessionRedeliversWhatItDidNotAcknowledge() throws JMSException {
        send("x");
        connection.start();
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        assertThat(text(session.createConsumer(queue).receive(10_000))).isEqualTo("x");
        session.close();

        Session again = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Message redelivered = again.createConsumer(queue).receive(10_000);
        assertThat(text(redelivered)).isEqualTo("x");
        assertThat(redelivered.getJMSRedelivered()).isTrue();
    }

    @Test
    void closingAConsumerReleasesItsPrefetchToOtherConsumers() throws JMSException {
        send("p1", "p2", "p3");
        connection.start();
        Session first = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer greedy = first.createConsumer(queue);
        assertThat(text(greedy.receive(10_000))).isEqualTo("p1");
        greedy.close();
        assertThatThrownBy(greedy::receive).isInstanceOf(IllegalStateException.class);

        Session second = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer other = second.createConsumer(queue);
        for (String expected : new String[] {"p2", "p3"}) {
            jakarta.jms.Message message = other.receive(10_000);
            assertThat(text(message)).isEqualTo(expected);
            assertThat(message.getJMSRedelivered()).as("prefetched, never delivered: not a redelivery").isFalse();
            assertThat(message.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        }
        assertThat(other.receive(300)).as("p1 was delivered: it stays the first session's").isNull();
    }

    @Test
    void expiredMessagesAreNeverDelivered() throws JMSException {
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(queue);
        TextMessage expiring = session.createTextMessage("stale");
        producer.send(expiring, DeliveryMode.PERSISTENT, 4, 1);
        producer.send(session.createTextMessage("fresh"));
        await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() > expiring.getJMSExpiration());
        connection.start();
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(text(consumer.receive(10_000))).isEqualTo("fresh");
        assertThat(consumer.receive(300)).isNull();
    }

    @Test
    void prefetchedMessagesAreHandedOverByPriorityThenInOrder() throws JMSException {
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(queue);
        String[] texts = {"low-1", "high-1", "low-2", "high-2"};
        int[] priorities = {1, 9, 1, 9};
        for (int i = 0; i < texts.length; i++) {
            producer.send(session.createTextMessage(texts[i]), DeliveryMode.PERSISTENT, priorities[i], 0);
        }
        MessageConsumer consumer = session.createConsumer(queue);
        // all four are sent before the consumer exists, so its first acquire holds them all; stopped, it hands none over yet
        await().atMost(Duration.ofSeconds(10)).until(() -> ((PartitaMessageConsumer) consumer).prefetched() == 4);
        connection.start();
        assertThat(receive(consumer, 4)).containsExactly("high-1", "high-2", "low-1", "low-2");
    }

    @Test
    void aReceiveBlockedInAnotherThreadReturnsNullWhenItsConsumerCloses() throws Exception {
        connection.start();
        Session session = connection.createSession();
        MessageConsumer consumer = session.createConsumer(queue);
        java.util.concurrent.CompletableFuture<Message> blocked = new java.util.concurrent.CompletableFuture<>();
        Thread receiver = new Thread(() -> {
            try {
                blocked.complete(consumer.receive());
            } catch (JMSException | RuntimeException e) {
                blocked.completeExceptionally(e);
            }
        }, "blocked-receiver");
        receiver.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.getState() == Thread.State.WAITING);
        consumer.close();
        assertThat(blocked.get(10, TimeUnit.SECONDS)).isNull();
        receiver.join(10_000);
    }

    @Test
    void aMessageOfAClosedSessionCannotBeAcknowledged() throws JMSException {
        send("late");
        connection.start();
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Message message = session.createConsumer(queue).receive(10_000);
        assertThat(message).isNotNull();
        session.close();
        assertThatThrownBy(message::acknowledge).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anInvalidSelectorFailsAtCreation() throws JMSException {
        Session session = connection.createSession();
        assertThatThrownBy(() -> session.createConsumer(queue, "color = ")).isInstanceOf(InvalidSelectorException.class);
    }

    @Test
    void aClosedConsumerRefusesReceive() throws JMSException {
        Session session = connection.createSession();
        MessageConsumer consumer = session.createConsumer(queue);
        consumer.close();
        consumer.close(); // idempotent
        assertThatThrownBy(consumer::receiveNoWait).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> consumer.setMessageListener(m -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMessageSentAfterAnotherConnectionsConsumerClosedGoesToTheNextConsumerAtOnce() throws JMSException {
        send("first");
        try (Connection other = new PartitaConnectionFactory(broker.url()).createConnection()) {
            other.start();
            assertThat(text(other.createSession().createConsumer(queue).receive(10_000))).isEqualTo("first");
        } // closes while its consumer's next long poll waits on the broker
        send("second");
        connection.start();
        MessageConsumer next = connection.createSession().createConsumer(queue);
        // Far below the closed connection's 30 s lease: a poll nobody can answer must not take the message.
        assertThat(text(next.receive(10_000))).isEqualTo("second");
    }
}
