package dev.partita.tck;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;

/** Sending and receiving helpers of the receiving chapters' tests. Stateless. */
final class Receiving {

    /** How long a test waits for a message it expects. */
    static final long EXPECTED_MS = 10_000;
    /** How long a test waits to be reasonably sure no message comes. */
    static final long ABSENT_MS = 300;

    private Receiving() {
    }

    /** Sends {@code texts} in order from a session of their own, closed afterwards. */
    static void send(Connection connection, Destination to, String... texts) throws JMSException {
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(to);
        for (String text : texts) {
            producer.send(session.createTextMessage(text));
        }
        session.close();
    }

    static String text(Message message) throws JMSException {
        return message == null ? null : ((TextMessage) message).getText();
    }

    /** Receives {@code count} messages, failing if one does not come within {@link #EXPECTED_MS}. */
    static List<String> receive(MessageConsumer consumer, int count) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = consumer.receive(EXPECTED_MS);
            assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
            texts.add(text(message));
        }
        return texts;
    }
}
