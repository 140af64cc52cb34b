package dev.partita.provider.consumer;

import dev.partita.client.metadata.TopicInfo;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SubscribeRequest;
import dev.partita.protocol.message.SubscribeResponse;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.message.UnsubscribeRequest;
import dev.partita.protocol.selector.Selector;
import dev.partita.protocol.selector.SelectorSyntaxException;
import dev.partita.provider.connection.ConnectionOptions;
import dev.partita.provider.destination.PartitaDestination;
import dev.partita.provider.session.AckMode;
import dev.partita.provider.util.JmsExceptions;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.BytesMessage;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.TextMessage;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JMS consumer (also queue receiver and topic subscriber) on one subscription: created by a
 * SUBSCRIBE that returns once every partition leader fixed the subscription's start, then kept
 * supplied by its {@link Acquirer}. {@code receive} variants take from the prefetch (in priority,
 * then offset, order); a {@code MessageListener} runs on the session's delivery thread.
 *
 * <p>{@code close} waits for a running listener (unless called from it), releases what was
 * prefetched and not delivered (spec 8.8; what was delivered stays the session's to acknowledge or
 * recover) and tells the broker the consumer left. A blocked {@code receive} then returns null.
 *
 * <p>Thread-safe as far as the spec asks: {@code close} from any thread, the rest from the
 * session's thread of control.
 */
public final class PartitaMessageConsumer implements QueueReceiver, TopicSubscriber {

    private static final Logger log = LoggerFactory.getLogger(PartitaMessageConsumer.class);

    private final SessionDelivery session;
    private final PartitaDestination destination;
    private final TopicKey topicKey;
    private final SubscriptionKey key;
    private final long generation;
    private final long consumerId;
    private final String selector;
    private final boolean noLocal;
    private final PrefetchBuffer buffer = new PrefetchBuffer();
    private final Acquirer acquirer;
    private volatile MessageListener listener;
    private volatile JMSException failure;
    private volatile boolean closed;

    private PartitaMessageConsumer(SessionDelivery session, PartitaDestination destination, SubscriptionKey key,
                                   long generation, long consumerId, String selector, boolean noLocal, int partitions) {
        this.session = session;
        this.destination = destination;
        this.topicKey = new TopicKey(destination.kind(), destination.name());
        this.key = key;
        this.generation = generation;
        this.consumerId = consumerId;
        this.selector = selector;
        this.noLocal = noLocal;
        this.acquirer = new Acquirer(this, session, partitions, session.connection().connection().options().prefetch());
    }

    /**
     * Subscribes and starts prefetching.
     *
     * @param key     the subscription; null for a non-durable unshared topic consumer (a private one is made)
     * @param shared  for a durable key: a shared durable subscription
     * @throws InvalidSelectorException for a selector that does not parse (nothing reaches the broker)
     * @throws IllegalStateException    when the durable subscription already has its consumer
     */
    public static PartitaMessageConsumer open(SessionDelivery session, PartitaDestination destination, SubscriptionKey key,
                                              String selector, boolean noLocal, boolean shared) throws JMSException {
        String normalized = selector == null || selector.isBlank() ? null : selector;
        if (normalized != null) {
            try {
                Selector.parse(normalized);
            } catch (SelectorSyntaxException e) {
                InvalidSelectorException invalid = new InvalidSelectorException("invalid message selector \"" + normalized
                        + "\": " + e.getMessage(), Errors.INVALID_SELECTOR.name());
                invalid.initCause(e);
                throw invalid;
            }
        }
        if (session.sessionListener() != null) {
            throw new IllegalStateException("the session has a distinguished MessageListener (application server"
                    + " facility): it receives no other way, so it cannot have consumers");
        }
        ConnectionConsumers connection = session.connection();
        ConnectionOptions options = connection.connection().options();
        long consumerId = connection.nextConsumerId();
        SubscriptionKey subscription = key != null ? key : SubscriptionKey.privateTo(connection.connectionId(), consumerId);
        TopicKey topic = new TopicKey(destination.kind(), destination.name());
        TopicInfo info = await(session, connection.client().topic(topic, options.autoCreate(), options.reconnectTimeoutMs()),
                "consumer on " + destination);
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, options.reconnectTimeoutMs());
        SubscribeResponse response = await(session, connection.client().subscribe(new SubscribeRequest(subscription, topic,
                normalized, noLocal, shared, connection.connectionId(), session.sessionId(), consumerId, timeoutMs)),
                "consumer on " + destination);
        failIfError(response.error(), response.errorMessage(), destination);
        for (SubscribeResponse.PartitionStart start : response.partitions()) {
            failIfError(start.error(), null, destination);
        }
        PartitaMessageConsumer consumer = new PartitaMessageConsumer(session, destination, subscription,
                response.generation(), consumerId, normalized, noLocal, info.partitionCount());
        session.register(consumer);
        consumer.acquirer.start();
        return consumer;
    }

    private static void failIfError(Errors error, String message, PartitaDestination destination) throws JMSException {
        if (error == Errors.NONE) {
            return;
        }
        String text = "cannot create a consumer on " + destination + ": " + (message == null ? error.message() : message);
        throw switch (error) {
            case INVALID_SELECTOR -> new InvalidSelectorException(text, error.name());
            case SUBSCRIPTION_IN_USE -> new IllegalStateException(text, error.name());
            default -> JmsExceptions.toJms("cannot create a consumer on " + destination,
                    error.exception(message == null ? error.message() : message));
        };
    }

    static <T> T await(SessionDelivery session, CompletableFuture<T> future, String what) throws JMSException {
        ConnectionOptions options = session.connection().connection().options();
        long timeoutMs = options.reconnectTimeoutMs() + options.requestTimeoutMs();
        try {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException("interrupted: " + what);
        } catch (ExecutionException e) {
            JMSException error = JmsExceptions.toJms(what, e);
            if (JmsExceptions.unwrap(e) instanceof dev.partita.protocol.message.RetriableException) {
                session.connection().report(error); // no broker could be reached: a connection problem too
            }
            throw error;
        } catch (TimeoutException e) {
            JMSException error = new JMSException(what + ": no broker answered within " + timeoutMs + " ms", "REQUEST_TIMED_OUT");
            session.connection().report(error);
            throw error;
        }
    }

    // ---------------------------------------------------------------- for the session

    /** The session that acquires this consumer's messages (and must acknowledge them). */
    SessionDelivery session() { return session; }
    PrefetchBuffer buffer() { return buffer; }
    Acquirer acquirer() { return acquirer; }
    MessageListener listener() { return listener; }
    SubscriptionKey key() { return key; }
    long generation() { return generation; }
    TopicKey topicKey() { return topicKey; }
    PartitaDestination destination() { return destination; }

    public boolean isClosed() {
        return closed;
    }

    /** How many messages are prefetched and not handed over yet. */
    int prefetched() {
        session.lock().lock();
        try {
            return buffer.size();
        } finally {
            session.lock().unlock();
        }
    }

    /** Called with the session lock held: a failure (broker gone, subscription replaced) ends receiving. */
    void checkFailure() throws JMSException {
        JMSException failed = failure;
        if (failed != null) {
            throw failed;
        }
    }

    /** Receiving failed for good: blocking calls throw it, and the exception listener hears of it. */
    void fail(JMSException problem) {
        if (failure == null && !closed) {
            failure = problem;
            acquirer.stop();
            session.connection().report(problem);
        }
        session.wakeUp();
    }

    private void checkClosed() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the consumer is closed");
        }
        session.session().checkClosed();
    }

    // ---------------------------------------------------------------- MessageConsumer

    @Override
    public String getMessageSelector() throws JMSException {
        checkClosed();
        return selector;
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkClosed();
        return listener;
    }

    /** Sets (or with null removes) the listener; from then on messages go to it, on the session's delivery thread. */
    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkClosed();
        this.listener = listener;
        if (listener != null) {
            session.listenerSet();
        } else {
            session.wakeUp();
        }
    }

    @Override
    public Message receive() throws JMSException {
        return receive(-1);
    }

    /** Waits up to {@code timeout} ms (0 = forever, as the spec says). */
    @Override
    public Message receive(long timeout) throws JMSException {
        checkClosed();
        if (listener != null) {
            throw new IllegalStateException("the consumer has a MessageListener: receive is not allowed");
        }
        Delivery delivery = session.take(this, timeout == 0 ? -1 : timeout);
        if (delivery == null) {
            return null;
        }
        session.afterDelivery(delivery, false);
        return delivery.message();
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        checkClosed();
        if (listener != null) {
            throw new IllegalStateException("the consumer has a MessageListener: receive is not allowed");
        }
        Delivery delivery = session.take(this, 0);
        if (delivery == null) {
            return null;
        }
        session.afterDelivery(delivery, false);
        return delivery.message();
    }

    /**
     * {@code JMSConsumer.receiveBody}: the body of the next message, which must be a text, bytes,
     * map or object message whose body is assignable to {@code type}; otherwise
     * {@code MessageFormatException} and the message is delivered again unless the session is in
     * {@code CLIENT_ACKNOWLEDGE} mode. {@code timeoutMs} as {@link SessionDelivery#take}.
     */
    <T> T receiveBody(Class<T> type, long timeoutMs) throws JMSException {
        checkClosed();
        if (listener != null) {
            throw new IllegalStateException("the consumer has a MessageListener: receive is not allowed");
        }
        Delivery delivery = session.take(this, timeoutMs);
        if (delivery == null) {
            return null;
        }
        Message message = delivery.message();
        boolean hasBody = message instanceof TextMessage || message instanceof BytesMessage
                || message instanceof MapMessage || message instanceof ObjectMessage;
        if (!hasBody || !message.isBodyAssignableTo(type)) {
            if (session.mode() != AckMode.CLIENT) {
                session.afterDelivery(delivery, true);
            }
            throw new MessageFormatException("the message (" + message.getClass().getSimpleName()
                    + ") has no body receiveBody can return as " + type.getName());
        }
        T body = message.getBody(type);
        session.afterDelivery(delivery, false);
        return body;
    }

    /**
     * Closes: waits for a running listener of the session (unless called from it), releases the
     * prefetched messages, then tells the broker. Returns within {@code reconnectTimeout +
     * requestTimeout} even when no broker answers: a release or leave that fails is logged (the
     * broker's lease expiry releases the messages anyway) and, when no broker answered, reported to
     * the exception listener; it is not thrown. Idempotent.
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        session.awaitListenerIdle();
        CompletableFuture<Void> closing = closeAsync();
        if (closing == null) {
            return;
        }
        try {
            session.await(closing, "close of the consumer on " + destination);
        } catch (JMSException e) {
            log.warn("closing consumer {} on {}: {}", consumerId, key, e.getMessage());
        }
    }

    /**
     * Closes as part of the session's close, without waiting: the returned future completes when
     * the prefetch was released and the broker told (never exceptionally); null when already closed.
     */
    CompletableFuture<Void> closeQuietly() {
        return closeAsync();
    }

    private CompletableFuture<Void> closeAsync() {
        Stopped stopped = stop();
        if (stopped == null) {
            return null;
        }
        List<Delivery> prefetched = stopped.prefetched();
        CompletableFuture<Void> released = prefetched.isEmpty() ? CompletableFuture.completedFuture(null)
                : session.changes().release(List.of(), prefetched);
        // leave after the release, whatever its outcome: both are bounded by the client's timeouts. Leaving
        // also answers this consumer's long poll parked on the broker at once; close then waits for the
        // answers of its acquires still in flight and their release, so a later consumer of the
        // subscription cannot take the messages behind them first (bounded by the request timeout)
        return released.handle((ok, e) -> {
            if (e != null) {
                log.debug("releasing the prefetch of {} at close failed: {}", this, e.toString());
            }
            return null;
        }).thenCompose(ignored -> leave()).thenCompose(ignored -> stopped.acquiresDone());
    }

    /** What stopping leaves to do: release the prefetch, and wait for the acquires in flight. */
    private record Stopped(List<Delivery> prefetched, CompletableFuture<Void> acquiresDone) {
    }

    /** Marks closed, stops acquiring and takes the prefetch; null when already closed. */
    private Stopped stop() {
        Stopped stopped;
        session.lock().lock();
        try {
            if (closed) {
                return null;
            }
            closed = true;
            CompletableFuture<Void> acquiresDone = acquirer.stop();
            stopped = new Stopped(buffer.drain(), acquiresDone);
        } finally {
            session.lock().unlock();
        }
        session.unregister(this);
        return stopped;
    }

    /**
     * Tells the broker the consumer left its subscription (a private one goes, a durable one
     * becomes inactive, a queue's stays as it is); the broker answers the connection's acquires
     * parked on it empty at once. A failure is logged, never an exceptional completion: the
     * connection's lease expiry ends the consumer's part anyway.
     */
    private CompletableFuture<Void> leave() {
        CompletableFuture<Void> left = session.connection().client().unsubscribe(new UnsubscribeRequest(
                UnsubscribeRequest.Mode.CLOSE_CONSUMER, key, session.connection().connectionId(), consumerId))
                .handle((response, e) -> {
                    if (e != null) {
                        log.warn("closing consumer {} on {}: {}", consumerId, key, JmsExceptions.unwrap(e).toString());
                    } else if (response.error() != Errors.NONE && response.error() != Errors.UNKNOWN_SUBSCRIPTION) {
                        log.warn("closing consumer {} on {}: the broker answered {}", consumerId, key, response.error());
                    }
                    return null;
                });
        if (failure != null) { // no broker answered lately: tell it without waiting (the lease expiry ends it anyway)
            return CompletableFuture.completedFuture(null);
        }
        return left;
    }

    // ---------------------------------------------------------------- QueueReceiver, TopicSubscriber

    @Override
    public Queue getQueue() throws JMSException {
        checkClosed();
        if (destination instanceof Queue queue) { // a temporary queue too
            return queue;
        }
        throw new IllegalStateException("this consumer reads a topic, not a queue");
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkClosed();
        if (destination instanceof Topic topic) { // a temporary topic too
            return topic;
        }
        throw new IllegalStateException("this consumer reads a queue, not a topic");
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        checkClosed();
        return noLocal;
    }

    @Override
    public String toString() {
        return "PartitaMessageConsumer(" + consumerId + " on " + destination + ", " + key + (closed ? ", closed" : "") + ")";
    }
}
