package dev.partita.tck;

import static dev.partita.tck.Receiving.ABSENT_MS;
import static dev.partita.tck.Receiving.receive;
import static dev.partita.tck.Receiving.send;
import static dev.partita.tck.Receiving.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ServerSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Chapter 11: application server facilities: a session's distinguished listener and
 * {@code Session.run}, {@code ServerSession}s from a {@code ServerSessionPool} (here one as an
 * application server builds it: sessions run on a thread pool), and connection consumers on
 * queues, durable and shared subscriptions. XA is a limit (transactions).
 */
@DisplayName("11 Application server facilities")
class Chapter11_ApplicationServerFacilitiesIT extends TckTest {

    private Connection connection;
    private final List<ThreadPoolSessions> pools = new ArrayList<>();

    @BeforeEach
    void connect() throws Exception {
        connection = factory().createConnection();
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
        pools.forEach(ThreadPoolSessions::shutdown);
    }

    private ThreadPoolSessions pool(Connection on, int sessions, int ackMode, MessageListener listener) throws JMSException {
        ThreadPoolSessions pool = new ThreadPoolSessions(on, sessions, ackMode, listener);
        pools.add(pool);
        return pool;
    }

    private static String[] texts(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toArray(String[]::new);
    }

    private static String textOf(Message message) {
        try {
            return text(message);
        } catch (JMSException e) {
            throw new java.lang.IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("11.2.1 a session's distinguished listener: set, read back, cleared; while set the session receives no other way but still sends")
    void distinguishedListener() throws Exception {
        Queue queue = queue("asf-listener");
        Session session = connection.createSession();
        assertThat(session.getMessageListener()).isNull();
        MessageListener listener = message -> { };
        session.setMessageListener(listener);
        assertThat(session.getMessageListener()).isSameAs(listener);
        assertThatThrownBy(() -> session.createConsumer(queue)).isInstanceOf(IllegalStateException.class);
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("sent from a session with a distinguished listener"));
        session.run(); // nothing was loaded into it: returns at once
        session.setMessageListener(null);
        assertThat(session.getMessageListener()).isNull();
        connection.start();
        assertThat(receive(session.createConsumer(queue), 1)).containsExactly("sent from a session with a distinguished listener");
    }

    @Test
    @DisplayName("11.2.4-11.2.6 a connection consumer loads up to maxMessages messages into server sessions from its pool; Session.run gives each to the listener once")
    void connectionConsumerOnAQueue() throws Exception {
        Queue queue = queue("asf-queue");
        String[] sent = texts("m", 60);
        send(connection, queue, sent);
        Collection<String> received = new ConcurrentLinkedQueue<>();
        ThreadPoolSessions pool = pool(connection, 3, Session.AUTO_ACKNOWLEDGE, message -> received.add(textOf(message)));
        ConnectionConsumer consumer = connection.createConnectionConsumer(queue, null, pool, 4);
        assertThat(consumer.getServerSessionPool()).isSameAs(pool);
        connection.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= sent.length);
        consumer.close();
        assertThat(received).containsExactlyInAnyOrder(sent);
        assertThat(pool.runs()).as("several messages per run").isLessThan(sent.length);
        MessageConsumer after = connection.createSession().createConsumer(queue);
        assertThat(after.receive(ABSENT_MS)).as("all acknowledged (AUTO_ACKNOWLEDGE)").isNull();
    }

    @Test
    @DisplayName("11.2.4 a connection consumer's message selector; what it does not select stays for others")
    void connectionConsumerWithASelector() throws Exception {
        Queue queue = queue("asf-selector");
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 10; i++) {
            String parity = i % 2 == 0 ? "even" : "odd";
            TextMessage message = session.createTextMessage(parity + i);
            message.setStringProperty("parity", parity);
            producer.send(message);
        }
        Collection<String> received = new ConcurrentLinkedQueue<>();
        ThreadPoolSessions pool = pool(connection, 2, Session.AUTO_ACKNOWLEDGE, message -> received.add(textOf(message)));
        ConnectionConsumer consumer = connection.createConnectionConsumer(queue, "parity = 'even'", pool, 2);
        connection.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 5);
        consumer.close();
        assertThat(received).containsExactlyInAnyOrder("even0", "even2", "even4", "even6", "even8");
        assertThat(receive(session.createConsumer(queue), 5)).containsExactlyInAnyOrder("odd1", "odd3", "odd5", "odd7", "odd9");
    }

    @Test
    @DisplayName("11.2.4 durable and shared connection consumers use the subscriptions of chapter 4; a durable one needs a client ID")
    void durableAndSharedConnectionConsumers() throws Exception {
        Topic topic = topic("asf-topic");
        assertThatThrownBy(() -> connection.createDurableConnectionConsumer(topic, "d", null,
                pool(connection, 1, Session.AUTO_ACKNOWLEDGE, m -> { }), 1)).isInstanceOf(IllegalStateException.class);
        try (Connection withId = factory("clientID=" + unique("asf")).createConnection()) {
            Collection<String> durable = new ConcurrentLinkedQueue<>();
            Collection<String> shared = new ConcurrentLinkedQueue<>();
            ConnectionConsumer durableConsumer = withId.createDurableConnectionConsumer(topic, "d", null,
                    pool(withId, 2, Session.AUTO_ACKNOWLEDGE, m -> durable.add(textOf(m))), 3);
            ConnectionConsumer sharedOne = withId.createSharedConnectionConsumer(topic, "s", null,
                    pool(withId, 1, Session.AUTO_ACKNOWLEDGE, m -> shared.add(textOf(m))), 3);
            ConnectionConsumer sharedTwo = withId.createSharedDurableConnectionConsumer(topic, "sd", null,
                    pool(withId, 1, Session.AUTO_ACKNOWLEDGE, m -> shared.add(textOf(m))), 3);
            withId.start();
            String[] sent = texts("t", 10);
            send(withId, topic, sent);
            await().atMost(Duration.ofSeconds(30)).until(() -> durable.size() >= sent.length && shared.size() >= 2 * sent.length);
            assertThat(durable).containsExactlyInAnyOrder(sent);
            List<String> twice = new ArrayList<>(List.of(sent));
            twice.addAll(List.of(sent));
            assertThat(shared).containsExactlyInAnyOrderElementsOf(twice);
            durableConsumer.close();
            sharedOne.close();
            sharedTwo.close();

            send(withId, topic, "while-inactive");
            Session session = withId.createSession();
            MessageConsumer again = session.createDurableConsumer(topic, "d");
            assertThat(receive(again, 1)).containsExactly("while-inactive");
            again.close();
            session.unsubscribe("d");
        }
    }

    @Test
    @DisplayName("11.2.4 / 6.1.5 nothing reaches server sessions while the connection is stopped; closing a connection consumer loses nothing")
    void stopAndClose() throws Exception {
        Queue queue = queue("asf-stop");
        Collection<String> received = new ConcurrentLinkedQueue<>();
        ThreadPoolSessions pool = pool(connection, 2, Session.CLIENT_ACKNOWLEDGE, message -> {
            received.add(textOf(message));
            try {
                message.acknowledge(); // the server session's acknowledgement mode applies
            } catch (JMSException e) {
                throw new java.lang.IllegalStateException(e);
            }
        });
        ConnectionConsumer consumer = connection.createConnectionConsumer(queue, null, pool, 2);
        send(connection, queue, texts("s", 5));
        await().during(Duration.ofMillis(ABSENT_MS * 2)).atMost(Duration.ofSeconds(5)).until(received::isEmpty);
        connection.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 5);
        assertThat(received).containsExactlyInAnyOrder(texts("s", 5));

        connection.stop();
        send(connection, queue, texts("x", 5));
        consumer.close(); // whatever it prefetched goes back
        connection.start();
        MessageConsumer other = connection.createSession().createConsumer(queue);
        assertThat(receive(other, 5)).containsExactlyInAnyOrder(texts("x", 5));
        assertThat(received).hasSize(5);
        assertThat(other.receive(ABSENT_MS)).isNull();
    }

    /**
     * A server session pool as an application server implements one (11.2.7): a fixed set of
     * sessions with the listener as their distinguished listener; {@code start} runs the session on
     * a thread pool and returns it to the pool when {@code run} returns; {@code getServerSession}
     * blocks while all are busy.
     */
    private static final class ThreadPoolSessions implements ServerSessionPool {
        private final BlockingQueue<ServerSession> idle = new LinkedBlockingQueue<>();
        private final ExecutorService threads;
        private final AtomicInteger runs = new AtomicInteger();

        ThreadPoolSessions(Connection connection, int size, int ackMode, MessageListener listener) throws JMSException {
            threads = Executors.newFixedThreadPool(size);
            for (int i = 0; i < size; i++) {
                Session session = connection.createSession(ackMode);
                session.setMessageListener(listener);
                idle.add(new ServerSession() {
                    @Override
                    public Session getSession() {
                        return session;
                    }

                    @Override
                    public void start() {
                        ServerSession self = this;
                        threads.execute(() -> {
                            try {
                                session.run();
                            } finally {
                                runs.incrementAndGet();
                                idle.add(self);
                            }
                        });
                    }
                });
            }
        }

        @Override
        public ServerSession getServerSession() throws JMSException {
            try {
                return idle.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JMSException("interrupted while waiting for a server session");
            }
        }

        int runs() {
            return runs.get();
        }

        void shutdown() {
            threads.shutdown();
            try {
                threads.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
