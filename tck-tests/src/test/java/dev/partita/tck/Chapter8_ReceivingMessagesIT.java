package dev.partita.tck;

import static dev.partita.tck.Receiving.ABSENT_MS;
import static dev.partita.tck.Receiving.EXPECTED_MS;
import static dev.partita.tck.Receiving.receive;
import static dev.partita.tck.Receiving.send;
import static dev.partita.tck.Receiving.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 8: receiving messages: synchronous receives, listeners, closing consumers, expiry. */
@DisplayName("8 Receiving messages")
class Chapter8_ReceivingMessagesIT extends TckTest {

    private Connection connection;
    private Queue queue;

    @BeforeEach
    void connect() throws Exception {
        connection = factory().createConnection();
        queue = queue("r");
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    @Test
    @DisplayName("8.2 receive, receive(timeout) and receiveNoWait return a session's messages in the order sent, then null")
    void synchronousReceives() throws Exception {
        send(connection, queue, "a", "b", "c");
        connection.start();
        Session session = connection.createSession();
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(text(consumer.receive())).isEqualTo("a");
        assertThat(text(consumer.receive(EXPECTED_MS))).isEqualTo("b");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Message next = consumer.receiveNoWait();
            if (next != null) {
                assertThat(text(next)).isEqualTo("c");
                return true;
            }
            return false;
        });
        assertThat(consumer.receive(ABSENT_MS)).isNull();
        assertThat(consumer.receiveNoWait()).isNull();
    }

    @Test
    @DisplayName("3.4 / 3.5 a received message carries the headers and properties it was sent with")
    void receivedHeadersAndProperties() throws Exception {
        Session session = connection.createSession();
        Queue replies = queue("r-replies");
        TextMessage sent = session.createTextMessage("body");
        sent.setJMSCorrelationID("corr");
        sent.setJMSType("kind");
        sent.setJMSReplyTo(replies);
        sent.setStringProperty("s", "v");
        sent.setIntProperty("i", 7);
        session.createProducer(queue).send(sent, DeliveryMode.PERSISTENT, 6, 60_000);
        connection.start();
        Message received = session.createConsumer(queue).receive(EXPECTED_MS);
        assertThat(received).isNotNull();
        assertThat(received.getJMSMessageID()).isEqualTo(sent.getJMSMessageID());
        assertThat(received.getJMSTimestamp()).isEqualTo(sent.getJMSTimestamp());
        assertThat(received.getJMSDestination()).isEqualTo(queue);
        assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(received.getJMSPriority()).isEqualTo(6);
        assertThat(received.getJMSExpiration()).isEqualTo(sent.getJMSExpiration());
        assertThat(received.getJMSCorrelationID()).isEqualTo("corr");
        assertThat(received.getJMSType()).isEqualTo("kind");
        assertThat(received.getJMSReplyTo()).isEqualTo(replies);
        assertThat(received.getJMSRedelivered()).isFalse();
        assertThat(received.getStringProperty("s")).isEqualTo("v");
        assertThat(received.getIntProperty("i")).isEqualTo(7);
        assertThat(received.getIntProperty("JMSXDeliveryCount")).as("3.5.11").isEqualTo(1);
        assertThat(text(received)).isEqualTo("body");
    }

    @Test
    @DisplayName("3.10 a received message's properties and body are read-only until cleared")
    void receivedMessagesAreReadOnly() throws Exception {
        send(connection, queue, "read-only");
        connection.start();
        TextMessage received = (TextMessage) connection.createSession().createConsumer(queue).receive(EXPECTED_MS);
        assertThat(received).isNotNull();
        assertThatThrownBy(() -> received.setText("x")).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> received.setStringProperty("p", "x")).isInstanceOf(MessageNotWriteableException.class);
        received.clearBody();
        received.setText("x");
        received.clearProperties();
        received.setStringProperty("p", "x");
        assertThat(received.getText()).isEqualTo("x");
    }

    @Test
    @DisplayName("6.1.4 a stopped connection delivers nothing; start delivers")
    void stoppedConnectionDeliversNothing() throws Exception {
        send(connection, queue, "held");
        MessageConsumer consumer = connection.createSession().createConsumer(queue);
        assertThat(consumer.receive(ABSENT_MS)).isNull();
        connection.start();
        assertThat(text(consumer.receive(EXPECTED_MS))).isEqualTo("held");
    }

    @Test
    @DisplayName("8.7 / 6.2.13 a MessageListener gets every message, one at a time, in order; receive on its consumer is an IllegalStateException")
    void listenersRunSerially() throws Exception {
        send(connection, queue, "1", "2", "3", "4", "5");
        Session session = connection.createSession();
        MessageConsumer first = session.createConsumer(queue);
        List<String> got = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        first.setMessageListener(message -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                got.add(text(message));
            } catch (JMSException e) {
                throw new AssertionError(e);
            } finally {
                running.decrementAndGet();
            }
        });
        assertThat(first.getMessageListener()).isNotNull();
        assertThatThrownBy(() -> first.receive(10)).isInstanceOf(IllegalStateException.class);
        connection.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 5);
        assertThat(got).containsExactly("1", "2", "3", "4", "5");
        assertThat(mostAtOnce.get()).isEqualTo(1);
    }

    @Test
    @DisplayName("6.1.4 stop returns only once a running listener has returned")
    void stopWaitsForARunningListener() throws Exception {
        send(connection, queue, "slow");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        connection.createSession().createConsumer(queue).setMessageListener(message -> {
            entered.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        connection.start();
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            try {
                connection.stop();
            } catch (JMSException e) {
                throw new CompletionException(e);
            }
        });
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !stopped.isDone());
        release.countDown();
        stopped.get(10, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("8.7 a listener must not close its own session or connection (IllegalStateException)")
    void listenerRestrictions() throws Exception {
        send(connection, queue, "x");
        Session session = connection.createSession();
        List<Throwable> refused = new CopyOnWriteArrayList<>();
        session.createConsumer(queue).setMessageListener(message -> {
            for (JmsAction action : List.<JmsAction>of(session::close, connection::close, connection::stop)) {
                try {
                    action.run();
                    refused.add(new AssertionError("allowed"));
                } catch (JMSException | RuntimeException e) {
                    refused.add(e);
                }
            }
        });
        connection.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> refused.size() == 3);
        assertThat(refused).allSatisfy(e -> assertThat(e).isInstanceOf(IllegalStateException.class));
    }

    @FunctionalInterface
    private interface JmsAction {
        void run() throws JMSException;
    }

    @Test
    @DisplayName("8.8 close is idempotent; a closed consumer's receive and setMessageListener are IllegalStateException")
    void closedConsumer() throws Exception {
        MessageConsumer consumer = connection.createSession().createConsumer(queue);
        consumer.close();
        consumer.close();
        assertThatThrownBy(consumer::receiveNoWait).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(consumer::receive).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> consumer.setMessageListener(m -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("8.8 / 6.1.5 closing a consumer, or its connection, from another thread makes a blocked receive return null")
    void closeEndsABlockedReceive() throws Exception {
        connection.start();
        MessageConsumer consumer = connection.createSession().createConsumer(queue);
        assertThat(blockedReceiveAfter(consumer, consumer::close)).isNull();
        Connection other = factory().createConnection();
        other.start();
        MessageConsumer onOther = other.createSession().createConsumer(queue);
        assertThat(blockedReceiveAfter(onOther, other::close)).isNull();
    }

    /** Runs {@code receive()} on a thread of its own, then {@code closing} once that thread waits; what receive returned. */
    private static Message blockedReceiveAfter(MessageConsumer consumer, JmsAction closing) throws Exception {
        AtomicReference<Thread> receiver = new AtomicReference<>();
        CompletableFuture<Message> received = CompletableFuture.supplyAsync(() -> {
            receiver.set(Thread.currentThread());
            try {
                return consumer.receive();
            } catch (JMSException e) {
                throw new CompletionException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.get() != null
                && (receiver.get().getState() == Thread.State.WAITING || receiver.get().getState() == Thread.State.TIMED_WAITING));
        closing.run();
        return received.get(10, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("8.8 closing a consumer hands what it prefetched but did not deliver to other consumers")
    void closingAConsumerReleasesItsPrefetch() throws Exception {
        send(connection, queue, "p1", "p2", "p3");
        connection.start();
        Session first = connection.createSession();
        MessageConsumer greedy = first.createConsumer(queue);
        assertThat(text(greedy.receive(EXPECTED_MS))).isEqualTo("p1");
        greedy.close();
        MessageConsumer other = connection.createSession().createConsumer(queue);
        assertThat(receive(other, 2)).containsExactly("p2", "p3");
    }

    @Test
    @DisplayName("3.4.9 an expired message is not delivered")
    void expiredMessagesAreNotDelivered() throws Exception {
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(queue);
        Message expiring = session.createTextMessage("stale");
        producer.send(expiring, DeliveryMode.PERSISTENT, 4, 1);
        producer.send(session.createTextMessage("fresh"));
        await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() > expiring.getJMSExpiration());
        connection.start();
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(text(consumer.receive(EXPECTED_MS))).isEqualTo("fresh");
        assertThat(consumer.receive(ABSENT_MS)).isNull();
    }

    @Test
    @DisplayName("2.10 request/reply: the replier answers to JMSReplyTo with JMSCorrelationID set to the request's JMSMessageID")
    void requestReply() throws Exception {
        Queue replies = queue("r-reply");
        connection.start();
        Session requester = connection.createSession();
        Session replier = connection.createSession();
        MessageConsumer requests = replier.createConsumer(queue);
        MessageProducer answers = replier.createProducer(null);
        requests.setMessageListener(request -> {
            try {
                TextMessage reply = replier.createTextMessage("re: " + text(request));
                reply.setJMSCorrelationID(request.getJMSMessageID());
                answers.send(request.getJMSReplyTo(), reply);
            } catch (JMSException e) {
                throw new AssertionError(e);
            }
        });
        TextMessage request = requester.createTextMessage("ping");
        request.setJMSReplyTo(replies);
        requester.createProducer(queue).send(request);
        Message reply = requester.createConsumer(replies).receive(EXPECTED_MS);
        assertThat(text(reply)).isEqualTo("re: ping");
        assertThat(reply.getJMSCorrelationID()).isEqualTo(request.getJMSMessageID());
    }

    @Test
    @DisplayName("JMSConsumer: receiveBody returns the body; a JMSContext starts its connection when a consumer is created")
    void jmsConsumerReceiveBody() throws Exception {
        try (JMSContext context = factory().createContext()) {
            context.createProducer().send(queue, "first").send(queue, "second");
            JMSConsumer consumer = context.createConsumer(queue);
            assertThat(consumer.receiveBody(String.class, EXPECTED_MS)).isEqualTo("first");
            Message second = consumer.receive(EXPECTED_MS);
            assertThat(second.getBody(String.class)).isEqualTo("second");
            assertThat(consumer.receiveNoWait()).isNull();
        }
    }
}
