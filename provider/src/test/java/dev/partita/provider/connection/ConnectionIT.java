package dev.partita.provider.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.testing.TestBroker;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import jakarta.jms.TopicSession;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Connection rules of spec chapter 6.1 against a real broker. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionIT {

    @TempDir
    static Path dir;
    static TestBroker broker;
    static PartitaConnectionFactory factory;

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.start(dir.resolve("data"));
        factory = new PartitaConnectionFactory(broker.url());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void metaDataNamesJms31AndTheSupportedJmsxProperties() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            ConnectionMetaData metaData = connection.getMetaData();
            assertThat(metaData.getJMSVersion()).isEqualTo("3.1");
            assertThat(metaData.getJMSMajorVersion()).isEqualTo(3);
            assertThat(metaData.getJMSMinorVersion()).isEqualTo(1);
            assertThat(metaData.getJMSProviderName()).isEqualTo("Partita");
            assertThat(metaData.getProviderVersion()).isNotBlank();
            Enumeration<?> names = metaData.getJMSXPropertyNames();
            List<Object> jmsx = new ArrayList<>();
            while (names.hasMoreElements()) {
                jmsx.add(names.nextElement());
            }
            assertThat(jmsx).containsExactlyInAnyOrder("JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq");
        }
    }

    @Test
    void theClientIdIsSetOnceBeforeAnyOtherUse() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            assertThat(connection.getClientID()).isNull();
            assertThatThrownBy(() -> connection.setClientID(null)).isInstanceOf(InvalidClientIDException.class);
            assertThatThrownBy(() -> connection.setClientID("")).isInstanceOf(InvalidClientIDException.class);
            assertThatThrownBy(() -> connection.setClientID("a\u0000b")).isInstanceOf(InvalidClientIDException.class);
            connection.setClientID("app-1");
            assertThat(connection.getClientID()).isEqualTo("app-1");
            assertThatThrownBy(() -> connection.setClientID("app-2")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("only once");
        }
        try (Connection connection = factory.createConnection()) {
            connection.createSession().close();
            assertThatThrownBy(() -> connection.setClientID("late")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("before any other use");
        }
        try (Connection connection = factory.createConnection()) {
            connection.start();
            assertThatThrownBy(() -> connection.setClientID("late")).isInstanceOf(IllegalStateException.class);
        }
        try (Connection connection = new PartitaConnectionFactory(broker.url("clientID=configured")).createConnection()) {
            assertThat(connection.getClientID()).isEqualTo("configured");
            assertThatThrownBy(() -> connection.setClientID("mine")).isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> new PartitaConnectionFactory(broker.url("clientID=bad%01id")).createConnection())
                .isInstanceOf(InvalidClientIDException.class);
    }

    @Test
    void aClosedConnectionRefusesEveryCallAndClosesItsSessions() throws JMSException {
        Connection connection = factory.createConnection();
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(session.createQueue("closing"));
        connection.setExceptionListener(e -> { });
        connection.close();
        connection.close(); // idempotent
        assertThatThrownBy(connection::createSession).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> connection.createSession(Session.CLIENT_ACKNOWLEDGE)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> connection.createSession(false, Session.AUTO_ACKNOWLEDGE)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(connection::getClientID).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> connection.setClientID("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(connection::getMetaData).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(connection::start).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(connection::stop).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(connection::getExceptionListener).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> connection.setExceptionListener(null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> connection.createConnectionConsumer(session.createQueue("q"), null, null, 1))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::createTextMessage).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> producer.send(null)).isInstanceOf(IllegalStateException.class);
        session.close(); // closing a closed session is allowed
    }

    @Test
    void startStopAndTheExceptionListenerAreKept() throws JMSException {
        try (PartitaConnection connection = (PartitaConnection) factory.createConnection()) {
            assertThat(connection.isStarted()).isFalse();
            connection.start();
            connection.start();
            assertThat(connection.isStarted()).isTrue();
            connection.stop();
            assertThat(connection.isStarted()).isFalse();
            jakarta.jms.ExceptionListener listener = e -> { };
            connection.setExceptionListener(listener);
            assertThat(connection.getExceptionListener()).isSameAs(listener);
        }
    }

    @Test
    void transactedSessionsAndInvalidModesAreRefused() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            assertThatThrownBy(() -> connection.createSession(true, Session.SESSION_TRANSACTED))
                    .isInstanceOf(JMSException.class).hasMessageContaining("transactions are not supported yet");
            assertThatThrownBy(() -> connection.createSession(Session.SESSION_TRANSACTED))
                    .hasMessageContaining("transactions are not supported yet");
            assertThatThrownBy(() -> connection.createSession(99)).isInstanceOf(JMSException.class)
                    .hasMessageContaining("invalid session mode 99");
            assertThat(connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE).getAcknowledgeMode())
                    .isEqualTo(Session.DUPS_OK_ACKNOWLEDGE);
        }
    }

    @Test
    void queueAndTopicFactoriesAndConnectionsWork() throws JMSException {
        QueueConnectionFactory queues = factory;
        TopicConnectionFactory topics = factory;
        try (QueueConnection q = queues.createQueueConnection(); TopicConnection t = topics.createTopicConnection()) {
            QueueSession qs = q.createQueueSession(false, Session.CLIENT_ACKNOWLEDGE);
            qs.createSender(qs.createQueue("qc")).send(qs.createTextMessage("q"));
            TopicSession ts = t.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
            ts.createPublisher(ts.createTopic("tc")).publish(ts.createTextMessage("t"));
            assertThat(qs.getAcknowledgeMode()).isEqualTo(Session.CLIENT_ACKNOWLEDGE);
        }
    }

    @Test
    void anAddressWithoutBrokerFailsInCreateConnection() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ConnectionFactory nowhere = new PartitaConnectionFactory("partita://127.0.0.1:" + port + "?reconnectTimeout=1000");
        long start = System.nanoTime();
        assertThatThrownBy(nowhere::createConnection).isInstanceOf(JMSException.class)
                .hasMessageContaining("127.0.0.1:" + port);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
    }
}
