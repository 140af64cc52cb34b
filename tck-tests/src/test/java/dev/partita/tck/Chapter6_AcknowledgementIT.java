package dev.partita.tck;

import static dev.partita.tck.Receiving.ABSENT_MS;
import static dev.partita.tck.Receiving.EXPECTED_MS;
import static dev.partita.tck.Receiving.receive;
import static dev.partita.tck.Receiving.send;
import static dev.partita.tck.Receiving.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 6.2.10 and 3.6: message acknowledgement, recover and redelivery (3.4.7 JMSRedelivered, 3.5.11 JMSXDeliveryCount). */
@DisplayName("6.2.10 Message acknowledgment")
class Chapter6_AcknowledgementIT extends TckTest {

    private Connection connection;
    private Queue queue;

    @BeforeEach
    void connect() throws Exception {
        connection = factory().createConnection();
        queue = queue("ack");
        connection.start();
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    @Test
    @DisplayName("6.2.10 AUTO_ACKNOWLEDGE: a received message is acknowledged, so it never comes again")
    void autoAcknowledge() throws Exception {
        send(connection, queue, "a", "b");
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        assertThat(receive(session.createConsumer(queue), 2)).containsExactly("a", "b");
        session.close();
        assertThat(connection.createSession().createConsumer(queue).receive(ABSENT_MS)).isNull();
    }

    @Test
    @DisplayName("6.2.10 DUPS_OK_ACKNOWLEDGE: every message is delivered and eventually acknowledged")
    void dupsOkAcknowledge() throws Exception {
        send(connection, queue, "d1", "d2", "d3");
        Session session = connection.createSession(Session.DUPS_OK_ACKNOWLEDGE);
        assertThat(receive(session.createConsumer(queue), 3)).containsExactly("d1", "d2", "d3");
        session.close();
        assertThat(connection.createSession().createConsumer(queue).receive(ABSENT_MS)).isNull();
    }

    @Test
    @DisplayName("3.6 / 6.2.10 CLIENT_ACKNOWLEDGE: acknowledge() acknowledges every message the session delivered so far")
    void clientAcknowledgeAcknowledgesTheSession() throws Exception {
        send(connection, queue, "a", "b", "c");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        Message a = consumer.receive(EXPECTED_MS);
        assertThat(text(consumer.receive(EXPECTED_MS))).isEqualTo("b");
        a.acknowledge(); // a and b
        assertThat(text(consumer.receive(EXPECTED_MS))).isEqualTo("c");
        session.close(); // c was not acknowledged

        MessageConsumer again = connection.createSession().createConsumer(queue);
        Message c = again.receive(EXPECTED_MS);
        assertThat(text(c)).isEqualTo("c");
        assertThat(c.getJMSRedelivered()).as("3.4.7").isTrue();
        assertThat(again.receive(ABSENT_MS)).isNull();
    }

    @Test
    @DisplayName("6.2.11 recover: delivery restarts at the oldest unacknowledged message, marked redelivered (3.4.7, 3.5.11)")
    void recoverRedelivers() throws Exception {
        send(connection, queue, "a", "b", "c");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        Message a = consumer.receive(EXPECTED_MS);
        a.acknowledge();
        assertThat(text(consumer.receive(EXPECTED_MS))).isEqualTo("b");
        session.recover();
        Message b = consumer.receive(EXPECTED_MS);
        assertThat(text(b)).isEqualTo("b");
        assertThat(b.getJMSRedelivered()).isTrue();
        assertThat(b.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        Message c = consumer.receive(EXPECTED_MS);
        assertThat(text(c)).isEqualTo("c");
        assertThat(c.getJMSRedelivered()).as("never delivered before").isFalse();
        assertThat(c.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        c.acknowledge();
    }

    @Test
    @DisplayName("8.7 AUTO_ACKNOWLEDGE: a message whose listener threw comes again, marked redelivered")
    void aListenerThatThrowsGetsTheMessageAgain() throws Exception {
        send(connection, queue, "fragile");
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        List<Message> deliveries = new CopyOnWriteArrayList<>();
        session.createConsumer(queue).setMessageListener(message -> {
            deliveries.add(message);
            if (deliveries.size() == 1) {
                throw new RuntimeException("the application failed");
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() >= 2);
        assertThat(deliveries.get(0).getJMSRedelivered()).isFalse();
        assertThat(deliveries.get(1).getJMSRedelivered()).isTrue();
        assertThat(text(deliveries.get(1))).isEqualTo("fragile");
    }
    @Test
    @DisplayName("3.5.10 / 3.5.11 a message never acknowledged leaves its queue after the maximum delivery count (10) "
            + "for the dead-letter queue DLQ, readable there with its body, headers, properties and JMS_Partita_ properties")
    void anUnacknowledgedMessageEndsInTheDeadLetterQueue() throws Exception {
        Session sender = connection.createSession();
        TextMessage poison = sender.createTextMessage("poison");
        poison.setStringProperty("origin", "chapter6");
        poison.setJMSCorrelationID("dlq-corr");
        sender.createProducer(queue).send(poison);
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        int deliveries = 0;
        Message delivered;
        while ((delivered = consumer.receive(EXPECTED_MS)) != null) {
            deliveries++;
            assertThat(delivered.getIntProperty("JMSXDeliveryCount")).as("3.5.11").isEqualTo(deliveries);
            session.recover();
        }
        assertThat(deliveries).isEqualTo(10);

        // The suite's DLQ is shared by every test: select this queue's dead letters (3.8 on a provider property).
        Queue deadLetters = connection.createSession().createQueue("DLQ");
        MessageConsumer dead = connection.createSession().createConsumer(deadLetters,
                "JMS_Partita_OriginalDestination = 'queue://" + queue.getQueueName() + "'");
        Message moved = dead.receive(Duration.ofSeconds(15).toMillis());
        assertThat(text(moved)).isEqualTo("poison");
        assertThat(moved.getJMSMessageID()).isEqualTo(poison.getJMSMessageID());
        assertThat(moved.getJMSCorrelationID()).isEqualTo("dlq-corr");
        assertThat(moved.getStringProperty("origin")).isEqualTo("chapter6");
        assertThat(moved.getIntProperty("JMSXDeliveryCount")).as("a first delivery from the DLQ").isEqualTo(1);
        assertThat(moved.getIntProperty("JMS_Partita_DeadLetterDeliveryCount")).isEqualTo(10);
        assertThat(moved.getStringProperty("JMS_Partita_DeadLetterReason")).contains("10 times");
        assertThat(names(moved.getPropertyNames())).contains("JMS_Partita_DeadLetterSource");
    }
}
