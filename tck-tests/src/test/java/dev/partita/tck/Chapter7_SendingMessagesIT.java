package dev.partita.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.partita.tck.SuiteBroker.Stored;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 7: sending messages: producers, every send variant, synchronous and asynchronous sends. */
@DisplayName("7 Sending messages")
class Chapter7_SendingMessagesIT extends TckTest {

    private Connection connection;
    private Session session;

    @BeforeEach
    void connect() throws Exception {
        connection = factory().createConnection();
        session = connection.createSession();
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    @Test
    @DisplayName("7.1 a producer's defaults: PERSISTENT, priority 4, time to live 0, delivery delay 0, IDs and timestamps on")
    void producerDefaults() throws Exception {
        Queue queue = queue("p-defaults");
        MessageProducer producer = session.createProducer(queue);
        assertThat(producer.getDestination()).isEqualTo(queue);
        assertThat(producer.getDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(producer.getPriority()).isEqualTo(Message.DEFAULT_PRIORITY);
        assertThat(producer.getTimeToLive()).isEqualTo(Message.DEFAULT_TIME_TO_LIVE);
        assertThat(producer.getDeliveryDelay()).isEqualTo(Message.DEFAULT_DELIVERY_DELAY);
        assertThat(producer.getDisableMessageID()).isFalse();
        assertThat(producer.getDisableMessageTimestamp()).isFalse();
    }

    @Test
    @DisplayName("7.1 an invalid priority or delivery mode is refused, on the producer and per send")
    void invalidPriorityAndDeliveryMode() throws Exception {
        MessageProducer producer = session.createProducer(queue("p-invalid"));
        Message message = session.createMessage();
        assertThatThrownBy(() -> producer.setPriority(10)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> producer.setPriority(-1)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> producer.setDeliveryMode(99)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> producer.send(message, DeliveryMode.PERSISTENT, 10, 0)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> producer.send(message, 99, 4, 0)).isInstanceOf(JMSException.class);
        assertThat(message.getJMSMessageID()).as("nothing was sent").isNull();
    }

    @Test
    @DisplayName("7.2 every synchronous send variant of MessageProducer, QueueSender and TopicPublisher sends")
    void everySynchronousSendVariant() throws Exception {
        Queue queue = queue("p-variants");
        Topic topic = topic("p-variants");
        MessageProducer identified = session.createProducer(queue);
        MessageProducer unidentified = session.createProducer(null);
        identified.send(text("send(m)"));
        identified.send(text("send(m, mode, prio, ttl)"), DeliveryMode.NON_PERSISTENT, 5, 10_000);
        unidentified.send(queue, text("send(d, m)"));
        unidentified.send(queue, text("send(d, m, mode, prio, ttl)"), DeliveryMode.PERSISTENT, 6, 0);
        QueueSender sender = ((QueueSession) session).createSender(queue);
        sender.send(text("QueueSender.send(m)"));
        QueueSender anySender = ((QueueSession) session).createSender(null);
        anySender.send(queue, text("QueueSender.send(q, m)"));
        TopicPublisher publisher = ((TopicSession) session).createPublisher(topic);
        publisher.publish(text("publish(m)"));
        publisher.publish(text("publish(m, mode, prio, ttl)"), DeliveryMode.PERSISTENT, 7, 0);
        TopicPublisher anyPublisher = ((TopicSession) session).createPublisher(null);
        anyPublisher.publish(topic, text("publish(t, m)"));

        assertThat(texts(stored(queue, 6))).containsExactly("send(m)", "send(m, mode, prio, ttl)", "send(d, m)",
                "send(d, m, mode, prio, ttl)", "QueueSender.send(m)", "QueueSender.send(q, m)");
        List<Stored> onTopic = stored(topic, 3);
        assertThat(texts(onTopic)).containsExactly("publish(m)", "publish(m, mode, prio, ttl)", "publish(t, m)");
        assertThat(onTopic.get(1).message().getJMSPriority()).isEqualTo(7);
    }

    @Test
    @DisplayName("7.2 a synchronous PERSISTENT send returns once the broker stored the message")
    void aPersistentSendReturnsOnceStored() throws Exception {
        Queue queue = queue("p-stored");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 5; i++) {
            producer.send(text("m" + i));
            // read right after each send, without waiting for more than what is there
            assertThat(stored(queue, i + 1)).hasSize(i + 1);
        }
    }

    @Test
    @DisplayName("7.1 a producer with a destination refuses sends naming one (UnsupportedOperationException)")
    void anIdentifiedProducerRefusesADestinationPerSend() throws Exception {
        Queue queue = queue("p-ident");
        MessageProducer producer = session.createProducer(queue);
        Message message = session.createMessage();
        assertThatThrownBy(() -> producer.send(queue, message)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> producer.send(queue, message, DeliveryMode.PERSISTENT, 4, 0))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("7.1 an unidentified producer needs a destination per send; a null one is an InvalidDestinationException")
    void anUnidentifiedProducerNeedsADestination() throws Exception {
        MessageProducer producer = session.createProducer(null);
        assertThat(producer.getDestination()).isNull();
        Message message = session.createMessage();
        assertThatThrownBy(() -> producer.send(message)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> producer.send(null, message)).isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    @DisplayName("7.1 sending a null message is a MessageFormatException")
    void aNullMessageIsRefused() throws Exception {
        MessageProducer producer = session.createProducer(queue("p-null"));
        assertThatThrownBy(() -> producer.send((Message) null)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    @DisplayName("7.1 close is idempotent; a closed producer's methods throw IllegalStateException")
    void closedProducer() throws Exception {
        MessageProducer producer = session.createProducer(queue("p-closed"));
        producer.close();
        producer.close();
        assertThatThrownBy(() -> producer.send(session.createMessage())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(producer::getDeliveryMode).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> producer.setPriority(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("7.3 every asynchronous send variant calls onCompletion with the message once it is stored")
    void asynchronousSendsComplete() throws Exception {
        Queue queue = queue("p-async");
        MessageProducer identified = session.createProducer(queue);
        MessageProducer unidentified = session.createProducer(null);
        List<Message> completed = Collections.synchronizedList(new ArrayList<>());
        List<Exception> failed = Collections.synchronizedList(new ArrayList<>());
        CompletionListener listener = listener(completed, failed);
        List<Message> sent = List.of(text("a1"), text("a2"), text("a3"), text("a4"));
        identified.send(sent.get(0), listener);
        identified.send(sent.get(1), DeliveryMode.NON_PERSISTENT, 4, 0, listener);
        unidentified.send(queue, sent.get(2), listener);
        unidentified.send(queue, sent.get(3), DeliveryMode.PERSISTENT, 4, 0, listener);
        await().atMost(Duration.ofSeconds(20)).until(() -> completed.size() == 4);
        assertThat(failed).isEmpty();
        assertThat(completed).as("7.3.3: in the order sent, the very objects").containsExactlyElementsOf(sent);
        // 6.2.9: order holds within a delivery mode only, and a2 is NON_PERSISTENT
        assertThat(texts(stored(queue, 4))).containsExactlyInAnyOrder("a1", "a2", "a3", "a4");
    }

    @Test
    @DisplayName("7.3.3 completion listeners of one session are called in the order of the sends")
    void completionOrder() throws Exception {
        Topic topic = topic("p-order");
        MessageProducer producer = session.createProducer(topic);
        List<Message> completed = Collections.synchronizedList(new ArrayList<>());
        List<Exception> failed = Collections.synchronizedList(new ArrayList<>());
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            TextMessage message = text("m" + i);
            sent.add(message);
            producer.send(message, listener(completed, failed));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> completed.size() == 50);
        assertThat(failed).isEmpty();
        assertThat(completed).containsExactlyElementsOf(sent);
    }

    @Test
    @DisplayName("7.3.4 closing a session waits until every CompletionListener of its sends was called")
    void closeWaitsForIncompleteSends() throws Exception {
        MessageProducer producer = session.createProducer(queue("p-close"));
        List<Message> completed = Collections.synchronizedList(new ArrayList<>());
        List<Exception> failed = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 20; i++) {
            producer.send(text("m" + i), listener(completed, failed));
        }
        session.close();
        assertThat(completed).hasSize(20);
        assertThat(failed).isEmpty();
    }

    @Test
    @DisplayName("7.3.5 a CompletionListener must not close its own producer, session or connection (IllegalStateException)")
    void aListenerMustNotCloseItsOwnObjects() throws Exception {
        MessageProducer producer = session.createProducer(queue("p-restrict"));
        Map<String, Throwable> outcomes = new ConcurrentHashMap<>();
        producer.send(text("x"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                attempt(outcomes, "producer", producer::close);
                attempt(outcomes, "session", session::close);
                attempt(outcomes, "connection", connection::close);
            }

            @Override
            public void onException(Message message, Exception exception) {
                outcomes.put("send", exception);
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.size() == 3);
        assertThat(outcomes).doesNotContainKey("send");
        assertThat(outcomes.values()).allSatisfy(e -> assertThat(e).isInstanceOf(IllegalStateException.class));
    }

    @Test
    @DisplayName("7.3 a null CompletionListener is an IllegalArgumentException")
    void aNullListenerIsRefused() throws Exception {
        MessageProducer producer = session.createProducer(queue("p-nolistener"));
        assertThatThrownBy(() -> producer.send(session.createMessage(), (CompletionListener) null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("7.5 time to live per producer and per send sets JMSExpiration; 0 means never")
    void timeToLive() throws Exception {
        Queue queue = queue("p-ttl");
        MessageProducer producer = session.createProducer(queue);
        producer.setTimeToLive(5_000);
        assertThat(producer.getTimeToLive()).isEqualTo(5_000);
        Message message = text("ttl");
        producer.send(message);
        producer.send(text("never"), DeliveryMode.PERSISTENT, 4, 0);
        List<Stored> stored = stored(queue, 2);
        assertThat(stored.get(0).message().getJMSExpiration()).isEqualTo(message.getJMSTimestamp() + 5_000);
        assertThat(stored.get(1).message().getJMSExpiration()).isZero();
    }

    @Test
    @DisplayName("3.12 a message of another JMS implementation is sent as it is, and send sets its header fields")
    void foreignMessagesAreSent() throws Exception {
        Queue queue = queue("p-foreign");
        ForeignMessage foreign = new ForeignMessage("from elsewhere");
        foreign.properties.put("origin", "other-provider");
        session.createProducer(queue).send(foreign.asTextMessage());
        TextMessage stored = (TextMessage) stored(queue, 1).get(0).message();
        assertThat(stored.getText()).isEqualTo("from elsewhere");
        assertThat(stored.getStringProperty("origin")).isEqualTo("other-provider");
        assertThat(foreign.headers.get("JMSMessageID")).isEqualTo(stored.getJMSMessageID());
        assertThat(foreign.headers.get("JMSDestination")).isEqualTo(queue);
    }

    private TextMessage text(String body) throws JMSException {
        return session.createTextMessage(body);
    }

    private static List<String> texts(List<Stored> stored) {
        return stored.stream().map(s -> {
            try {
                return ((TextMessage) s.message()).getText();
            } catch (JMSException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    private static CompletionListener listener(List<Message> completed, List<Exception> failed) {
        return new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                completed.add(message);
            }

            @Override
            public void onException(Message message, Exception exception) {
                failed.add(exception);
            }
        };
    }

    private static void attempt(Map<String, Throwable> outcomes, String what, JmsAction action) {
        try {
            action.run();
            outcomes.put(what, new AssertionError(what + ".close() was allowed"));
        } catch (JMSException | RuntimeException e) {
            outcomes.put(what, e);
        }
    }

    @FunctionalInterface
    private interface JmsAction {
        void run() throws JMSException;
    }
}
