package dev.partita.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.provider.message.PartitaMessage;
import dev.partita.tck.SuiteBroker.Stored;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 3.4: message header fields, as the sender sees them after {@code send} and as the broker stored them. */
@DisplayName("3.4 Message header fields")
class Chapter3_MessageHeadersIT extends TckTest {

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
    @DisplayName("3.4.1 JMSDestination is set by send, to the destination sent to (queue and topic)")
    void destinationIsSetBySend() throws Exception {
        Queue queue = queue("h-dest");
        Topic topic = topic("h-dest");
        Message toQueue = session.createMessage();
        Message toTopic = session.createMessage();
        toQueue.setJMSDestination(topic); // a value set by the client is ignored (3.4.11)
        MessageProducer unidentified = session.createProducer(null);
        unidentified.send(queue, toQueue);
        unidentified.send(topic, toTopic);
        assertThat(toQueue.getJMSDestination()).isEqualTo(queue);
        assertThat(toTopic.getJMSDestination()).isEqualTo(topic);
        assertThat(only(queue).getJMSDestination()).isEqualTo(queue);
        assertThat(only(topic).getJMSDestination()).isEqualTo(topic);
    }

    @Test
    @DisplayName("3.4.2 JMSDeliveryMode is set by send: PERSISTENT by default, else the producer's or the send's mode")
    void deliveryModeIsSetBySend() throws Exception {
        Queue queue = queue("h-mode");
        MessageProducer producer = session.createProducer(queue);
        Message byDefault = session.createMessage();
        byDefault.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT); // ignored: send sets it
        producer.send(byDefault);
        Message perSend = session.createMessage();
        producer.send(perSend, DeliveryMode.NON_PERSISTENT, 4, 0);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        Message producerDefault = session.createMessage();
        producer.send(producerDefault);
        assertThat(byDefault.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(perSend.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(producerDefault.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(stored(queue, 3)).extracting(s -> s.message().getJMSDeliveryMode())
                .containsExactly(DeliveryMode.PERSISTENT, DeliveryMode.NON_PERSISTENT, DeliveryMode.NON_PERSISTENT);
    }

    @Test
    @DisplayName("3.4.3 JMSMessageID is assigned by send, starts with ID: and is unique; the stored message keeps it")
    void messageIdStartsWithIdAndIsUnique() throws Exception {
        Queue queue = queue("h-id");
        MessageProducer producer = session.createProducer(queue);
        MessageProducer other = connection.createSession().createProducer(queue);
        Set<String> ids = new HashSet<>();
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Message message = session.createMessage();
            message.setJMSMessageID("ID:set-by-the-client"); // ignored: send assigns one
            (i % 2 == 0 ? producer : other).send(message);
            assertThat(message.getJMSMessageID()).startsWith("ID:").isNotEqualTo("ID:set-by-the-client");
            ids.add(message.getJMSMessageID());
            sent.add(message);
        }
        assertThat(ids).hasSize(10);
        Set<String> storedIds = new HashSet<>();
        for (Stored s : stored(queue, 10)) {
            storedIds.add(s.message().getJMSMessageID());
        }
        assertThat(storedIds).isEqualTo(ids);
    }

    @Test
    @DisplayName("3.4.3 with disableMessageID the provider may leave JMSMessageID null; then it is null on the stored message too")
    void disabledMessageIdIsNullOrAnId() throws Exception {
        Queue queue = queue("h-noid");
        MessageProducer producer = session.createProducer(queue);
        producer.setDisableMessageID(true);
        assertThat(producer.getDisableMessageID()).isTrue();
        Message message = session.createMessage();
        producer.send(message);
        String id = message.getJMSMessageID();
        if (id != null) {
            assertThat(id).startsWith("ID:");
        }
        assertThat(only(queue).getJMSMessageID()).isEqualTo(id);
    }

    @Test
    @DisplayName("3.4.4 JMSTimestamp is the time send was called; 0 when the producer disables timestamps")
    void timestampIsTheSendTime() throws Exception {
        Queue queue = queue("h-ts");
        MessageProducer producer = session.createProducer(queue);
        Message timed = session.createMessage();
        long before = System.currentTimeMillis();
        producer.send(timed);
        long after = System.currentTimeMillis();
        producer.setDisableMessageTimestamp(true);
        assertThat(producer.getDisableMessageTimestamp()).isTrue();
        Message untimed = session.createMessage();
        producer.send(untimed);
        assertThat(timed.getJMSTimestamp()).isBetween(before, after);
        assertThat(untimed.getJMSTimestamp()).isZero();
        assertThat(stored(queue, 2)).extracting(s -> s.message().getJMSTimestamp()).containsExactly(timed.getJMSTimestamp(), 0L);
    }

    @Test
    @DisplayName("3.4.5 JMSCorrelationID is kept as set: a string, or bytes")
    void correlationIdAsStringOrBytes() throws Exception {
        Queue queue = queue("h-corr");
        MessageProducer producer = session.createProducer(queue);
        Message asString = session.createMessage();
        asString.setJMSCorrelationID("order-42");
        Message asBytes = session.createMessage();
        asBytes.setJMSCorrelationIDAsBytes(new byte[] {1, 2, 3});
        assertThat(asBytes.getJMSCorrelationIDAsBytes()).containsExactly(1, 2, 3);
        producer.send(asString);
        producer.send(asBytes);
        List<Stored> stored = stored(queue, 2);
        assertThat(stored.get(0).message().getJMSCorrelationID()).isEqualTo("order-42");
        assertThat(stored.get(1).message().getJMSCorrelationIDAsBytes()).containsExactly(1, 2, 3);
    }

    @Test
    @DisplayName("3.4.6 JMSReplyTo is kept as set by the client (a queue or a topic)")
    void replyToIsKept() throws Exception {
        Queue queue = queue("h-reply");
        Queue replies = queue("h-replies");
        Topic notices = topic("h-notices");
        MessageProducer producer = session.createProducer(queue);
        Message first = session.createMessage();
        first.setJMSReplyTo(replies);
        Message second = session.createMessage();
        second.setJMSReplyTo(notices);
        producer.send(first);
        producer.send(second);
        assertThat(stored(queue, 2)).extracting(s -> s.message().getJMSReplyTo()).containsExactly(replies, notices);
    }

    @Test
    @DisplayName("3.4.8 JMSType is kept as set by the client")
    void typeIsKept() throws Exception {
        Queue queue = queue("h-type");
        Message message = session.createMessage();
        message.setJMSType("invoice.v2");
        session.createProducer(queue).send(message);
        assertThat(only(queue).getJMSType()).isEqualTo("invoice.v2");
    }

    @Test
    @DisplayName("3.4.9 JMSExpiration is the send time plus the time to live, 0 for a time to live of 0")
    void expirationIsTimestampPlusTimeToLive() throws Exception {
        Queue queue = queue("h-exp");
        MessageProducer producer = session.createProducer(queue);
        Message forever = session.createMessage();
        forever.setJMSExpiration(12345L); // ignored: send sets it
        producer.send(forever);
        producer.setTimeToLive(60_000);
        Message producerTtl = session.createMessage();
        producer.send(producerTtl);
        Message perSend = session.createMessage();
        producer.send(perSend, DeliveryMode.PERSISTENT, 4, 120_000);
        assertThat(forever.getJMSExpiration()).isZero();
        assertThat(producerTtl.getJMSExpiration()).isEqualTo(producerTtl.getJMSTimestamp() + 60_000);
        assertThat(perSend.getJMSExpiration()).isEqualTo(perSend.getJMSTimestamp() + 120_000);
        assertThat(stored(queue, 3)).extracting(s -> s.message().getJMSExpiration())
                .containsExactly(0L, producerTtl.getJMSExpiration(), perSend.getJMSExpiration());
    }

    @Test
    @DisplayName("3.4.10 JMSPriority is 4 by default, else the producer's or the send's, 0..9")
    void priorityIsSetBySend() throws Exception {
        Queue queue = queue("h-prio");
        MessageProducer producer = session.createProducer(queue);
        Message byDefault = session.createMessage();
        byDefault.setJMSPriority(9); // ignored: send sets it
        producer.send(byDefault);
        producer.setPriority(0);
        producer.send(session.createMessage());
        producer.send(session.createMessage(), DeliveryMode.PERSISTENT, 9, 0);
        assertThat(byDefault.getJMSPriority()).isEqualTo(4);
        assertThat(stored(queue, 3)).extracting(s -> s.message().getJMSPriority()).containsExactly(4, 0, 9);
    }

    @Test
    @DisplayName("3.4.11 the header fields send sets are set on the message object the client passed")
    void sendSetsTheHeadersOnTheClientsObject() throws Exception {
        Queue queue = queue("h-obj");
        Message message = session.createTextMessage("x");
        long before = System.currentTimeMillis();
        session.createProducer(queue).send(message, DeliveryMode.NON_PERSISTENT, 7, 30_000);
        assertThat(message.getJMSDestination()).isEqualTo(queue);
        assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(message.getJMSPriority()).isEqualTo(7);
        assertThat(message.getJMSTimestamp()).isGreaterThanOrEqualTo(before);
        assertThat(message.getJMSExpiration()).isEqualTo(message.getJMSTimestamp() + 30_000);
        assertThat(message.getJMSMessageID()).startsWith("ID:");
        PartitaMessage stored = only(queue);
        assertThat(stored.getJMSMessageID()).isEqualTo(message.getJMSMessageID());
        assertThat(stored.getJMSTimestamp()).isEqualTo(message.getJMSTimestamp());
    }

    @Test
    @DisplayName("3.4.13 JMSDeliveryTime is the send time plus the delivery delay (0: the send time)")
    void deliveryTimeIsTheSendTimeWithoutDelay() throws Exception {
        Queue queue = queue("h-dt");
        MessageProducer producer = session.createProducer(queue);
        assertThat(producer.getDeliveryDelay()).isZero();
        Message message = session.createMessage();
        message.setJMSDeliveryTime(1L); // ignored: send sets it
        long before = System.currentTimeMillis();
        producer.send(message);
        long after = System.currentTimeMillis();
        assertThat(message.getJMSDeliveryTime()).isBetween(before, after);
        assertThat(only(queue).getJMSDeliveryTime()).isEqualTo(message.getJMSDeliveryTime());
    }

    private static PartitaMessage only(jakarta.jms.Destination destination) throws Exception {
        List<Stored> stored = stored(destination, 1);
        assertThat(stored).hasSize(1);
        return stored.get(0).message();
    }
}
