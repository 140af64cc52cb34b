package dev.partita.provider.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.destination.PartitaTopic;
import dev.partita.provider.testing.TestBroker;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidSelectorException;
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
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection consumers and server sessions (application server facilities): a pool of sessions
 * run on a thread pool, as an application server's, gets every message exactly once, in the
 * session's acknowledgement mode, with selectors, durable and shared subscriptions, the
 * connection's start and stop, and a close that loses nothing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionConsumerIT {

    @TempDir
    static Path dir;
    static TestBroker broker;
    Connection connection;
    String name;
    final List<AutoCloseable> toClose = new ArrayList<>();

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
        name = "cc-" + test.getTestMethod().orElseThrow().getName();
        connection = new PartitaConnectionFactory(broker.url()).createConnection();
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private TestServerSessionPool pool(Connection on, int size, int ackMode, jakarta.jms.MessageListener listener)
            throws JMSException {
        TestServerSessionPool pool = new TestServerSessionPool(on, size, ackMode, listener);
        toClose.add(pool);
        return pool;
    }

    private List<String> send(Destination destination, int count, String prefix) throws JMSException {
        return send(destination, count, prefix, null);
    }

    private List<String> send(Destination destination, int count, String prefix, String colour) throws JMSException {
        try (Connection sending = new PartitaConnectionFactory(broker.url()).createConnection()) {
            Session session = sending.createSession();
            MessageProducer producer = session.createProducer(destination);
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                TextMessage message = session.createTextMessage(prefix + i);
                if (colour != null) {
                    message.setStringProperty("colour", colour);
                }
                producer.send(message);
                texts.add(prefix + i);
            }
            return texts;
        }
    }

    /**
     * What a plain consumer of another connection gets from {@code queue}: up to {@code expected}
     * messages (waiting up to 10 s for each), then whatever else comes within half a second.
     */
    private List<Message> drain(Queue queue, int expected) throws JMSException {
        try (Connection other = new PartitaConnectionFactory(broker.url()).createConnection()) {
            other.start();
            MessageConsumer consumer = other.createSession().createConsumer(queue);
            List<Message> got = new ArrayList<>();
            Message message;
            while (got.size() < expected && (message = consumer.receive(10_000)) != null) {
                got.add(message);
            }
            while ((message = consumer.receive(500)) != null) {
                got.add(message);
            }
            return got;
        }
    }

    private static String text(Message message) {
        try {
            return ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void autoAcknowledgeDeliversEveryMessageExactlyOnceAcrossServerSessions() throws Exception {
        Queue queue = new PartitaQueue(name);
        List<String> sent = send(queue, 120, "m-");
        Collection<String> received = new ConcurrentLinkedQueue<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        TestServerSessionPool pool = pool(connection, 3, Session.AUTO_ACKNOWLEDGE, message -> {
            threads.add(Thread.currentThread().getName() + "@" + System.identityHashCode(Thread.currentThread()));
            received.add(text(message));
        });
        ConnectionConsumer consumer = connection.createConnectionConsumer(queue, null, pool, 5);
        assertThat(consumer.getServerSessionPool()).isSameAs(pool);
        connection.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= sent.size());
        consumer.close();
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent); // none twice, none missing
        assertThat(threads).as("server sessions ran on several threads").hasSizeGreaterThan(1);
        assertThat(pool.mostMessagesInOneRun()).as("maxMessages 5 lets one run deliver several").isBetween(2, 5);
        assertThat(pool.runs()).isLessThan(sent.size());
        assertThat(drain(queue, 0)).as("all acknowledged").isEmpty();
    }

    @Test
    void clientAcknowledgeAcknowledgesWhatTheServerSessionDelivered() throws Exception {
        Queue queue = new PartitaQueue(name);
        List<String> sent = send(queue, 20, "c-");
        Collection<String> received = new ConcurrentLinkedQueue<>();
        TestServerSessionPool pool = pool(connection, 2, Session.CLIENT_ACKNOWLEDGE, message -> {
            received.add(text(message));
            try {
                message.acknowledge();
            } catch (JMSException e) {
                throw new java.lang.IllegalStateException(e);
            }
        });
        connection.createConnectionConsumer(queue, null, pool, 3);
        connection.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= sent.size());
        connection.close();
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(drain(queue, 0)).as("acknowledged by message.acknowledge() in the server sessions").isEmpty();
    }

    @Test
    void clientAcknowledgeMessagesNotAcknowledgedComeAgainRedelivered() throws Exception {
        Queue queue = new PartitaQueue(name);
        List<String> sent = send(queue, 10, "n-");
        Collection<String> received = new ConcurrentLinkedQueue<>();
        TestServerSessionPool pool = pool(connection, 2, Session.CLIENT_ACKNOWLEDGE, message -> received.add(text(message)));
        connection.createConnectionConsumer(queue, null, pool, 2);
        connection.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= sent.size());
        connection.close(); // the server sessions release what they delivered and nobody acknowledged
        List<Message> again = drain(queue, sent.size());
        assertThat(again).extracting(ConnectionConsumerIT::text).containsExactlyInAnyOrderElementsOf(sent);
        for (Message message : again) {
            assertThat(message.getJMSRedelivered()).isTrue();
            assertThat(message.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        }
    }

    @Test
    void aServerSessionListenerThatThrowsGetsTheMessageAgainRedelivered() throws Exception {
        Queue queue = new PartitaQueue(name);
        List<String> sent = send(queue, 10, "t-");
        Collection<String> received = new ConcurrentLinkedQueue<>();
        Collection<String> redelivered = new ConcurrentLinkedQueue<>();
        TestServerSessionPool pool = pool(connection, 2, Session.AUTO_ACKNOWLEDGE, message -> {
            String text = text(message);
            try {
                if (message.getJMSRedelivered()) {
                    redelivered.add(text + "@" + message.getIntProperty("JMSXDeliveryCount"));
                } else if (text.equals("t-3")) {
                    throw new IllegalArgumentException("the application cannot process " + text);
                }
            } catch (JMSException e) {
                throw new java.lang.IllegalStateException(e);
            }
            received.add(text);
        });
        connection.createConnectionConsumer(queue, null, pool, 3);
        connection.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= sent.size());
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(redelivered).containsExactly("t-3@2");
    }

    @Test
    void dupsOkAcknowledgeLosesNothing() throws Exception {
        Queue queue = new PartitaQueue(name);
        List<String> sent = send(queue, 150, "k-");
        Collection<String> received = new ConcurrentLinkedQueue<>();
        TestServerSessionPool pool = pool(connection, 2, Session.DUPS_OK_ACKNOWLEDGE, message -> received.add(text(message)));
        ConnectionConsumer consumer = connection.createConnectionConsumer(queue, null, pool, 10);
        connection.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= sent.size());
        assertThat(new HashSet<>(received)).containsExactlyInAnyOrderElementsOf(sent);
        Session browsing = connection.createSession();
        await("acknowledged, in batches: a browser no longer shows them").atMost(Duration.ofSeconds(10))
                .until(() -> !browsing.createBrowser(queue).getEnumeration().hasMoreElements());
        consumer.close();
    }

    @Test
    void aSelectorChoosesTheMessagesAndLeavesTheOthers() throws Exception {
        Queue queue = new PartitaQueue(name);
        List<String> red = send(queue, 10, "red-", "red");
        List<String> blue = send(queue, 10, "blue-", "blue");
        Collection<String> received = new ConcurrentLinkedQueue<>();
        TestServerSessionPool pool = pool(connection, 2, Session.AUTO_ACKNOWLEDGE, message -> received.add(text(message)));
        ConnectionConsumer consumer = connection.createConnectionConsumer(queue, "colour = 'red'", pool, 4);
        connection.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= red.size());
        consumer.close();
        assertThat(received).containsExactlyInAnyOrderElementsOf(red);
        assertThat(drain(queue, blue.size())).extracting(ConnectionConsumerIT::text).containsExactlyInAnyOrderElementsOf(blue);
    }

    @Test
    void aDurableConnectionConsumerKeepsItsSubscriptionWhileClosed() throws Exception {
        Topic topic = new PartitaTopic(name);
        assertThatThrownBy(() -> connection.createDurableConnectionConsumer(topic, "sub", null,
                pool(connection, 1, Session.AUTO_ACKNOWLEDGE, m -> { }), 1))
                .as("an unshared durable subscription needs a client ID").isInstanceOf(IllegalStateException.class);

        try (Connection withId = new PartitaConnectionFactory(broker.url("clientID=" + name)).createConnection()) {
            Collection<String> received = new ConcurrentLinkedQueue<>();
            TestServerSessionPool pool = pool(withId, 2, Session.AUTO_ACKNOWLEDGE, message -> received.add(text(message)));
            ConnectionConsumer consumer = withId.createDurableConnectionConsumer(topic, "sub", null, pool, 2);
            withId.start();
            List<String> first = send(topic, 10, "d-");
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= first.size());
            assertThat(received).containsExactlyInAnyOrderElementsOf(first);
            assertThatThrownBy(() -> withId.createSession().createDurableConsumer(topic, "sub"))
                    .as("the connection consumer is the subscription's active consumer").isInstanceOf(IllegalStateException.class);
            consumer.close();

            List<String> whileInactive = send(topic, 5, "i-");
            Session session = withId.createSession();
            MessageConsumer durable = session.createDurableConsumer(topic, "sub");
            List<String> later = new ArrayList<>();
            for (int i = 0; i < whileInactive.size(); i++) {
                Message message = durable.receive(10_000);
                assertThat(message).as("message %d sent while the subscription was inactive", i).isNotNull();
                later.add(text(message));
            }
            assertThat(later).containsExactlyInAnyOrderElementsOf(whileInactive);
            assertThat(durable.receive(500)).isNull();
            durable.close();
            session.unsubscribe("sub");
        }
    }

    @Test
    void sharedConnectionConsumersShareTheirSubscription() throws Exception {
        Topic topic = new PartitaTopic(name);
        Collection<String> received = new ConcurrentLinkedQueue<>();
        Set<Integer> pools = ConcurrentHashMap.newKeySet();
        TestServerSessionPool one = pool(connection, 2, Session.AUTO_ACKNOWLEDGE, message -> {
            pools.add(1);
            received.add(text(message));
        });
        TestServerSessionPool two = pool(connection, 2, Session.AUTO_ACKNOWLEDGE, message -> {
            pools.add(2);
            received.add(text(message));
        });
        connection.createSharedConnectionConsumer(topic, "shared", null, one, 2);
        connection.createSharedDurableConnectionConsumer(topic, "shared-durable", null, two, 2);
        connection.start();
        List<String> sent = send(topic, 20, "s-");

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2 * sent.size());
        List<String> expected = new ArrayList<>(sent);
        expected.addAll(sent); // once per subscription
        assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(pools).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void closingReleasesWhatWasLoadedOrPrefetchedAndNotDelivered() throws Exception {
        Queue queue = new PartitaQueue(name);
        List<String> sent = send(queue, 20, "r-");
        AtomicReference<ConnectionConsumer> self = new AtomicReference<>();
        Collection<String> received = new ConcurrentLinkedQueue<>();
        Collection<Exception> failures = new ConcurrentLinkedQueue<>();
        TestServerSessionPool pool = pool(connection, 1, Session.AUTO_ACKNOWLEDGE, message -> {
            received.add(text(message));
            try {
                self.get().close(); // as an application server undeploying: two more are loaded in this session, the rest prefetched
            } catch (JMSException e) {
                failures.add(e);
            }
        });
        self.set(connection.createConnectionConsumer(queue, null, pool, 3));
        connection.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty() && pool.idleSessions() == 1);
        assertThat(failures).isEmpty();
        assertThat(received).as("the messages loaded with the first were not run after the close").hasSize(1);

        Set<String> expected = new HashSet<>(sent);
        expected.removeAll(received);
        List<Message> rest = drain(queue, expected.size());
        assertThat(rest).extracting(ConnectionConsumerIT::text).containsExactlyInAnyOrderElementsOf(expected);
        for (Message message : rest) {
            assertThat(message.getJMSRedelivered()).as("never delivered: released unchanged").isFalse();
        }
        assertThatThrownBy(self.get()::getServerSessionPool).isInstanceOf(IllegalStateException.class);
        self.get().close(); // idempotent
    }

    @Test
    void closeWaitsForARunningListenerAndLosesNothing() throws Exception {
        Queue queue = new PartitaQueue(name);
        List<String> sent = send(queue, 20, "w-");
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        Collection<String> received = new ConcurrentLinkedQueue<>();
        TestServerSessionPool pool = pool(connection, 1, Session.AUTO_ACKNOWLEDGE, message -> {
            received.add(text(message));
            inListener.countDown();
            try {
                letGo.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ConnectionConsumer consumer = connection.createConnectionConsumer(queue, null, pool, 3);
        connection.start();
        assertThat(inListener.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            try {
                consumer.close();
            } catch (JMSException e) {
                throw new IllegalArgumentException(e);
            }
        });
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !closing.isDone());
        letGo.countDown();
        closing.get(30, TimeUnit.SECONDS);
        assertThat(received).as("the running one, and those loaded with it that ran before the close took them back")
                .hasSizeBetween(1, 3);

        Set<String> expected = new HashSet<>(sent);
        expected.removeAll(received);
        List<Message> rest = drain(queue, expected.size());
        assertThat(rest).extracting(ConnectionConsumerIT::text).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void nothingIsDeliveredWhileTheConnectionIsStopped() throws Exception {
        Queue queue = new PartitaQueue(name);
        Collection<String> received = new ConcurrentLinkedQueue<>();
        TestServerSessionPool pool = pool(connection, 2, Session.AUTO_ACKNOWLEDGE, message -> received.add(text(message)));
        connection.createConnectionConsumer(queue, null, pool, 2);
        List<String> first = send(queue, 5, "a-");
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(received::isEmpty);

        connection.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= first.size());
        connection.stop();
        List<String> second = send(queue, 5, "b-");
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() -> received.size() == first.size());

        connection.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= first.size() + second.size());
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(received).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void aSessionWithADistinguishedListenerReceivesNoOtherWay() throws Exception {
        Queue queue = new PartitaQueue(name);
        Session session = connection.createSession();
        assertThat(session.getMessageListener()).isNull();
        jakarta.jms.MessageListener listener = m -> { };
        session.setMessageListener(listener);
        assertThat(session.getMessageListener()).isSameAs(listener);
        assertThatThrownBy(() -> session.createConsumer(queue)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.createDurableConsumer(new PartitaTopic(name), "x"))
                .isInstanceOf(IllegalStateException.class);
        session.createProducer(queue).send(session.createTextMessage("sending is still allowed"));
        session.run(); // nothing loaded: returns at once

        session.setMessageListener(null);
        MessageConsumer consumer = session.createConsumer(queue);
        assertThatThrownBy(() -> session.setMessageListener(listener)).as("the session has a consumer")
                .isInstanceOf(IllegalStateException.class);
        consumer.close();
        session.setMessageListener(listener);
        session.close();
        assertThatThrownBy(session::getMessageListener).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.setMessageListener(null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void badArgumentsAreRefused() throws Exception {
        Queue queue = new PartitaQueue(name);
        TestServerSessionPool pool = pool(connection, 1, Session.AUTO_ACKNOWLEDGE, m -> { });
        assertThatThrownBy(() -> connection.createConnectionConsumer(queue, null, null, 1)).isInstanceOf(JMSException.class)
                .hasMessageContaining("ServerSessionPool");
        assertThatThrownBy(() -> connection.createConnectionConsumer(queue, null, pool, 0)).isInstanceOf(JMSException.class)
                .hasMessageContaining("maxMessages");
        assertThatThrownBy(() -> connection.createConnectionConsumer(queue, "colour = ", pool, 1))
                .isInstanceOf(InvalidSelectorException.class);
        assertThatThrownBy(() -> connection.createConnectionConsumer(null, null, pool, 1))
                .isInstanceOf(jakarta.jms.InvalidDestinationException.class);
        assertThatThrownBy(() -> connection.createSharedDurableConnectionConsumer(new PartitaTopic(name), "", null, pool, 1))
                .isInstanceOf(JMSException.class);
    }

    @Test
    void aServerSessionListenerMustNotCloseItsSessionOrStopItsConnection() throws Exception {
        Queue queue = new PartitaQueue(name);
        send(queue, 1, "x-");
        Collection<Class<?>> refusals = new ConcurrentLinkedQueue<>();
        TestServerSessionPool pool = pool(connection, 1, Session.AUTO_ACKNOWLEDGE, message -> {
            attempt(refusals, connection::stop);
            attempt(refusals, connection::close);
        });
        connection.createConnectionConsumer(queue, null, pool, 1);
        connection.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> refusals.size() >= 2);
        assertThat(refusals).containsOnly(IllegalStateException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.idleSessions() == 1); // its run returned
    }

    @FunctionalInterface
    private interface JmsCall {
        void run() throws JMSException;
    }

    private static void attempt(Collection<Class<?>> refusals, JmsCall call) {
        try {
            call.run();
            refusals.add(Void.class);
        } catch (JMSException e) {
            refusals.add(e.getClass());
        }
    }
}
