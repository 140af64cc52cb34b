package dev.partita.provider.context;

import static dev.partita.provider.util.JmsExceptions.toRuntime;
import static dev.partita.provider.util.JmsExceptions.unchecked;
import static dev.partita.provider.util.JmsExceptions.uncheckedRun;

import dev.partita.provider.connection.PartitaConnection;
import dev.partita.provider.consumer.PartitaJMSConsumer;
import dev.partita.provider.consumer.PartitaMessageConsumer;
import dev.partita.provider.producer.AsyncSends;
import dev.partita.provider.session.AckMode;
import dev.partita.provider.session.PartitaSession;
import dev.partita.provider.util.JmsExceptions;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.Serializable;

/**
 * The simplified API's {@code JMSContext}: a connection (shared with the contexts made by
 * {@link #createContext(int)}) and one session, made on first use so {@code setClientID} still
 * works right after creation. Every failure is the unchecked twin of the classic API's exception
 * ({@code JmsExceptions.toRuntime}).
 *
 * <p>Consumers ({@code JMSConsumer} over the classic consumer, starting the connection unless
 * auto-start is off), browsers, subscriptions, {@code recover} and {@code acknowledge} go through
 * the session's {@code SessionDelivery}; temporary destinations are created through the session
 * and belong to its connection.
 *
 * <p>Used by one thread at a time, like its session; {@code close} may come from any thread.
 *
 * <p>Over 300 lines because {@code JMSContext} has some fifty methods, most of them one-line
 * delegations to the classic API.
 */
public final class PartitaJMSContext implements JMSContext {

    private final SharedConnection shared;
    private final AckMode mode;
    private final Object lock = new Object();
    private PartitaSession session; // guarded by lock
    private volatile boolean closed;
    private volatile boolean autoStart = true;

    /** A context owning a new connection. */
    public PartitaJMSContext(PartitaConnection connection, AckMode mode) {
        this(new SharedConnection(connection), mode);
    }

    private PartitaJMSContext(SharedConnection shared, AckMode mode) {
        this.shared = shared;
        this.mode = mode;
    }

    private void checkClosed() {
        if (closed) {
            throw new IllegalStateRuntimeException("the JMSContext is closed");
        }
    }

    private PartitaConnection connection() {
        return shared.connection();
    }

    /** The context's session, created on first use. */
    PartitaSession session() {
        checkClosed();
        synchronized (lock) {
            if (session == null) {
                session = (PartitaSession) unchecked(() -> connection().createSession(mode.jmsValue()));
            }
            return session;
        }
    }

    /** A context on the same connection, with its own session (spec: {@code JMSContext.createContext}). */
    @Override
    public JMSContext createContext(int sessionMode) {
        checkClosed();
        AckMode newMode = unchecked(() -> AckMode.of(sessionMode));
        shared.retain();
        return new PartitaJMSContext(shared, newMode);
    }

    @Override
    public JMSProducer createProducer() {
        return new PartitaJMSProducer(this, session());
    }

    // ---------------------------------------------------------------- connection

    @Override
    public String getClientID() {
        checkClosed();
        return unchecked(() -> connection().getClientID());
    }

    @Override
    public void setClientID(String clientID) {
        checkClosed();
        uncheckedRun(() -> connection().setClientID(clientID));
    }

    @Override
    public ConnectionMetaData getMetaData() {
        checkClosed();
        return unchecked(() -> connection().getMetaData());
    }

    @Override
    public ExceptionListener getExceptionListener() {
        checkClosed();
        return unchecked(() -> connection().getExceptionListener());
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        checkClosed();
        uncheckedRun(() -> connection().setExceptionListener(listener));
    }

    @Override
    public void start() {
        checkClosed();
        uncheckedRun(() -> connection().start());
    }

    @Override
    public void stop() {
        checkClosed();
        uncheckedRun(() -> connection().stop());
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        checkClosed();
        this.autoStart = autoStart;
    }

    @Override
    public boolean getAutoStart() {
        checkClosed();
        return autoStart;
    }

    /**
     * Closes the session (waiting for incomplete asynchronous sends) and, if no other context
     * shares it, the connection. Idempotent.
     *
     * @throws IllegalStateRuntimeException when called from a CompletionListener of this context
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        PartitaSession current;
        synchronized (lock) {
            current = session;
        }
        if (current != null && AsyncSends.inListenerOf(current)) {
            throw new IllegalStateRuntimeException("a CompletionListener must not close its own JMSContext");
        }
        closed = true;
        try {
            if (current != null) {
                uncheckedRun(current::close);
            }
        } finally {
            shared.release();
        }
    }

    // ---------------------------------------------------------------- messages and destinations

    @Override
    public BytesMessage createBytesMessage() {
        return unchecked(() -> session().createBytesMessage());
    }

    @Override
    public MapMessage createMapMessage() {
        return unchecked(() -> session().createMapMessage());
    }

    @Override
    public Message createMessage() {
        return unchecked(() -> session().createMessage());
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return unchecked(() -> session().createObjectMessage());
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return unchecked(() -> session().createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return unchecked(() -> session().createStreamMessage());
    }

    @Override
    public TextMessage createTextMessage() {
        return unchecked(() -> session().createTextMessage());
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return unchecked(() -> session().createTextMessage(text));
    }

    @Override
    public Queue createQueue(String queueName) {
        return unchecked(() -> session().createQueue(queueName));
    }

    @Override
    public Topic createTopic(String topicName) {
        return unchecked(() -> session().createTopic(topicName));
    }

    // ---------------------------------------------------------------- mode and transactions

    @Override
    public boolean getTransacted() {
        checkClosed();
        return false;
    }

    @Override
    public int getSessionMode() {
        checkClosed();
        return mode.jmsValue();
    }

    /** @throws IllegalStateRuntimeException always: the context is not transacted */
    @Override
    public void commit() {
        uncheckedRun(() -> session().commit());
    }

    /** @throws IllegalStateRuntimeException always: the context is not transacted */
    @Override
    public void rollback() {
        uncheckedRun(() -> session().rollback());
    }

    /** In {@code CLIENT_ACKNOWLEDGE} mode, acknowledges every message the context's session delivered; otherwise nothing. */
    @Override
    public void acknowledge() {
        checkClosed();
        uncheckedRun(() -> session().delivery().acknowledgeAll());
    }

    // ---------------------------------------------------------------- receiving

    @Override
    public void recover() {
        uncheckedRun(() -> session().recover());
    }

    /** A consumer made by the session; the connection starts now unless auto-start is off (spec 6.2 of the simplified API). */
    private JMSConsumer consumer(JmsExceptions.JmsCall<jakarta.jms.MessageConsumer> create) {
        PartitaMessageConsumer consumer = (PartitaMessageConsumer) unchecked(create);
        if (autoStart) {
            uncheckedRun(() -> connection().start());
        }
        return new PartitaJMSConsumer(consumer);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return consumer(() -> session().createConsumer(destination));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return consumer(() -> session().createConsumer(destination, messageSelector));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        return consumer(() -> session().createConsumer(destination, messageSelector, noLocal));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        return consumer(() -> session().createDurableConsumer(topic, name, messageSelector, noLocal));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name, messageSelector));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        return consumer(() -> session().createSharedConsumer(topic, sharedSubscriptionName));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        return consumer(() -> session().createSharedConsumer(topic, sharedSubscriptionName, messageSelector));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return unchecked(() -> session().createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        return unchecked(() -> session().createBrowser(queue, messageSelector));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return unchecked(() -> session().createTemporaryQueue());
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return unchecked(() -> session().createTemporaryTopic());
    }

    @Override
    public void unsubscribe(String name) {
        uncheckedRun(() -> session().unsubscribe(name));
    }

    @Override
    public String toString() {
        return "PartitaJMSContext(" + mode + (closed ? ", closed" : "") + " on " + connection() + ")";
    }
}
