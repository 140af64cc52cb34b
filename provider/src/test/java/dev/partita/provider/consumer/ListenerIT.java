package dev.partita.provider.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.testing.TestBroker;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** MessageListener rules (spec 8.7, 6.1.5, 6.2.15): what a listener may call, what waits for it, redelivery after it throws. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListenerIT {

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
        queue = new PartitaQueue("l-" + test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    private void send(String... texts) throws JMSException {
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(queue);
        for (String text : texts) {
            producer.send(session.createTextMessage(text));
        }
        session.close();
    }

    private static String text(Message message) {
        try {
            return ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aListenerMayNotCloseOrStopItsSessionOrConnectionButMayCloseItsConsumer() throws Exception {
        send("m");
        Session session = connection.createSession();
        MessageConsumer consumer = session.createConsumer(queue);
        List<Throwable> refused = new CopyOnWriteArrayList<>();
        AtomicBoolean consumerClosed = new AtomicBoolean();
        consumer.setMessageListener(message -> {
            for (ThrowingRunnable call : List.<ThrowingRunnable>of(session::close, connection::close, connection::stop)) {
                try {
                    call.run();
                } catch (Exception e) {
                    refused.add(e);
                }
            }
            try {
                consumer.close();
                consumerClosed.set(true);
            } catch (JMSException e) {
                refused.add(e);
            }
        });
        connection.start();
        await().atMost(Duration.ofSeconds(10)).until(consumerClosed::get);
        assertThat(refused).hasSize(3).allMatch(e -> e instanceof IllegalStateException);
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aMessageWhoseListenerThrewComesAgainMarkedRedelivered() throws Exception {
        send("poison-once");
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        List<Boolean> redelivered = new CopyOnWriteArrayList<>();
        consumer.setMessageListener(message -> {
            try {
                redelivered.add(message.getJMSRedelivered());
            } catch (JMSException e) {
                throw new AssertionError(e);
            }
            if (redelivered.size() == 1) {
                throw new RuntimeException("first delivery fails (expected by the test)");
            }
        });
        connection.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> redelivered.size() >= 2);
        assertThat(redelivered).startsWith(false, true);
    }

    @Test
    void closeAndStopWaitForARunningListener() throws Exception {
        send("slow");
        Session session = connection.createSession();
        MessageConsumer consumer = session.createConsumer(queue);
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        consumer.setMessageListener(message -> {
            inListener.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.set(true);
        });
        connection.start();
        assertThat(inListener.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> stop = CompletableFuture.supplyAsync(() -> {
            try {
                connection.stop();
                return finished.get();
            } catch (JMSException e) {
                throw new AssertionError(e);
            }
        });
        CompletableFuture<Boolean> close = CompletableFuture.supplyAsync(() -> {
            try {
                consumer.close();
                return finished.get();
            } catch (JMSException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(stop).isNotDone();
        release.countDown();
        assertThat(stop.get(10, TimeUnit.SECONDS)).as("stop returned after onMessage").isTrue();
        assertThat(close.get(10, TimeUnit.SECONDS)).as("close returned after onMessage").isTrue();
    }

    @Test
    void listenersOfOneSessionShareItsThreadAndAStoppedConnectionHoldsThemBack() throws Exception {
        Session session = connection.createSession();
        Queue other = new PartitaQueue(queue.getQueueName() + "-other");
        List<String> got = new CopyOnWriteArrayList<>();
        session.createConsumer(queue).setMessageListener(m -> got.add("a:" + text(m) + "@" + Thread.currentThread().getName()));
        session.createConsumer(other).setMessageListener(m -> got.add("b:" + text(m) + "@" + Thread.currentThread().getName()));
        send("1");
        Session sender = connection.createSession();
        sender.createProducer(other).send(sender.createTextMessage("2"));
        sender.close();
        // held back while stopped: nothing arrives until start
        assertThat(got).isEmpty();
        connection.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 2);
        assertThat(got.stream().map(s -> s.substring(s.indexOf('@'))).distinct()).hasSize(1);
    }
}
