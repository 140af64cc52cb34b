package dev.partita.tck;

import static dev.partita.tck.Receiving.receive;
import static dev.partita.tck.Receiving.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Queue browsers (spec 4.1 and the {@code QueueBrowser} javadoc): a look at a queue that consumes nothing. */
@DisplayName("4.1 QueueBrowser")
class Chapter4_QueueBrowserIT extends TckTest {

    private Connection connection;
    private Queue queue;

    @BeforeEach
    void connect() throws Exception {
        connection = factory().createConnection();
        queue = queue("browse");
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    @Test
    @DisplayName("4.1 a browser shows a queue's messages in order and consumes none of them")
    void aBrowserConsumesNothing() throws Exception {
        send(connection, queue, "b1", "b2", "b3");
        Session session = connection.createSession();
        QueueBrowser browser = session.createBrowser(queue);
        assertThat(browser.getQueue()).isEqualTo(queue);
        assertThat(browser.getMessageSelector()).isNull();
        assertThat(texts(browser.getEnumeration())).containsExactly("b1", "b2", "b3");
        assertThat(texts(session.createBrowser(queue).getEnumeration())).as("browsing twice").containsExactly("b1", "b2", "b3");
        browser.close();
        connection.start();
        assertThat(receive(session.createConsumer(queue), 3)).containsExactly("b1", "b2", "b3");
    }

    @Test
    @DisplayName("4.1 a browser with a selector shows only the matching messages")
    void aBrowserWithASelector() throws Exception {
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 4; i++) {
            Message message = session.createTextMessage("n" + i);
            message.setIntProperty("n", i);
            producer.send(message);
        }
        QueueBrowser browser = session.createBrowser(queue, "n >= 2");
        assertThat(browser.getMessageSelector()).isEqualTo("n >= 2");
        assertThat(texts(browser.getEnumeration())).containsExactly("n2", "n3");
    }

    @Test
    @DisplayName("4.1 a closed browser's methods throw IllegalStateException")
    void aClosedBrowser() throws Exception {
        QueueBrowser browser = connection.createSession().createBrowser(queue);
        browser.close();
        browser.close();
        assertThatThrownBy(browser::getEnumeration).isInstanceOf(IllegalStateException.class);
    }

    private static List<String> texts(Enumeration<?> messages) throws JMSException {
        List<String> texts = new ArrayList<>();
        while (messages.hasMoreElements()) {
            texts.add(Receiving.text((Message) messages.nextElement()));
        }
        return texts;
    }
}
