package dev.partita.provider;

import dev.partita.provider.connection.ConnectionOptions;
import dev.partita.provider.connection.PartitaConnection;
import dev.partita.provider.context.PartitaJMSContext;
import dev.partita.provider.destination.PartitaDestination;
import dev.partita.provider.session.AckMode;
import dev.partita.provider.util.JmsExceptions;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;

/**
 * The entry point of the provider: makes connections and contexts to the brokers of a broker URL
 * {@code partita://host:port[,host:port...][?option=value&...]} (options: see
 * {@link ConnectionOptions} and provider/README.md). Also a queue and a topic connection factory.
 *
 * <p>Its whole state is the URL string, so it serializes as that string, and its {@link Reference}
 * (for naming services) is that string under {@value #BROKER_URL_ADDRESS}, rebuilt by
 * {@link PartitaDestination#OBJECT_FACTORY}. Immutable and thread-safe.
 *
 * <pre>
 * ConnectionFactory factory = new PartitaConnectionFactory("partita://localhost:7676?clientID=app");
 * try (Connection connection = factory.createConnection("alice", "secret")) { ... }
 * </pre>
 */
public final class PartitaConnectionFactory implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
        Serializable, Referenceable {

    private static final long serialVersionUID = 1L;

    /** Reference address that holds the broker URL (the object factory is the jndi module's, as for destinations). */
    public static final String BROKER_URL_ADDRESS = "brokerUrl";

    private final String brokerUrl;
    private transient ConnectionOptions options;

    /**
     * A factory for this broker URL.
     *
     * @throws IllegalArgumentException for a malformed URL, an unknown option or a bad option value,
     *         with a message naming it
     */
    public PartitaConnectionFactory(String brokerUrl) {
        this.options = ConnectionOptions.parse(brokerUrl);
        this.brokerUrl = brokerUrl;
    }

    /** The broker URL as given. */
    public String getBrokerUrl() {
        return brokerUrl;
    }

    /** The parsed options of the URL. */
    public ConnectionOptions options() {
        return options;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        try {
            this.options = ConnectionOptions.parse(brokerUrl);
        } catch (IllegalArgumentException e) {
            throw new java.io.InvalidObjectException(e.getMessage());
        }
    }

    @Override
    public Reference getReference() {
        return new Reference(PartitaConnectionFactory.class.getName(), new StringRefAddr(BROKER_URL_ADDRESS, brokerUrl),
                PartitaDestination.OBJECT_FACTORY, null);
    }

    // ---------------------------------------------------------------- connections

    /**
     * A connection with the URL's {@code user} and {@code password} (anonymous without a user).
     *
     * @throws jakarta.jms.JMSSecurityException when the broker refuses the credentials
     * @throws JMSException when no broker answers within {@code reconnectTimeout}
     */
    @Override
    public Connection createConnection() throws JMSException {
        return PartitaConnection.open(options, options.user(), options.password());
    }

    /**
     * A connection authenticated as {@code userName} (anonymous when null), overriding the URL's
     * credentials.
     *
     * @throws jakarta.jms.JMSSecurityException when the broker refuses the credentials
     */
    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return PartitaConnection.open(options, userName, password);
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return (QueueConnection) createConnection();
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return (QueueConnection) createConnection(userName, password);
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return (TopicConnection) createConnection();
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return (TopicConnection) createConnection(userName, password);
    }

    // ---------------------------------------------------------------- contexts

    @Override
    public JMSContext createContext() {
        return createContext(options.user(), options.password(), JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return createContext(options.user(), options.password(), sessionMode);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    /**
     * A context on a new connection.
     *
     * @throws jakarta.jms.JMSSecurityRuntimeException when the broker refuses the credentials
     * @throws jakarta.jms.JMSRuntimeException for {@code SESSION_TRANSACTED} (not supported yet),
     *         an invalid mode, or no broker answering
     */
    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        AckMode mode = JmsExceptions.unchecked(() -> AckMode.of(sessionMode));
        PartitaConnection connection = JmsExceptions.unchecked(() -> PartitaConnection.open(options, userName, password));
        return new PartitaJMSContext(connection, mode);
    }

    @Override
    public String toString() {
        return "PartitaConnectionFactory(" + options + ")";
    }
}
