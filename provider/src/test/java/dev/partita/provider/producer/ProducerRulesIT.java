package dev.partita.provider.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.testing.TestBroker;
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
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The producer rules of spec chapter 7: validation, unidentified producers, closed objects, CompletionListener restrictions. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProducerRulesIT {

    @TempDir
    static Path dir;
    static TestBroker broker;
    Connection connection;
    Session session;
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
    void connect() throws JMSException {
        connection = new PartitaConnectionFactory(broker.url()).createConnection();
        session = connection.createSession();
        queue = session.createQueue("rules");
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    @Test
    void defaultsAreThoseOfTheSpec() throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        assertThat(producer.getDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(producer.getPriority()).isEqualTo(4);
        assertThat(producer.getTimeToLive()).isZero();
        assertThat(producer.getDeliveryDelay()).isZero();
        assertThat(producer.getDisableMessageID()).isFalse();
        assertThat(producer.getDisableMessageTimestamp()).isFalse();
        assertThat(producer.getDestination()).isEqualTo(queue);
        assertThat(((QueueSender) producer).getQueue()).isEqualTo(queue);
        assertThat(((TopicPublisher) producer).getTopic()).isNull();
    }

    @Test
    void priorityDeliveryModeAndDelayAreValidated() throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        Message message = session.createMessage();
        assertThatThrownBy(() -> producer.setPriority(10)).isInstanceOf(JMSException.class).hasMessageContaining("0..9");
        assertThatThrownBy(() -> producer.setPriority(-1)).isInstanceOf(JMSException.class).hasMessageContaining("0..9");
        assertThatThrownBy(() -> producer.setDeliveryMode(3)).isInstanceOf(JMSException.class).hasMessageContaining("delivery mode");
        assertThatThrownBy(() -> producer.send(message, DeliveryMode.PERSISTENT, 10, 0)).hasMessageContaining("0..9");
        assertThatThrownBy(() -> producer.send(message, 0, 4, 0)).hasMessageContaining("delivery mode");
        assertThatThrownBy(() -> producer.setDeliveryDelay(1_000)).isInstanceOf(JMSException.class)
                .hasMessageContaining("delivery delay is not supported yet");
        assertThatThrownBy(() -> producer.setDeliveryDelay(-1)).isInstanceOf(JMSException.class).hasMessageContaining("negative");
        producer.setDeliveryDelay(0);
        assertThat(producer.getPriority()).isEqualTo(4);
        assertThat(producer.getDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(message.getJMSMessageID()).as("nothing was sent").isNull();
    }

    @Test
    void aProducerWithADestinationRefusesSendsNamingOne() throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        Message message = session.createMessage();
        Topic other = session.createTopic("other");
        assertThatThrownBy(() -> producer.send(other, message)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> producer.send(queue, message)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((QueueSender) producer).send(queue, message, DeliveryMode.PERSISTENT, 4, 0))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> producer.send(null, message)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> producer.send((Message) null)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void anUnidentifiedProducerNeedsADestinationPerSend() throws JMSException {
        MessageProducer producer = session.createProducer(null);
        Message message = session.createMessage();
        assertThat(producer.getDestination()).isNull();
        assertThatThrownBy(() -> producer.send(message)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> producer.send(message, DeliveryMode.PERSISTENT, 4, 0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((TopicPublisher) producer).publish(message)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> producer.send(null, message)).isInstanceOf(InvalidDestinationException.class);
        Destination foreign = new Destination() {
        };
        assertThatThrownBy(() -> producer.send(foreign, message)).isInstanceOf(InvalidDestinationException.class);
        producer.send(queue, message);
        assertThat(message.getJMSDestination()).isEqualTo(queue);
    }

    private interface Destination extends jakarta.jms.Destination {
    }

    @Test
    void aClosedProducerOrSessionRefusesEveryCall() throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        Message message = session.createMessage();
        producer.close();
        producer.close(); // idempotent
        assertThatThrownBy(() -> producer.send(message)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(producer::getPriority).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> producer.setTimeToLive(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(producer::getDestination).isInstanceOf(IllegalStateException.class);

        MessageProducer another = session.createProducer(queue);
        session.close();
        assertThatThrownBy(() -> another.send(message)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(another::getDeliveryMode).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCompletionListenerMustNotCloseOrCommitItsOwnObjects() throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        Map<String, Throwable> refused = new ConcurrentHashMap<>();
        producer.send(session.createTextMessage("x"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                attempt(refused, "producer.close", producer::close);
                attempt(refused, "session.close", session::close);
                attempt(refused, "session.commit", session::commit);
                attempt(refused, "session.rollback", session::rollback);
                attempt(refused, "connection.close", connection::close);
            }

            @Override
            public void onException(Message message, Exception exception) {
                refused.put("send", exception);
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> refused.size() == 5);
        assertThat(refused).doesNotContainKey("send");
        assertThat(refused.values()).allSatisfy(e -> assertThat(e).isInstanceOf(IllegalStateException.class));
        assertThat(refused.get("session.close")).hasMessageContaining("CompletionListener");
        assertThat(refused.get("connection.close")).hasMessageContaining("CompletionListener");
        // the objects are still usable afterwards
        producer.send(session.createTextMessage("y"));
        assertThatThrownBy(() -> producer.send(session.createMessage(), (CompletionListener) null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void attempt(Map<String, Throwable> refused, String what, JmsAction action) {
        try {
            action.run();
            refused.put(what, new AssertionError(what + " was allowed"));
        } catch (JMSException | RuntimeException e) {
            refused.put(what, e);
        }
    }

    @FunctionalInterface
    private interface JmsAction {
        void run() throws JMSException;
    }

    @Test
    void aCompletionListenerMaySendSynchronously() throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        Map<String, Throwable> outcome = new ConcurrentHashMap<>();
        producer.send(session.createTextMessage("first"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    producer.send(session.createTextMessage("from the listener"));
                    outcome.put("sent", new AssertionError("no failure"));
                } catch (JMSException | RuntimeException e) {
                    outcome.put("failed", e);
                }
            }

            @Override
            public void onException(Message message, Exception exception) {
                outcome.put("failed", exception);
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> !outcome.isEmpty());
        assertThat(outcome).containsOnlyKeys("sent");
    }

    @Test
    void closingASessionWaitsForItsAsynchronousSends() throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        Map<Integer, Boolean> done = new ConcurrentHashMap<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            producer.send(session.createTextMessage("m" + i), new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    done.put(n, true);
                }

                @Override
                public void onException(Message message, Exception exception) {
                    done.put(n, false);
                }
            });
        }
        session.close();
        assertThat(done).hasSize(20).doesNotContainValue(false);
    }
}
