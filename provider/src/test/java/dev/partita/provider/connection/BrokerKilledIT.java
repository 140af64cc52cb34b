package dev.partita.provider.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.destination.PartitaTopic;
import dev.partita.provider.testing.BrokerProcess;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker dies the hard way ({@code kill -9} of its JVM: no graceful shutdown, connections
 * reset by the kernel) while an application call waits for it. To be sure the call is waiting
 * when the kill comes, the broker is first frozen ({@code kill -STOP}: it keeps its sockets and
 * answers nothing) and the call is seen blocked in the provider, then the broker is killed. Each
 * call must end within {@code reconnectTimeout + requestTimeout} (sends: {@code sendTimeout}) from
 * when it was made: a blocking call throws a {@code JMSException} and the connection's
 * {@code ExceptionListener} is told; {@code close} returns. Timeouts are small here (2 s) and the
 * assertions allow {@value #SLACK_MS} ms more for a loaded machine. Also: a broker back on the same
 * port within {@code reconnectTimeout} is used again by a blocked {@code receive}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrokerKilledIT {

    private static final long RECONNECT_TIMEOUT_MS = 2_000;
    private static final long REQUEST_TIMEOUT_MS = 2_000;
    private static final long SEND_TIMEOUT_MS = RECONNECT_TIMEOUT_MS + REQUEST_TIMEOUT_MS;
    private static final String OPTIONS = "reconnectTimeout=" + RECONNECT_TIMEOUT_MS + "&requestTimeout=" + REQUEST_TIMEOUT_MS
            + "&sendTimeout=" + SEND_TIMEOUT_MS;
    /** What a blocking call may take: the documented bound. */
    private static final long BOUND_MS = RECONNECT_TIMEOUT_MS + REQUEST_TIMEOUT_MS;
    /** Scheduling slack on a loaded 2-core machine. */
    private static final long SLACK_MS = 4_000;

    @TempDir
    Path dir;
    private BrokerProcess broker;
    private Connection connection;
    private final List<JMSException> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startBroker() throws Exception {
        broker = BrokerProcess.start(dir.resolve("data"));
        // a first connection with the default timeouts: a cold broker JVM may take longer than the
        // small reconnectTimeout of the tests to answer its first request
        new PartitaConnectionFactory(broker.url("")).createConnection().close();
    }

    @AfterEach
    void closeEverything() throws Exception {
        try {
            if (connection != null) {
                long start = System.nanoTime();
                connection.close();
                assertThat(millisSince(start)).as("close of a connection whose broker is gone returns in time")
                        .isLessThan(2 * BOUND_MS + SLACK_MS);
            }
        } finally {
            broker.close();
        }
    }

    private Connection connect(String options) throws JMSException {
        connection = new PartitaConnectionFactory(broker.url(options)).createConnection();
        connection.setExceptionListener(heard::add);
        return connection;
    }

    // ---------------------------------------------------------------- receive

    @Test
    void aBlockedReceiveThrowsWithinReconnectTimeoutWhenTheBrokerIsKilled() throws Exception {
        Session session = connect(OPTIONS).createSession();
        MessageConsumer consumer = session.createConsumer(new PartitaQueue("killed-receive"));
        connection.start();
        Call receive = Call.start(consumer::receive);
        receive.awaitBlockedIn("SessionDelivery", "take");

        broker.kill();

        assertThat(receive.failure(BOUND_MS + SLACK_MS)).isInstanceOf(JMSException.class)
                .hasMessageContaining("no broker delivered messages of queue://killed-receive");
        assertThat(receive.tookMs()).isLessThan(BOUND_MS + SLACK_MS);
        await().atMost(Duration.ofSeconds(10)).until(() -> !heard.isEmpty());
    }

    // ---------------------------------------------------------------- send

    @Test
    void aPersistentSendWaitingForTheBrokerThrowsWithinSendTimeoutWhenTheBrokerIsKilled() throws Exception {
        Session session = connect(OPTIONS).createSession();
        MessageProducer producer = session.createProducer(new PartitaQueue("killed-send"));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        producer.send(session.createTextMessage("stored")); // the destination's leaders are known now
        broker.freeze();
        Call send = Call.start(() -> {
            producer.send(session.createTextMessage("never stored"));
            return null;
        });
        send.awaitBlockedIn("MessageSender", "awaitAcknowledgement");

        broker.kill();

        assertThat(send.failure(SEND_TIMEOUT_MS + SLACK_MS)).isInstanceOf(JMSException.class)
                .hasMessageContaining("send to queue://killed-send");
        assertThat(send.tookMs()).isLessThan(SEND_TIMEOUT_MS + SLACK_MS);
        await().atMost(Duration.ofSeconds(10)).until(() -> !heard.isEmpty());
    }

    // ---------------------------------------------------------------- acknowledge

    @Test
    void aClientAcknowledgeWaitingForTheBrokerThrowsWhenTheBrokerIsKilled() throws Exception {
        connect(OPTIONS);
        PartitaQueue queue = new PartitaQueue("killed-client-ack");
        send(queue, "one");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        Message received = consumer.receive(10_000);
        assertThat(received).isNotNull();
        broker.freeze();
        Call acknowledge = Call.start(() -> {
            received.acknowledge();
            return null;
        });
        acknowledge.awaitBlockedIn("SessionDelivery", "acknowledgeAll");

        broker.kill();

        assertThat(acknowledge.failure(BOUND_MS + SLACK_MS)).isInstanceOf(JMSException.class)
                .hasMessageContaining("acknowledge");
        assertThat(acknowledge.tookMs()).isLessThan(BOUND_MS + SLACK_MS);
        await().atMost(Duration.ofSeconds(10)).until(() -> !heard.isEmpty());
    }

    @Test
    void anAutoAcknowledgeWaitingForTheBrokerAfterAListenerReturnedIsReportedWhenTheBrokerIsKilled() throws Exception {
        connect(OPTIONS);
        PartitaQueue queue = new PartitaQueue("killed-auto-ack");
        send(queue, "one");
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch mayReturn = new CountDownLatch(1);
        List<Thread> listenerThread = new CopyOnWriteArrayList<>();
        consumer.setMessageListener(message -> {
            listenerThread.add(Thread.currentThread());
            inListener.countDown();
            try {
                mayReturn.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        connection.start();
        assertThat(inListener.await(10, TimeUnit.SECONDS)).isTrue();
        broker.freeze();
        long acknowledging = System.nanoTime();
        mayReturn.countDown(); // the listener returns: AUTO_ACKNOWLEDGE now waits for the broker to confirm the ack
        Thread delivery = listenerThread.get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> blockedIn(delivery, "SessionDelivery", "afterDelivery"));

        broker.kill();

        // the consumer's prefetch fails too and is reported as well: look for the ack's report
        await().atMost(Duration.ofMillis(BOUND_MS + SLACK_MS))
                .until(() -> heard.stream().anyMatch(e -> String.valueOf(e.getMessage()).contains("acknowledge")));
        assertThat(millisSince(acknowledging)).isLessThan(BOUND_MS + SLACK_MS);
        await("the delivery thread is not stuck in the ack").atMost(Duration.ofSeconds(10))
                .until(() -> !blockedIn(delivery, "SessionDelivery", "afterDelivery"));
    }

    // ---------------------------------------------------------------- close

    @Test
    void closingAConsumerAndASessionWaitingForTheBrokerReturnsWhenTheBrokerIsKilled() throws Exception {
        connect(OPTIONS);
        PartitaTopic topic = new PartitaTopic("killed-close");
        Session consumerSession = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer topicConsumer = consumerSession.createConsumer(topic); // its close tells the broker (UNSUBSCRIBE)
        Session deliveredSession = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer other = deliveredSession.createConsumer(topic);
        connection.start();
        send(topic, "one");
        assertThat(other.receive(10_000)).isNotNull(); // delivered, not acknowledged: the session's close releases it
        broker.freeze();
        Call closeConsumer = Call.start(() -> {
            topicConsumer.close();
            return null;
        });
        Call closeSession = Call.start(() -> {
            deliveredSession.close();
            return null;
        });
        closeConsumer.awaitBlockedIn("PartitaMessageConsumer", "close");
        closeSession.awaitBlockedIn("SessionDelivery", "close");

        broker.kill();

        assertThat(closeConsumer.failure(BOUND_MS + SLACK_MS)).as("MessageConsumer.close returns").isNull();
        assertThat(closeConsumer.tookMs()).isLessThan(BOUND_MS + SLACK_MS);
        assertThat(closeSession.failure(BOUND_MS + SLACK_MS)).as("Session.close returns").isNull();
        assertThat(closeSession.tookMs()).isLessThan(BOUND_MS + SLACK_MS);
    }

    @Test
    void closingAConnectionWaitingForTheBrokerReturnsWhenTheBrokerIsKilled() throws Exception {
        Connection closing = connect(OPTIONS);
        PartitaQueue queue = new PartitaQueue("killed-connection-close");
        send(queue, "one");
        Session session = closing.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        closing.start();
        assertThat(consumer.receive(10_000)).isNotNull(); // delivered, not acknowledged: released at close
        broker.freeze();
        Call close = Call.start(() -> {
            closing.close();
            return null;
        });
        close.awaitBlockedIn("PartitaConnection", "close");

        broker.kill();

        assertThat(close.failure(BOUND_MS + SLACK_MS)).as("Connection.close returns").isNull();
        assertThat(close.tookMs()).isLessThan(BOUND_MS + SLACK_MS);
        connection = null; // closed
    }

    // ---------------------------------------------------------------- the broker comes back

    @Test
    void aBlockedReceiveGetsTheNextMessageWhenTheBrokerComesBackWithinReconnectTimeout() throws Exception {
        connect("reconnectTimeout=30000&requestTimeout=2000&sendTimeout=30000");
        PartitaQueue queue = new PartitaQueue("killed-and-back");
        send(queue, "before");
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        assertThat(((TextMessage) consumer.receive(10_000)).getText()).isEqualTo("before");
        Call receive = Call.start(() -> consumer.receive(40_000));
        receive.awaitBlockedIn("SessionDelivery", "take");

        broker.kill();
        broker.restart(); // same port, same data
        send(queue, "after");

        Object got = receive.result(35_000);
        assertThat(got).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) got).getText()).isEqualTo("after");
        assertThat(heard).as("nothing failed, so the exception listener heard nothing").isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private void send(jakarta.jms.Destination to, String text) throws JMSException {
        try (Session session = connection.createSession()) {
            session.createProducer(to).send(session.createTextMessage(text));
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Whether {@code thread} waits (parked) inside {@code className.method}. */
    private static boolean blockedIn(Thread thread, String className, String method) {
        Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        return Arrays.stream(thread.getStackTrace())
                .anyMatch(f -> f.getClassName().endsWith("." + className) && f.getMethodName().equals(method));
    }

    /** An application call on a thread of its own, timed from its start. */
    private static final class Call {

        private final CompletableFuture<Object> outcome = new CompletableFuture<>();
        private final Thread thread;
        private final long startNanos = System.nanoTime();
        private volatile long endNanos;

        private Call(java.util.concurrent.Callable<?> body) {
            thread = new Thread(() -> {
                try {
                    Object value = body.call();
                    endNanos = System.nanoTime();
                    outcome.complete(value);
                } catch (Throwable t) {
                    endNanos = System.nanoTime();
                    outcome.completeExceptionally(t);
                }
            }, "application-call");
            thread.setDaemon(true);
        }

        static Call start(java.util.concurrent.Callable<?> body) {
            Call call = new Call(body);
            call.thread.start();
            return call;
        }

        void awaitBlockedIn(String className, String method) {
            await().atMost(Duration.ofSeconds(10)).until(() -> outcome.isDone() || blockedIn(thread, className, method));
            assertThat(outcome).as("the call must still wait for the broker").isNotDone();
        }

        /** The call's exception, or null when it returned; fails when it still runs after {@code waitMs}. */
        Throwable failure(long waitMs) throws InterruptedException {
            try {
                outcome.get(waitMs, TimeUnit.MILLISECONDS);
                return null;
            } catch (java.util.concurrent.ExecutionException e) {
                return e.getCause();
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the call still waits " + waitMs + " ms later:\n" + stack());
            }
        }

        Object result(long waitMs) throws Exception {
            try {
                return outcome.get(waitMs, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the call still waits " + waitMs + " ms later:\n" + stack());
            }
        }

        long tookMs() {
            return TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos);
        }

        private String stack() {
            StringBuilder out = new StringBuilder();
            Arrays.stream(thread.getStackTrace()).forEach(f -> out.append("  at ").append(f).append('\n'));
            return out.toString();
        }
    }
}
