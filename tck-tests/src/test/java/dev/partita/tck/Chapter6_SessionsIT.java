package dev.partita.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.tck.SuiteBroker.Stored;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 6.2: sessions (what does not need receiving). */
@DisplayName("6.2 Sessions")
class Chapter6_SessionsIT extends TckTest {

    private Connection connection;

    @BeforeEach
    void connect() throws Exception {
        connection = factory().createConnection();
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    @Test
    @DisplayName("6.2 the three acknowledgement modes are accepted; createSession() is AUTO_ACKNOWLEDGE and not transacted")
    void acknowledgementModes() throws JMSException {
        assertThat(connection.createSession().getAcknowledgeMode()).isEqualTo(Session.AUTO_ACKNOWLEDGE);
        assertThat(connection.createSession().getTransacted()).isFalse();
        for (int mode : new int[] {Session.AUTO_ACKNOWLEDGE, Session.CLIENT_ACKNOWLEDGE, Session.DUPS_OK_ACKNOWLEDGE}) {
            assertThat(connection.createSession(mode).getAcknowledgeMode()).isEqualTo(mode);
            assertThat(connection.createSession(false, mode).getAcknowledgeMode()).isEqualTo(mode);
        }
    }

    @Test
    @DisplayName("6.2 an unknown session mode is a JMSException")
    void unknownSessionMode() {
        assertThatThrownBy(() -> connection.createSession(42)).isInstanceOf(JMSException.class);
    }

    @Test
    @DisplayName("6.2.6 commit and rollback of a session that is not transacted are an IllegalStateException")
    void commitAndRollbackNeedATransactedSession() throws JMSException {
        Session session = connection.createSession();
        assertThatThrownBy(session::commit).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::rollback).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("6.2.1 close is idempotent; a closed session's methods and producers throw IllegalStateException")
    void closedSession() throws Exception {
        Session session = connection.createSession();
        Queue queue = queue("s-closed");
        MessageProducer producer = session.createProducer(queue);
        Message message = session.createMessage();
        session.close();
        session.close();
        assertThatThrownBy(session::createMessage).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::createTextMessage).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.createProducer(queue)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.createQueue("q")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::getAcknowledgeMode).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> producer.send(message)).isInstanceOf(IllegalStateException.class);
        // the connection is still usable
        Session other = connection.createSession();
        other.createProducer(queue).send(other.createMessage());
        assertThat(stored(queue, 1)).hasSize(1);
    }

    @Test
    @DisplayName("6.2.3 createQueue/createTopic make destinations with the given name; a queue and a topic of one name differ")
    void destinationObjects() throws JMSException {
        Session session = connection.createSession();
        Queue queue = session.createQueue("orders.eu/1");
        Topic topic = session.createTopic("orders.eu/1");
        assertThat(queue.getQueueName()).isEqualTo("orders.eu/1");
        assertThat(topic.getTopicName()).isEqualTo("orders.eu/1");
        assertThat((Object) queue).isNotEqualTo(topic);
        assertThat(session.createQueue("orders.eu/1")).isEqualTo(queue);
    }

    @Test
    @DisplayName("6.2.3 a null or empty destination name is an InvalidDestinationException")
    void invalidDestinationNames() throws JMSException {
        Session session = connection.createSession();
        assertThatThrownBy(() -> session.createQueue(null)).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createQueue("")).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createTopic(null)).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createTopic("")).isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    @DisplayName("6.2.8 / 6.2.9 sessions of one connection send concurrently from their own threads; each session's messages keep their order")
    void sessionsSendConcurrentlyAndInOrder() throws Exception {
        Queue queue = queue("s-order");
        int sessions = 4;
        int perSession = 25;
        ExecutorService threads = Executors.newFixedThreadPool(sessions);
        try {
            List<Future<Void>> sends = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                int sessionNumber = s;
                Callable<Void> sender = () -> {
                    Session session = connection.createSession();
                    MessageProducer producer = session.createProducer(queue);
                    for (int n = 0; n < perSession; n++) {
                        Message message = session.createMessage();
                        message.setIntProperty("session", sessionNumber);
                        message.setIntProperty("seq", n);
                        producer.send(message);
                    }
                    session.close();
                    return null;
                };
                sends.add(threads.submit(sender));
            }
            for (Future<Void> send : sends) {
                send.get();
            }
        } finally {
            threads.shutdownNow();
        }
        List<Stored> stored = stored(queue, sessions * perSession);
        assertThat(stored).hasSize(sessions * perSession);
        Map<Integer, List<Integer>> seqBySession = stored.stream().collect(Collectors.groupingBy(
                s -> intProperty(s, "session"), Collectors.mapping(s -> intProperty(s, "seq"), Collectors.toList())));
        assertThat(seqBySession).hasSize(sessions);
        seqBySession.values().forEach(seqs -> assertThat(seqs).hasSize(perSession).isSorted());
    }

    private static int intProperty(Stored stored, String name) {
        try {
            return stored.message().getIntProperty(name);
        } catch (JMSException e) {
            throw new AssertionError(e);
        }
    }
}
