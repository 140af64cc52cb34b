package dev.partita.provider.session;

import dev.partita.provider.connection.PartitaConnection;
import dev.partita.provider.consumer.SessionDelivery;
import dev.partita.provider.consumer.Subscriptions;
import dev.partita.provider.destination.PartitaDestination;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.destination.PartitaTopic;
import dev.partita.provider.message.PartitaBytesMessage;
import dev.partita.provider.message.PartitaMapMessage;
import dev.partita.provider.message.PartitaMessage;
import dev.partita.provider.message.PartitaObjectMessage;
import dev.partita.provider.message.PartitaStreamMessage;
import dev.partita.provider.message.PartitaTextMessage;
import dev.partita.provider.producer.AsyncSends;
import dev.partita.provider.producer.MessageSender;
import dev.partita.provider.producer.PartitaMessageProducer;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JMS session (also as queue and topic session) in {@code AUTO_ACKNOWLEDGE},
 * {@code CLIENT_ACKNOWLEDGE} or {@code DUPS_OK_ACKNOWLEDGE} mode: message factories, destinations
 * by name, producers, and its {@link MessageSender} (one partition per destination, completion
 * listeners in send order).
 *
 * <p>Receiving goes through its {@link SessionDelivery} (package {@code dev.partita.provider.consumer}):
 * consumers, browsers, subscriptions, acknowledgement, {@code recover} and the delivery thread of
 * its listeners, and the distinguished listener and {@code run} of application servers (see
 * {@code dev.partita.provider.consumer.PartitaConnectionConsumer}). Temporary destinations belong
 * to the connection ({@code dev.partita.provider.destination.ConnectionTemporaries}). {@code commit} and {@code rollback} throw
 * {@code IllegalStateException} as the spec says for a session that is not transacted.
 *
 * <p>Every method checks first that the session is open ({@code IllegalStateException}); {@code close}
 * is idempotent, waits for incomplete asynchronous sends and is refused from one of its own
 * {@code CompletionListener}s. Used by one thread at a time (spec 6.2.2); {@code close} may come from
 * any thread.
 *
 * <p>Over 300 lines because {@code Session}, {@code QueueSession} and {@code TopicSession} have some
 * fifty methods; the sending logic lives in {@link MessageSender}.
 */
public final class PartitaSession implements QueueSession, TopicSession {

    private final PartitaConnection connection;
    private final AckMode ackMode;
    private final MessageSender sender;
    private final SessionDelivery delivery;
    private final List<PartitaMessageProducer> producers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** Made by {@code PartitaConnection.createSession}. */
    public PartitaSession(PartitaConnection connection, AckMode ackMode) {
        this.connection = connection;
        this.ackMode = ackMode;
        this.sender = new MessageSender(connection, this);
        this.delivery = connection.consumers().newSession(this, ackMode);
    }

    /** The receiving side: consumers, acknowledgement, recover, the delivery thread. */
    public SessionDelivery delivery() {
        return delivery;
    }

    /** @throws IllegalStateException when the session (or its connection) is closed */
    public void checkClosed() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        connection.checkClosed();
    }

    public PartitaConnection connection() {
        return connection;
    }

    /** What this session's producers send through. */
    public MessageSender sender() {
        return sender;
    }

    public AckMode ackMode() {
        return ackMode;
    }

    // ---------------------------------------------------------------- messages

    @Override
    public Message createMessage() throws JMSException {
        checkClosed();
        return new PartitaMessage();
    }

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        checkClosed();
        return new PartitaBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        checkClosed();
        return new PartitaMapMessage();
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        checkClosed();
        return new PartitaStreamMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        checkClosed();
        PartitaObjectMessage message = new PartitaObjectMessage();
        message.setAllowlist(connection.options().objectMessageAllowlist());
        return message;
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        ObjectMessage message = createObjectMessage();
        message.setObject(object);
        return message;
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        checkClosed();
        return new PartitaTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        checkClosed();
        return new PartitaTextMessage(text);
    }

    // ---------------------------------------------------------------- destinations and producers

    /**
     * The queue of this name (it need not exist yet: a send creates it when auto-create is on).
     *
     * @throws InvalidDestinationException for a null or empty name, or one over 1000 UTF-8 bytes
     */
    @Override
    public Queue createQueue(String queueName) throws JMSException {
        checkClosed();
        checkName(queueName, "queue");
        try {
            return new PartitaQueue(queueName);
        } catch (IllegalArgumentException e) {
            throw new InvalidDestinationException(e.getMessage());
        }
    }

    /**
     * The topic of this name (it need not exist yet).
     *
     * @throws InvalidDestinationException for a null or empty name, or one over 1000 UTF-8 bytes
     */
    @Override
    public Topic createTopic(String topicName) throws JMSException {
        checkClosed();
        checkName(topicName, "topic");
        try {
            return new PartitaTopic(topicName);
        } catch (IllegalArgumentException e) {
            throw new InvalidDestinationException(e.getMessage());
        }
    }

    private static void checkName(String name, String kind) throws InvalidDestinationException {
        if (name == null || name.isEmpty()) {
            throw new InvalidDestinationException("a " + kind + " name must not be null or empty");
        }
    }

    /**
     * A producer for {@code destination}, or an unidentified one for null.
     *
     * @throws InvalidDestinationException for another provider's destination that is neither queue nor topic
     */
    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        checkClosed();
        PartitaMessageProducer producer = new PartitaMessageProducer(this, PartitaDestination.of(destination));
        producers.add(producer);
        return producer;
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return (QueueSender) createProducer(queue);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return (TopicPublisher) createProducer(topic);
    }

    /** A producer closed itself. */
    public void producerClosed(PartitaMessageProducer producer) {
        producers.remove(producer);
    }

    /**
     * Waits for every incomplete asynchronous send of this session to call its listener (bounded
     * by the send timeout plus the reconnect timeout).
     */
    public void awaitAsyncSends() throws JMSException {
        long timeoutMs = connection.options().sendTimeoutMs() + connection.options().reconnectTimeoutMs();
        try {
            if (!sender.asyncSends().awaitAll(timeoutMs)) {
                throw new JMSException(sender.asyncSends().size() + " asynchronous send(s) still incomplete after " + timeoutMs + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException("interrupted while waiting for asynchronous sends to complete");
        }
    }

    // ---------------------------------------------------------------- mode, transactions, close

    @Override
    public boolean getTransacted() throws JMSException {
        checkClosed();
        return false;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkClosed();
        return ackMode.jmsValue();
    }

    /** @throws IllegalStateException always: the session is not transacted (spec: the method is for transacted sessions) */
    @Override
    public void commit() throws JMSException {
        checkClosed();
        if (AsyncSends.inListenerOf(this)) {
            throw new IllegalStateException("a CompletionListener must not commit its own session");
        }
        throw new IllegalStateException("commit() is for transacted sessions; this one is in " + ackMode + " mode");
    }

    /** @throws IllegalStateException always: the session is not transacted */
    @Override
    public void rollback() throws JMSException {
        checkClosed();
        if (AsyncSends.inListenerOf(this)) {
            throw new IllegalStateException("a CompletionListener must not roll back its own session");
        }
        throw new IllegalStateException("rollback() is for transacted sessions; this one is in " + ackMode + " mode");
    }

    /**
     * Waits for the incomplete asynchronous sends, closes the producers. Idempotent.
     *
     * @throws IllegalStateException when called from a CompletionListener of this session
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (AsyncSends.inListenerOf(this)) {
            throw new IllegalStateException("a CompletionListener must not close its own session");
        }
        if (delivery.isDeliveryThread()) {
            throw new IllegalStateException("a MessageListener must not close its own session");
        }
        try {
            delivery.close();
            awaitAsyncSends();
        } finally {
            closed = true;
            producers.forEach(PartitaMessageProducer::closedBySession);
            producers.clear();
            connection.sessionClosed(this);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    // ---------------------------------------------------------------- receiving

    /** Releases what was delivered and not acknowledged (redelivered, JMSRedelivered set) and what was prefetched. */
    @Override
    public void recover() throws JMSException {
        checkClosed();
        delivery.recover();
    }

    /** The session's distinguished listener (application server facilities), or null. */
    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkClosed();
        return delivery.sessionListener();
    }

    /**
     * Sets the session's distinguished listener, to which {@link #run} hands the messages a
     * connection consumer loaded into the session; null removes it (connection pools such as
     * pooled-jms clear it when a session goes back to the pool).
     *
     * @throws IllegalStateException when setting one on a session that has consumers (with a
     *         distinguished listener the session receives no other way)
     */
    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkClosed();
        delivery.setSessionListener(listener);
    }

    /**
     * Application server facility: hands the messages a connection consumer loaded into this
     * session to its distinguished listener, on the calling thread, acknowledging them as the
     * session's mode says; returns when none is left.
     */
    @Override
    public void run() {
        delivery.runLoaded();
    }

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return createConsumer(destination, null, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector) throws JMSException {
        return createConsumer(destination, messageSelector, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) throws JMSException {
        checkClosed();
        return Subscriptions.consumer(delivery, destination, messageSelector, noLocal);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return (QueueReceiver) createConsumer(queue);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String messageSelector) throws JMSException {
        return (QueueReceiver) createConsumer(queue, messageSelector);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return (TopicSubscriber) createConsumer(topic);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal) throws JMSException {
        return (TopicSubscriber) createConsumer(topic, messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) throws JMSException {
        checkClosed();
        return Subscriptions.shared(delivery, topic, sharedSubscriptionName, messageSelector);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector, boolean noLocal) throws JMSException {
        checkClosed();
        return Subscriptions.durable(delivery, topic, name, messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) throws JMSException {
        return createDurableSubscriber(topic, name, messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) throws JMSException {
        checkClosed();
        return Subscriptions.sharedDurable(delivery, topic, name, messageSelector);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) throws JMSException {
        checkClosed();
        return Subscriptions.browser(delivery, queue, messageSelector);
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        checkClosed();
        Subscriptions.unsubscribe(delivery, name);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        checkClosed();
        connection.markUsed();
        return connection.temporaries().createQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        checkClosed();
        connection.markUsed();
        return connection.temporaries().createTopic();
    }

    @Override
    public String toString() {
        return "PartitaSession(" + ackMode + (closed ? ", closed" : "") + " of " + connection + ")";
    }
}
