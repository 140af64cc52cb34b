package dev.partita.tck;

import static dev.partita.tck.Receiving.EXPECTED_MS;
import static dev.partita.tck.Receiving.send;
import static dev.partita.tck.Receiving.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Chapter 6.2.2: temporary destinations (and their use as {@code JMSReplyTo}, 2.10 and 3.4.6).
 * Their scope is the connection: any of its sessions may consume them, no other connection may,
 * they go when it closes or when deleted, and {@code delete} refuses while consumers use them
 * ({@code TemporaryQueue.delete}, {@code TemporaryTopic.delete}).
 */
@DisplayName("6.2.2 Temporary destinations")
class Chapter6_TemporaryDestinationsIT extends TckTest {

    private Connection connection;
    private Connection other;

    @BeforeEach
    void connect() throws Exception {
        connection = factory().createConnection();
        other = factory().createConnection();
        connection.start();
        other.start();
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
        other.close();
    }

    @Test
    @DisplayName("6.2.2 a temporary queue made by one session is consumed by another session of its connection")
    void scopeIsTheConnection() throws Exception {
        TemporaryQueue queue = connection.createSession().createTemporaryQueue();
        send(other, queue, "a", "b");
        MessageConsumer consumer = connection.createSession().createConsumer(queue);
        assertThat(text(consumer.receive(EXPECTED_MS))).isEqualTo("a");
        assertThat(text(consumer.receive(EXPECTED_MS))).isEqualTo("b");
    }

    @Test
    @DisplayName("6.2.2 each temporary destination is unique")
    void unique() throws Exception {
        Session session = connection.createSession();
        TemporaryQueue a = session.createTemporaryQueue();
        TemporaryQueue b = session.createTemporaryQueue();
        TemporaryTopic t = session.createTemporaryTopic();
        assertThat(a).isNotEqualTo(b);
        assertThat(a.getQueueName()).isNotEqualTo(b.getQueueName()).isNotEqualTo(t.getTopicName());
        send(other, a, "for a");
        assertThat(connection.createSession().createConsumer(b).receive(Receiving.ABSENT_MS)).isNull();
    }

    @Test
    @DisplayName("6.2.2 only the connection that created a temporary destination may consume from it")
    void onlyItsConnectionConsumes() throws Exception {
        TemporaryQueue queue = connection.createSession().createTemporaryQueue();
        TemporaryTopic topic = connection.createSession().createTemporaryTopic();
        Session session = other.createSession();
        assertThatThrownBy(() -> session.createConsumer(queue)).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createConsumer(topic)).isInstanceOf(InvalidDestinationException.class);
        send(other, queue, "anyone may send");
        assertThat(text(connection.createSession().createConsumer(queue).receive(EXPECTED_MS))).isEqualTo("anyone may send");
    }

    @Test
    @DisplayName("6.2.2 a temporary topic delivers to each of its subscribers what is published after it subscribed")
    void temporaryTopic() throws Exception {
        Session session = connection.createSession();
        TemporaryTopic topic = session.createTemporaryTopic();
        MessageConsumer a = session.createConsumer(topic);
        MessageConsumer b = connection.createSession().createConsumer(topic);
        send(other, topic, "news");
        assertThat(text(a.receive(EXPECTED_MS))).isEqualTo("news");
        assertThat(text(b.receive(EXPECTED_MS))).isEqualTo("news");
    }

    @Test
    @DisplayName("6.2.2 delete refuses while a consumer uses it; once deleted, sending to it is an InvalidDestinationException")
    void delete() throws Exception {
        Session session = connection.createSession();
        TemporaryQueue queue = session.createTemporaryQueue();
        MessageConsumer consumer = session.createConsumer(queue);
        assertThatThrownBy(queue::delete).isInstanceOf(JMSException.class);
        consumer.close();
        queue.delete();
        assertThatThrownBy(() -> send(other, queue, "late")).isInstanceOf(InvalidDestinationException.class);

        TemporaryTopic topic = session.createTemporaryTopic();
        MessageConsumer subscriber = session.createConsumer(topic);
        assertThatThrownBy(topic::delete).isInstanceOf(JMSException.class);
        subscriber.close();
        topic.delete();
        assertThatThrownBy(() -> send(other, topic, "late")).isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    @DisplayName("6.2.2 temporary destinations live as long as their connection")
    void deletedWithTheirConnection() throws Exception {
        Connection shortLived = factory().createConnection();
        TemporaryQueue queue = shortLived.createSession().createTemporaryQueue();
        MessageProducer producer = other.createSession().createProducer(queue);
        producer.send(other.createSession().createTextMessage("while it lives"));
        shortLived.close();
        assertThatThrownBy(() -> producer.send(other.createSession().createTextMessage("after")))
                .isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    @DisplayName("2.10, 3.4.6 request/reply: a temporary queue as JMSReplyTo reaches the replier and carries its reply")
    void requestReply() throws Exception {
        Queue service = queue("temporary-reply");
        Session requester = connection.createSession();
        TemporaryQueue replies = requester.createTemporaryQueue();
        TextMessage request = requester.createTextMessage("ping");
        request.setJMSReplyTo(replies);
        requester.createProducer(service).send(request);

        Session replier = other.createSession();
        Message received = replier.createConsumer(service).receive(EXPECTED_MS);
        assertThat(received.getJMSReplyTo()).isInstanceOf(TemporaryQueue.class).isEqualTo(replies);
        TextMessage reply = replier.createTextMessage("pong");
        reply.setJMSCorrelationID(received.getJMSMessageID());
        replier.createProducer(received.getJMSReplyTo()).send(reply);

        Message answer = requester.createConsumer(replies).receive(EXPECTED_MS);
        assertThat(text(answer)).isEqualTo("pong");
        assertThat(answer.getJMSCorrelationID()).isEqualTo(request.getJMSMessageID());
    }

    @Test
    @DisplayName("2 JMSContext creates temporary queues and topics; another context's connection cannot consume them")
    void simplifiedApi() throws Exception {
        try (JMSContext context = factory().createContext(); JMSContext another = factory().createContext()) {
            TemporaryQueue queue = context.createTemporaryQueue();
            TemporaryTopic topic = context.createTemporaryTopic();
            JMSConsumer consumer = context.createConsumer(queue);
            another.createProducer().send(queue, "body");
            assertThat(consumer.receiveBody(String.class, EXPECTED_MS)).isEqualTo("body");
            assertThatThrownBy(() -> another.createConsumer(topic)).isInstanceOf(InvalidDestinationRuntimeException.class);
        }
    }
}
