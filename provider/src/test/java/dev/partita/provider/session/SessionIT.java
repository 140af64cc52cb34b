package dev.partita.provider.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.message.PartitaObjectMessage;
import dev.partita.provider.testing.TestBroker;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Session rules of spec chapter 6.2, and the receiving methods that say they are not implemented yet (temporary destinations, application-server facilities). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionIT {

    @TempDir
    static Path dir;
    static TestBroker broker;
    Connection connection;
    Session session;

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
        connection = new PartitaConnectionFactory(broker.url("objectMessageAllowlist=com.example")).createConnection();
        session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    @Test
    void everyAcknowledgeModeIsAccepted() throws JMSException {
        for (int mode : new int[] {Session.AUTO_ACKNOWLEDGE, Session.CLIENT_ACKNOWLEDGE, Session.DUPS_OK_ACKNOWLEDGE}) {
            Session s = connection.createSession(false, mode);
            assertThat(s.getAcknowledgeMode()).isEqualTo(mode);
            assertThat(s.getTransacted()).isFalse();
        }
        assertThat(connection.createSession().getAcknowledgeMode()).isEqualTo(Session.AUTO_ACKNOWLEDGE);
    }

    @Test
    void commitAndRollbackAreForTransactedSessionsOnly() {
        assertThatThrownBy(session::commit).isInstanceOf(IllegalStateException.class).hasMessageContaining("transacted");
        assertThatThrownBy(session::rollback).isInstanceOf(IllegalStateException.class).hasMessageContaining("transacted");
    }

    @Test
    void destinationNamesAreValidated() throws JMSException {
        assertThatThrownBy(() -> session.createQueue(null)).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createQueue("")).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createTopic(null)).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createTopic("")).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createQueue("x".repeat(1001))).isInstanceOf(InvalidDestinationException.class);
        Queue queue = session.createQueue("orders.eu/1");
        Topic topic = session.createTopic("orders.eu/1");
        assertThat(queue.getQueueName()).isEqualTo("orders.eu/1");
        assertThat(topic.getTopicName()).isEqualTo("orders.eu/1");
        assertThat((Object) queue).isNotEqualTo(topic);
    }

    @Test
    void objectMessagesUseTheFactoryAllowlist() throws JMSException {
        PartitaObjectMessage message = (PartitaObjectMessage) session.createObjectMessage();
        assertThat(message.allowlist().packages()).containsExactly("com.example");
    }

    @Test
    void aClosedSessionRefusesEveryCall() throws JMSException {
        session.close();
        session.close();
        List<JmsCall> calls = List.of(session::createMessage, session::createTextMessage, session::createBytesMessage,
                session::createMapMessage, session::createStreamMessage, session::createObjectMessage,
                () -> session.createQueue("q"), () -> session.createTopic("t"), () -> session.createProducer(null),
                session::getAcknowledgeMode, session::getTransacted, () -> {
                    session.commit();
                    return null;
                }, () -> {
                    session.rollback();
                    return null;
                }, () -> {
                    session.recover();
                    return null;
                },
                () -> session.createConsumer(session.createQueue("q")));
        for (JmsCall call : calls) {
            assertThatThrownBy(call::run).isInstanceOf(IllegalStateException.class);
        }
    }

    @FunctionalInterface
    private interface JmsCall {
        Object run() throws JMSException;
    }

    @Test
    void temporaryDestinationsComeFromAnOpenSession() throws JMSException {
        assertThat(session.createTemporaryQueue()).isInstanceOf(jakarta.jms.TemporaryQueue.class);
        assertThat(session.createTemporaryTopic()).isInstanceOf(jakarta.jms.TemporaryTopic.class);
        session.close();
        assertThatThrownBy(session::createTemporaryQueue).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::createTemporaryTopic).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSessionListenerCanBeClearedAsConnectionPoolsDo() throws JMSException {
        session.setMessageListener(null); // what connection pools do when a session goes back to the pool
        assertThat(session.getMessageListener()).isNull();
    }
}
