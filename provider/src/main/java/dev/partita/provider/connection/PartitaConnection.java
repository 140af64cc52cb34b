package dev.partita.provider.connection;

import dev.partita.client.PartitaClient;
import dev.partita.protocol.auth.PlainCredentials;
import dev.partita.provider.consumer.ClientIds;
import dev.partita.provider.consumer.ConnectionConsumers;
import dev.partita.provider.consumer.PartitaConnectionConsumer;
import dev.partita.provider.consumer.Subscriptions;
import dev.partita.provider.destination.ConnectionTemporaries;
import dev.partita.provider.session.AckMode;
import dev.partita.provider.session.NotImplementedYet;
import dev.partita.provider.session.PartitaSession;
import dev.partita.provider.util.JmsExceptions;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JMS connection: one low-level {@link PartitaClient} (its own connections to the brokers,
 * authenticated with SASL PLAIN when a user is given), the {@link ConnectionSender} its sessions
 * share, its sessions, client ID, start/stop state and exception listener.
 *
 * <p>Opening checks that a broker answers (and accepts the credentials), so a bad address or a
 * wrong password fails in {@code createConnection}. Client ID rules (spec 6.1.2): set once, by the
 * factory's {@code clientID} option or by {@code setClientID} before any other use of the
 * connection, and claimed with the broker (CLIENT_ID_CLAIM) so it is unique across the cluster
 * ({@code InvalidClientIDException} when another connection holds it); released at close.
 *
 * <p>Every method checks first that the connection is open ({@code IllegalStateException}, spec
 * 6.1.8) except {@code close}, which is idempotent and closes the sessions. Thread-safe, as the
 * spec requires of connections.
 *
 * <p>Over 300 lines because it implements three interfaces (with six connection-consumer variants);
 * sending lives in {@link ConnectionSender}, URL parsing in {@link ConnectionOptions}.
 */
public final class PartitaConnection implements Connection, QueueConnection, TopicConnection {

    private static final Logger log = LoggerFactory.getLogger(PartitaConnection.class);
    private static final int MAX_CLIENT_ID_BYTES = 1000;

    private final ConnectionOptions options;
    private final String connectionId = UUID.randomUUID().toString();
    private final PartitaClient client;
    private final ConnectionSender sender;
    private final ConnectionConsumers consumers;
    private final ConnectionTemporaries temporaries;
    private final AtomicLong messageIds = new AtomicLong();
    private final List<PartitaSession> sessions = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile boolean closed;
    private String clientId; // guarded by lock
    private boolean clientIdFixed; // guarded by lock: set, by option or by setClientID
    private boolean used; // guarded by lock: an operation after which setClientID is too late
    private boolean started; // guarded by lock
    private volatile ExceptionListener exceptionListener;

    private PartitaConnection(ConnectionOptions options, PartitaClient client, String user, String password) {
        this.options = options;
        this.client = client;
        this.sender = new ConnectionSender(client, options);
        this.consumers = new ConnectionConsumers(this, client, user, password);
        this.temporaries = new ConnectionTemporaries(client, UUID.fromString(connectionId),
                options.reconnectTimeoutMs() + options.requestTimeoutMs(), consumers::leaseHeldAt);
        if (options.clientId() != null) {
            this.clientId = options.clientId();
            this.clientIdFixed = true;
        }
    }

    /**
     * Opens a connection authenticating as {@code user} (none when null) and waits up to
     * {@code reconnectTimeout} for a broker to answer.
     *
     * @throws jakarta.jms.JMSSecurityException when the broker refuses the credentials (or anonymous clients)
     * @throws JMSException when no broker answers in time
     */
    public static PartitaConnection open(ConnectionOptions options, String user, String password) throws JMSException {
        if (options.clientId() != null) {
            validateClientId(options.clientId());
        }
        if (user != null) {
            checkCredentials(user, password);
        }
        PartitaClient client;
        try {
            client = PartitaClient.create(options.clientConfig("partita-jms", user, password));
        } catch (IllegalArgumentException e) {
            throw JmsExceptions.toJms("cannot connect to " + options, e);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.reconnectTimeoutMs());
        while (true) {
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                client.admin().metadata(List.of()).get(Math.max(1, leftMs), TimeUnit.MILLISECONDS);
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                client.close();
                throw JmsExceptions.toJms("interrupted while connecting to " + options, e);
            } catch (ExecutionException e) {
                // a request that timed out or a refused connection: ask again until reconnectTimeout
                // (the client backs off between connection attempts)
                if (JmsExceptions.unwrap(e) instanceof dev.partita.protocol.message.RetriableException
                        && deadline - System.nanoTime() > 0) {
                    continue;
                }
                client.close();
                throw JmsExceptions.toJms("cannot connect to " + options.brokers(), e);
            } catch (TimeoutException e) {
                client.close();
                throw new JMSException("no broker of " + options.brokers() + " answered within reconnectTimeout ("
                        + options.reconnectTimeoutMs() + " ms)", "REQUEST_TIMED_OUT");
            }
        }
        PartitaConnection connection = new PartitaConnection(options, client, user, password);
        if (options.clientId() != null) {
            try {
                ClientIds.claim(client, connection.connectionId, options.clientId(), options.reconnectTimeoutMs());
            } catch (JMSException e) {
                connection.consumers.close();
                connection.sender.close();
                client.close();
                throw e;
            }
        }
        return connection;
    }

    /** Credentials SASL PLAIN cannot carry are refused here rather than by a handshake that cannot start. */
    private static void checkCredentials(String user, String password) throws JMSSecurityException {
        try {
            PlainCredentials.of(user, password == null ? "" : password);
        } catch (IllegalArgumentException e) {
            JMSSecurityException refused = new JMSSecurityException("cannot authenticate as \"" + user + "\": " + e.getMessage(),
                    "SASL_AUTHENTICATION_FAILED");
            refused.initCause(e);
            throw refused;
        }
    }

    // ---------------------------------------------------------------- for sessions and contexts

    public ConnectionOptions options() {
        return options;
    }

    /** The temporary queues and topics this connection created (deleted when it closes). */
    public ConnectionTemporaries temporaries() {
        return temporaries;
    }

    public ConnectionSender sender() {
        return sender;
    }

    /** The receiving side shared by the sessions: consumer ids, heartbeats, the consumers' timer. */
    public ConnectionConsumers consumers() {
        return consumers;
    }

    /** A new message ID: {@code ID:<connection uuid>:<counter>}, unique across connections. */
    public String nextMessageId() {
        return "ID:" + connectionId + ":" + messageIds.incrementAndGet();
    }

    /** This connection's unique id (the base of its message IDs). */
    public String connectionId() {
        return connectionId;
    }

    /** @throws IllegalStateException when the connection is closed */
    public void checkClosed() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the connection is closed");
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Records an operation after which {@code setClientID} is too late. */
    public void markUsed() {
        synchronized (lock) {
            used = true;
        }
    }

    /** A session closed itself. */
    public void sessionClosed(PartitaSession session) {
        sessions.remove(session);
    }

    /**
     * Tells the exception listener, if any, about a problem the application may not see otherwise
     * (today: sends failing because no broker could be reached). The listener runs on a thread of
     * its own ({@code partita-jms-exception-listener}), so it may close this connection.
     */
    public void reportException(JMSException problem) {
        ExceptionListener listener = exceptionListener;
        if (listener == null || closed) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                listener.onException(problem);
            } catch (RuntimeException e) {
                log.warn("the ExceptionListener threw", e);
            }
        }, "partita-jms-exception-listener");
        thread.setDaemon(true);
        thread.start();
    }

    // ---------------------------------------------------------------- sessions

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        checkClosed();
        if (transacted) {
            throw NotImplementedYet.transactions();
        }
        return newSession(AckMode.of(acknowledgeMode));
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        checkClosed();
        return newSession(AckMode.of(sessionMode));
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (QueueSession) createSession(transacted, acknowledgeMode);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (TopicSession) createSession(transacted, acknowledgeMode);
    }

    private PartitaSession newSession(AckMode mode) throws JMSException {
        markUsed();
        PartitaSession session = new PartitaSession(this, mode);
        sessions.add(session);
        if (closed) { // closed meanwhile: close() may have missed this session
            sessions.remove(session);
            session.close();
            checkClosed();
        }
        return session;
    }

    // ---------------------------------------------------------------- client ID

    @Override
    public String getClientID() throws JMSException {
        checkClosed();
        synchronized (lock) {
            return clientId;
        }
    }

    /**
     * Sets the client ID, once, before any other use of the connection (spec 6.1.2).
     *
     * @throws IllegalStateException when a client ID is already set (also by the factory's
     *         {@code clientID} option) or the connection was already used
     * @throws InvalidClientIDException for a null, empty, too long or control-character ID
     */
    @Override
    public void setClientID(String id) throws JMSException {
        checkClosed();
        synchronized (lock) {
            if (clientIdFixed) {
                throw new IllegalStateException("the client ID is already set to \"" + clientId + "\"; it can be set only once");
            }
            if (used) {
                throw new IllegalStateException("setClientID must be called before any other use of the connection");
            }
            validateClientId(id);
            ClientIds.claim(client, connectionId, id, options.reconnectTimeoutMs()); // unique across the cluster
            clientId = id;
            clientIdFixed = true;
        }
    }

    private static void validateClientId(String id) throws InvalidClientIDException {
        if (id == null || id.isBlank()) {
            throw new InvalidClientIDException("a client ID must not be null or empty");
        }
        if (id.getBytes(StandardCharsets.UTF_8).length > MAX_CLIENT_ID_BYTES) {
            throw new InvalidClientIDException("a client ID has at most " + MAX_CLIENT_ID_BYTES + " UTF-8 bytes");
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidClientIDException("a client ID must not contain control characters: \"" + id + "\"");
        }
    }

    // ---------------------------------------------------------------- state

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkClosed();
        return PartitaConnectionMetaData.INSTANCE;
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkClosed();
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkClosed();
        this.exceptionListener = listener;
    }

    /** Starts delivery of incoming messages (there are no consumers yet); idempotent. */
    @Override
    public void start() throws JMSException {
        checkClosed();
        synchronized (lock) {
            used = true;
            started = true;
        }
        consumers.startedChanged();
    }

    /** Stops delivery of incoming messages; idempotent; sending goes on (spec 6.1.5). */
    @Override
    public void stop() throws JMSException {
        checkClosed();
        if (consumers.inDeliveryThread()) {
            throw new IllegalStateException("a MessageListener must not stop its own connection");
        }
        synchronized (lock) {
            used = true;
            started = false;
        }
        sessions.forEach(session -> session.delivery().awaitListenerIdle()); // stop returns once no listener runs
    }

    /** Whether {@link #start} was called more recently than {@link #stop}. */
    public boolean isStarted() {
        synchronized (lock) {
            return started;
        }
    }

    /**
     * Closes the sessions (each waits for its incomplete asynchronous sends), the producers and the
     * client. Idempotent.
     *
     * @throws IllegalStateException when called from a {@code CompletionListener} of this connection
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (sender.inCompletionThread()) {
            throw new IllegalStateException("a CompletionListener must not close its own connection");
        }
        if (consumers.inDeliveryThread()) {
            throw new IllegalStateException("a MessageListener must not close its own connection");
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        consumers.closeConnectionConsumers(); // first: they load messages into the sessions closed next
        // one after the other: closing them in parallel lost the release of messages server sessions
        // of a connection consumer had delivered (ConnectionConsumerIT); each close is bounded by
        // reconnectTimeout + requestTimeout when no broker answers
        JMSException first = null;
        for (PartitaSession session : new ArrayList<>(sessions)) {
            try {
                session.close();
            } catch (JMSException e) {
                first = first == null ? e : first;
            }
        }
        sessions.clear();
        temporaries.deleteAll(); // its consumers are closed with the sessions; before the heartbeats stop
        consumers.close();
        String claimed;
        synchronized (lock) {
            claimed = clientId;
        }
        if (claimed != null) {
            ClientIds.release(client, connectionId, claimed, options.requestTimeoutMs());
        }
        sender.close();
        client.close();
        if (first != null) {
            throw first;
        }
    }

    // ---------------------------------------------------------------- connection consumers (application server facilities)

    /** A connection consumer of a queue's subscription, or of a private subscription of a topic (see {@link PartitaConnectionConsumer}). */
    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        checkClosed();
        return PartitaConnectionConsumer.open(this, sessionPool, maxMessages,
                session -> Subscriptions.consumer(session, destination, messageSelector, false));
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName, String messageSelector,
                                                             ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        checkClosed();
        return PartitaConnectionConsumer.open(this, sessionPool, maxMessages,
                session -> Subscriptions.shared(session, topic, subscriptionName, messageSelector));
    }

    /** An unshared durable subscription: needs a client ID, as {@code createDurableConsumer}. */
    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName, String messageSelector,
                                                              ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        checkClosed();
        return PartitaConnectionConsumer.open(this, sessionPool, maxMessages,
                session -> Subscriptions.durable(session, topic, subscriptionName, messageSelector, false));
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName, String messageSelector,
                                                                    ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        checkClosed();
        return PartitaConnectionConsumer.open(this, sessionPool, maxMessages,
                session -> Subscriptions.sharedDurable(session, topic, subscriptionName, messageSelector));
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector, ServerSessionPool sessionPool,
                                                       int maxMessages) throws JMSException {
        return createConnectionConsumer((Destination) queue, messageSelector, sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector, ServerSessionPool sessionPool,
                                                       int maxMessages) throws JMSException {
        return createConnectionConsumer((Destination) topic, messageSelector, sessionPool, maxMessages);
    }

    @Override
    public String toString() {
        return "PartitaConnection(" + connectionId + " to " + options.brokers() + (closed ? ", closed" : "") + ")";
    }
}
