package dev.partita.provider.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.testing.TestBroker;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** QueueBrowser (spec 8.9 and DESIGN.md): available and acquired, matching messages; browsing changes nothing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrowserIT {

    @TempDir
    static Path dir;
    static TestBroker broker;
    Connection connection;
    PartitaQueue queue;

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
        connection.start();
        queue = new PartitaQueue("b-" + test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    private void send(String... colors) throws JMSException {
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(queue);
        for (String color : colors) {
            TextMessage message = session.createTextMessage(color);
            message.setStringProperty("color", color);
            producer.send(message);
        }
        session.close();
    }

    private static List<String> texts(QueueBrowser browser) throws JMSException {
        List<String> texts = new ArrayList<>();
        Enumeration<?> messages = browser.getEnumeration();
        while (messages.hasMoreElements()) {
            texts.add(((TextMessage) messages.nextElement()).getText());
        }
        return texts;
    }

    @Test
    void browsingShowsTheMessagesAndChangesNothing() throws JMSException {
        send("red", "blue", "red");
        Session session = connection.createSession();
        QueueBrowser browser = session.createBrowser(queue);
        assertThat(browser.getQueue()).isEqualTo(queue);
        assertThat(texts(browser)).containsExactly("red", "blue", "red");
        assertThat(texts(browser)).as("a second enumeration sees the same").containsExactly("red", "blue", "red");
        assertThat(texts(session.createBrowser(queue, "color = 'red'"))).containsExactly("red", "red");

        MessageConsumer consumer = session.createConsumer(queue);
        List<String> received = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Message message = consumer.receive(10_000);
            assertThat(message).isNotNull();
            received.add(((TextMessage) message).getText());
        }
        assertThat(received).containsExactly("red", "blue", "red");
        assertThat(texts(browser)).as("acknowledged messages are gone").isEmpty();
    }

    @Test
    void acquiredButUnacknowledgedMessagesStayVisible() throws JMSException {
        send("held");
        Session client = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        assertThat(client.createConsumer(queue).receive(10_000)).isNotNull();
        assertThat(texts(connection.createSession().createBrowser(queue))).containsExactly("held");
    }

    @Test
    void browserErrors() throws JMSException {
        Session session = connection.createSession();
        assertThatThrownBy(() -> session.createBrowser(null)).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createBrowser(queue, "color =")).isInstanceOf(InvalidSelectorException.class);
        QueueBrowser browser = session.createBrowser(queue);
        browser.close();
        assertThatThrownBy(browser::getEnumeration).isInstanceOf(IllegalStateException.class);
    }
}
