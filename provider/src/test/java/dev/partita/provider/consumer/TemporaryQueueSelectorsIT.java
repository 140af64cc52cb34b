package dev.partita.provider.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.testing.TestBroker;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Selectors on temporary queues against a real broker: as on any queue, what one consumer's
 * selector rejects stays for the other consumers of the queue, and a selective consumer of one
 * temporary queue takes nothing from the other temporary destinations sharing its internal topic.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TemporaryQueueSelectorsIT {

    private static final long WAIT_MS = 10_000;
    /** How long a receive waits for a message that must not come. */
    private static final long NONE_MS = 500;

    @TempDir
    static Path dir;
    static TestBroker broker;
    Connection owner;

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
        owner = new PartitaConnectionFactory(broker.url()).createConnection();
        owner.start();
    }

    @AfterEach
    void close() throws JMSException {
        owner.close();
    }

    private void send(Destination to, String... colors) throws JMSException {
        try (Session session = owner.createSession()) {
            MessageProducer producer = session.createProducer(to);
            for (String color : colors) {
                TextMessage message = session.createTextMessage(color);
                message.setStringProperty("color", color);
                producer.send(message);
            }
        }
    }

    /** Receives until a receive waits {@code NONE_MS} in vain (the first receive waits up to {@code WAIT_MS}). */
    private static List<String> receiveAll(MessageConsumer consumer) throws JMSException {
        List<String> got = new ArrayList<>();
        Message message = consumer.receive(WAIT_MS);
        while (message != null) {
            got.add(((TextMessage) message).getText());
            message = consumer.receive(NONE_MS);
        }
        return got;
    }

    @Test
    void whatOneConsumersSelectorRejectsStaysForTheOtherConsumers() throws JMSException {
        Session session = owner.createSession();
        TemporaryQueue queue = session.createTemporaryQueue();
        send(queue, "red", "blue", "red", "green");

        MessageConsumer reds = session.createConsumer(queue, "color = 'red'");
        assertThat(receiveAll(reds)).containsExactly("red", "red");
        // the selective consumer looked at blue and green (and stays open): they are still the queue's
        MessageConsumer any = owner.createSession().createConsumer(queue);
        assertThat(receiveAll(any)).containsExactly("blue", "green");

        send(queue, "green", "red");
        assertThat(reds.receive(WAIT_MS)).extracting(m -> text(m)).isEqualTo("red");
        assertThat(any.receive(WAIT_MS)).extracting(m -> text(m)).isEqualTo("green");
    }

    @Test
    void aSelectiveConsumerOfOneTemporaryQueueTakesNothingFromAnother() throws JMSException {
        Session session = owner.createSession();
        // one connection's temporary destinations share an internal topic (the one its id hashes to)
        TemporaryQueue first = session.createTemporaryQueue();
        TemporaryQueue second = session.createTemporaryQueue();
        send(first, "red", "blue");
        send(second, "red", "green");

        MessageConsumer reds = session.createConsumer(first, "color = 'red'");
        assertThat(receiveAll(reds)).containsExactly("red");
        assertThat(receiveAll(owner.createSession().createConsumer(second))).containsExactly("red", "green");
        assertThat(receiveAll(owner.createSession().createConsumer(first))).containsExactly("blue");
    }

    private static String text(Message message) {
        try {
            return message == null ? null : ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
