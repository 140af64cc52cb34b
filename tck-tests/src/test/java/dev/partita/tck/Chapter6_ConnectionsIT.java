package dev.partita.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Session;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 6.1: connection factories and connections. */
@DisplayName("6.1 Connections")
class Chapter6_ConnectionsIT extends TckTest {

    @Test
    @DisplayName("5.3 / 6.1 a ConnectionFactory looked up in JNDI creates connections, also as Queue- and TopicConnectionFactory")
    void factoriesFromJndiCreateConnections() throws Exception {
        ConnectionFactory factory = factory();
        try (Connection connection = factory.createConnection()) {
            assertThat(connection.createSession()).isNotNull();
        }
        assertThat(factory).isInstanceOf(QueueConnectionFactory.class).isInstanceOf(TopicConnectionFactory.class);
        try (QueueConnection queues = ((QueueConnectionFactory) factory).createQueueConnection();
             TopicConnection topics = ((TopicConnectionFactory) factory).createTopicConnection()) {
            assertThat(queues.createQueueSession(false, Session.AUTO_ACKNOWLEDGE)).isNotNull();
            assertThat(topics.createTopicSession(false, Session.AUTO_ACKNOWLEDGE)).isNotNull();
        }
    }

    @Test
    @DisplayName("6.1.1 createConnection(user, password) authenticates; wrong credentials are a JMSSecurityException")
    void authentication() throws Exception {
        ConnectionFactory factory = factory();
        try (Connection connection = factory.createConnection(SuiteBroker.USER, SuiteBroker.PASSWORD)) {
            connection.createSession().close();
        }
        assertThatThrownBy(() -> factory.createConnection(SuiteBroker.USER, "wrong")).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> factory.createConnection("mallory", SuiteBroker.PASSWORD)).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    @DisplayName("6.1.2 the client ID is null until set, set once, before any other use of the connection")
    void clientIdIsSetOnceBeforeUse() throws Exception {
        ConnectionFactory factory = factory();
        try (Connection connection = factory.createConnection()) {
            assertThat(connection.getClientID()).isNull();
            connection.setClientID(unique("tck-client"));
            assertThatThrownBy(() -> connection.setClientID(unique("again"))).isInstanceOf(IllegalStateException.class);
        }
        try (Connection connection = factory.createConnection()) {
            connection.createSession();
            assertThatThrownBy(() -> connection.setClientID(unique("late"))).isInstanceOf(IllegalStateException.class);
        }
        try (Connection connection = factory.createConnection()) {
            connection.start();
            assertThatThrownBy(() -> connection.setClientID(unique("late"))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @DisplayName("6.1.2 a client ID configured on the factory cannot be changed: setClientID is an IllegalStateException")
    void administeredClientIdCannotBeChanged() throws Exception {
        String id = unique("administered");
        try (Connection connection = factory("clientID=" + id).createConnection()) {
            assertThat(connection.getClientID()).isEqualTo(id);
            assertThatThrownBy(() -> connection.setClientID(unique("mine"))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @DisplayName("6.1.2 an invalid client ID is an InvalidClientIDException")
    void invalidClientIds() throws Exception {
        try (Connection connection = factory().createConnection()) {
            assertThatThrownBy(() -> connection.setClientID(null)).isInstanceOf(InvalidClientIDException.class);
            assertThatThrownBy(() -> connection.setClientID("")).isInstanceOf(InvalidClientIDException.class);
        }
    }

    @Test
    @DisplayName("6.1.2 two connections cannot use one client ID at the same time (InvalidClientIDException); it is free again once closed")
    void clientIdsAreUnique() throws Exception {
        ConnectionFactory factory = factory();
        String id = unique("taken");
        try (Connection first = factory.createConnection()) {
            first.setClientID(id);
            try (Connection second = factory.createConnection()) {
                assertThatThrownBy(() -> second.setClientID(id)).isInstanceOf(InvalidClientIDException.class);
            }
        }
        try (Connection third = factory.createConnection()) {
            third.setClientID(id);
            assertThat(third.getClientID()).isEqualTo(id);
        }
    }

    @Test
    @DisplayName("6.1.4 start and stop may be called again on a started or stopped connection (ignored)")
    void startAndStopAreIdempotent() throws Exception {
        try (Connection connection = factory().createConnection()) {
            connection.start();
            connection.start();
            connection.stop();
            connection.stop();
            connection.start();
        }
    }

    @Test
    @DisplayName("6.1.5 close is idempotent; a closed connection's methods, sessions and producers throw IllegalStateException")
    void closedConnection() throws Exception {
        Connection connection = factory().createConnection();
        Session session = connection.createSession();
        Queue queue = queue("c-closed");
        MessageProducer producer = session.createProducer(queue);
        connection.close();
        connection.close();
        assertThatThrownBy(connection::createSession).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(connection::start).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(connection::stop).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(connection::getMetaData).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(connection::getClientID).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> connection.setExceptionListener(null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::createMessage).as("its sessions are closed").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> producer.send(null)).as("and their producers").isInstanceOf(IllegalStateException.class);
        session.close(); // closing a closed session is allowed
        producer.close(); // as is closing a closed producer
    }

    @Test
    @DisplayName("6.1.7 ConnectionMetaData names JMS 3.1 and the provider")
    void metaData() throws Exception {
        try (Connection connection = factory().createConnection()) {
            ConnectionMetaData metaData = connection.getMetaData();
            assertThat(metaData.getJMSVersion()).isEqualTo("3.1");
            assertThat(metaData.getJMSMajorVersion()).isEqualTo(3);
            assertThat(metaData.getJMSMinorVersion()).isEqualTo(1);
            assertThat(metaData.getJMSProviderName()).isNotBlank();
            assertThat(metaData.getProviderVersion()).isNotBlank();
            assertThat(names(metaData.getJMSXPropertyNames())).contains("JMSXDeliveryCount");
        }
    }

    @Test
    @DisplayName("6.1.8 the ExceptionListener is kept as set, and may be unset")
    void exceptionListenerIsKept() throws Exception {
        try (Connection connection = factory().createConnection()) {
            assertThat(connection.getExceptionListener()).isNull();
            ExceptionListener listener = exception -> { };
            connection.setExceptionListener(listener);
            assertThat(connection.getExceptionListener()).isSameAs(listener);
            connection.setExceptionListener(null);
            assertThat(connection.getExceptionListener()).isNull();
        }
    }

    @Test
    @DisplayName("6.1 connections are independent: closing one leaves another working")
    void connectionsAreIndependent() throws Exception {
        ConnectionFactory factory = factory();
        Queue queue = queue("c-indep");
        Connection first = factory.createConnection();
        try (Connection second = factory.createConnection()) {
            first.close();
            Session session = second.createSession();
            session.createProducer(queue).send(session.createTextMessage("still sends"));
        }
        assertThat(stored(queue, 1)).hasSize(1);
    }
}
