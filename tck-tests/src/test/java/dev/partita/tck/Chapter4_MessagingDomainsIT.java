package dev.partita.tck;

import static dev.partita.tck.Receiving.ABSENT_MS;
import static dev.partita.tck.Receiving.receive;
import static dev.partita.tck.Receiving.send;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.naming.InitialContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 4 (messaging domains) and 5 (administered objects): queues, topics, JNDI. */
@DisplayName("4 Messaging domains, 5 Administered objects")
class Chapter4_MessagingDomainsIT extends TckTest {

    private Connection connection;

    @BeforeEach
    void connect() throws Exception {
        connection = factory().createConnection();
        connection.start();
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    @Test
    @DisplayName("5.2 destinations configured in jndi.properties are looked up by name")
    void administeredDestinations() throws Exception {
        InitialContext jndi = jndi(Map.of());
        try {
            assertThat(((Queue) jndi.lookup("jms/Orders")).getQueueName()).isEqualTo("tck-orders");
            assertThat(((Topic) jndi.lookup("jms/Prices")).getTopicName()).isEqualTo("tck-prices");
        } finally {
            jndi.close();
        }
    }

    @Test
    @DisplayName("4.1 point-to-point: each message of a queue goes to one consumer only")
    void eachQueueMessageGoesToOneConsumer() throws Exception {
        Queue queue = queue("dom-q");
        String[] texts = new String[20];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = "m" + i;
        }
        send(connection, queue, texts);
        MessageConsumer first = connection.createSession().createConsumer(queue);
        MessageConsumer second = connection.createSession().createConsumer(queue);
        List<String> got = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (got.size() < texts.length && System.currentTimeMillis() < deadline) {
            for (MessageConsumer consumer : List.of(first, second)) {
                Message message = consumer.receive(100);
                if (message != null) {
                    got.add(Receiving.text(message));
                }
            }
        }
        assertThat(got).containsExactlyInAnyOrder(texts);
        assertThat(first.receive(ABSENT_MS)).isNull();
        assertThat(second.receive(ABSENT_MS)).isNull();
    }

    @Test
    @DisplayName("4.1 a queue keeps messages sent before any consumer existed")
    void aQueueKeepsMessagesForLaterConsumers() throws Exception {
        Queue queue = queue("dom-later");
        send(connection, queue, "early");
        QueueReceiver receiver = ((QueueSession) connection.createSession()).createReceiver(queue);
        assertThat(receiver.getQueue()).isEqualTo(queue);
        assertThat(receive(receiver, 1)).containsExactly("early");
    }

    @Test
    @DisplayName("4.2.1 pub/sub: every non-durable subscriber gets every message published after it was created, and none from before")
    void everySubscriberGetsEveryLaterMessage() throws Exception {
        Topic topic = topic("dom-t");
        send(connection, topic, "before");
        MessageConsumer first = connection.createSession().createConsumer(topic);
        TopicSubscriber second = ((TopicSession) connection.createSession(Session.AUTO_ACKNOWLEDGE)).createSubscriber(topic);
        assertThat(second.getTopic()).isEqualTo(topic);
        send(connection, topic, "after-1", "after-2");
        assertThat(receive(first, 2)).containsExactly("after-1", "after-2");
        assertThat(receive(second, 2)).containsExactly("after-1", "after-2");
        assertThat(first.receive(ABSENT_MS)).isNull();
    }

    @Test
    @DisplayName("4 a queue and a topic of the same name are different destinations")
    void queueAndTopicOfOneNameDiffer() throws Exception {
        String name = unique("dom-same");
        Session session = connection.createSession();
        Queue queue = session.createQueue(name);
        Topic topic = session.createTopic(name);
        MessageConsumer onTopic = session.createConsumer(topic);
        send(connection, queue, "to the queue");
        MessageConsumer onQueue = connection.createSession().createConsumer(queue);
        assertThat(receive(onQueue, 1)).containsExactly("to the queue");
        assertThat(onTopic.receive(ABSENT_MS)).isNull();
    }
}
