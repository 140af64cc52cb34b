package dev.partita.provider.producer;

import dev.partita.provider.destination.PartitaDestination;
import dev.partita.provider.session.PartitaSession;
import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;

/**
 * A JMS message producer of a session, with or without a destination of its own (an
 * "unidentified" producer names one per send). Holds the defaults of its sends; the sending itself
 * is the session's {@link MessageSender}, so all producers of a session share its one partition
 * per destination and its completion order.
 *
 * <p>Spec rules (7.2, 7.3): a producer with a destination refuses the send variants naming one
 * ({@code UnsupportedOperationException}); an unidentified producer refuses those that do not
 * ({@code UnsupportedOperationException}) and a null destination ({@code InvalidDestinationException});
 * a closed producer or session throws {@code IllegalStateException}; {@code close} waits for the
 * session's incomplete asynchronous sends and is refused from a {@code CompletionListener} of its
 * session.
 *
 * <p>Used by its session's thread, as the spec says; {@code close} may come from any thread.
 */
public final class PartitaMessageProducer implements MessageProducer, QueueSender, TopicPublisher {

    private final PartitaSession session;
    private final PartitaDestination destination;
    private volatile SendOptions defaults = SendOptions.DEFAULT;
    private volatile boolean closed;

    /** Made by {@code PartitaSession.createProducer}; {@code destination} null for an unidentified producer. */
    public PartitaMessageProducer(PartitaSession session, PartitaDestination destination) {
        this.session = session;
        this.destination = destination;
    }

    private void checkClosed() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the message producer is closed");
        }
        session.checkClosed();
    }

    // ---------------------------------------------------------------- defaults

    @Override
    public void setDisableMessageID(boolean value) throws JMSException {
        checkClosed();
        SendOptions d = defaults;
        defaults = new SendOptions(d.deliveryMode(), d.priority(), d.timeToLive(), d.deliveryDelay(), value, d.disableMessageTimestamp());
    }

    @Override
    public boolean getDisableMessageID() throws JMSException {
        checkClosed();
        return defaults.disableMessageId();
    }

    @Override
    public void setDisableMessageTimestamp(boolean value) throws JMSException {
        checkClosed();
        SendOptions d = defaults;
        defaults = new SendOptions(d.deliveryMode(), d.priority(), d.timeToLive(), d.deliveryDelay(), d.disableMessageId(), value);
    }

    @Override
    public boolean getDisableMessageTimestamp() throws JMSException {
        checkClosed();
        return defaults.disableMessageTimestamp();
    }

    /** @throws JMSException unless PERSISTENT or NON_PERSISTENT */
    @Override
    public void setDeliveryMode(int deliveryMode) throws JMSException {
        checkClosed();
        SendOptions.checkDeliveryMode(deliveryMode);
        defaults = defaults.with(deliveryMode, defaults.priority(), defaults.timeToLive());
    }

    @Override
    public int getDeliveryMode() throws JMSException {
        checkClosed();
        return defaults.deliveryMode();
    }

    /** @throws JMSException unless 0..9 */
    @Override
    public void setPriority(int priority) throws JMSException {
        checkClosed();
        SendOptions.checkPriority(priority);
        defaults = defaults.with(defaults.deliveryMode(), priority, defaults.timeToLive());
    }

    @Override
    public int getPriority() throws JMSException {
        checkClosed();
        return defaults.priority();
    }

    /** Milliseconds a message lives from its send; 0 (or less) = forever. */
    @Override
    public void setTimeToLive(long timeToLive) throws JMSException {
        checkClosed();
        defaults = defaults.with(defaults.deliveryMode(), defaults.priority(), timeToLive);
    }

    @Override
    public long getTimeToLive() throws JMSException {
        checkClosed();
        return defaults.timeToLive();
    }

    /** @throws JMSException for a negative delay, and (not supported yet) for one above 0 */
    @Override
    public void setDeliveryDelay(long deliveryDelay) throws JMSException {
        checkClosed();
        SendOptions.checkDeliveryDelay(deliveryDelay);
    }

    @Override
    public long getDeliveryDelay() throws JMSException {
        checkClosed();
        return defaults.deliveryDelay();
    }

    @Override
    public Destination getDestination() throws JMSException {
        checkClosed();
        return destination;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkClosed();
        return destination instanceof Queue queue ? queue : null;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkClosed();
        return destination instanceof Topic topic ? topic : null;
    }

    // ---------------------------------------------------------------- close

    /**
     * Waits for the session's incomplete asynchronous sends, then closes. Idempotent.
     *
     * @throws IllegalStateException when called from a CompletionListener of this session
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (AsyncSends.inListenerOf(session)) {
            throw new IllegalStateException("a CompletionListener must not close its own message producer");
        }
        session.awaitAsyncSends();
        closed = true;
        session.producerClosed(this);
    }

    /** Marks the producer closed without waiting (its session is closing and waits itself). */
    public void closedBySession() {
        closed = true;
    }

    // ---------------------------------------------------------------- send: the producer's destination

    @Override
    public void send(Message message) throws JMSException {
        send(message, defaults.deliveryMode(), defaults.priority(), defaults.timeToLive());
    }

    @Override
    public void send(Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        sendToOwn(message, defaults.with(deliveryMode, priority, timeToLive), null);
    }

    @Override
    public void send(Message message, CompletionListener completionListener) throws JMSException {
        send(message, defaults.deliveryMode(), defaults.priority(), defaults.timeToLive(), completionListener);
    }

    @Override
    public void send(Message message, int deliveryMode, int priority, long timeToLive, CompletionListener completionListener)
            throws JMSException {
        sendToOwn(message, defaults.with(deliveryMode, priority, timeToLive), requireListener(completionListener));
    }

    private void sendToOwn(Message message, SendOptions options, CompletionListener listener) throws JMSException {
        checkClosed();
        if (destination == null) {
            throw new UnsupportedOperationException("this producer has no destination: use a send method that names one");
        }
        session.sender().send(destination, message, options, listener);
    }

    // ---------------------------------------------------------------- send: a destination per send

    @Override
    public void send(Destination target, Message message) throws JMSException {
        send(target, message, defaults.deliveryMode(), defaults.priority(), defaults.timeToLive());
    }

    @Override
    public void send(Destination target, Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        sendTo(target, message, defaults.with(deliveryMode, priority, timeToLive), null);
    }

    @Override
    public void send(Destination target, Message message, CompletionListener completionListener) throws JMSException {
        send(target, message, defaults.deliveryMode(), defaults.priority(), defaults.timeToLive(), completionListener);
    }

    @Override
    public void send(Destination target, Message message, int deliveryMode, int priority, long timeToLive,
                     CompletionListener completionListener) throws JMSException {
        sendTo(target, message, defaults.with(deliveryMode, priority, timeToLive), requireListener(completionListener));
    }

    private void sendTo(Destination target, Message message, SendOptions options, CompletionListener listener) throws JMSException {
        checkClosed();
        if (destination != null) {
            throw new UnsupportedOperationException("this producer was created for " + destination
                    + ": use a send method without a destination");
        }
        if (target == null) {
            throw new InvalidDestinationException("the destination must not be null");
        }
        session.sender().send(PartitaDestination.of(target), message, options, listener);
    }

    private static CompletionListener requireListener(CompletionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("the CompletionListener must not be null");
        }
        return listener;
    }

    // ---------------------------------------------------------------- QueueSender and TopicPublisher

    @Override
    public void send(Queue queue, Message message) throws JMSException {
        send((Destination) queue, message);
    }

    @Override
    public void send(Queue queue, Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        send((Destination) queue, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void publish(Message message) throws JMSException {
        send(message);
    }

    @Override
    public void publish(Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void publish(Topic topic, Message message) throws JMSException {
        send(topic, message);
    }

    @Override
    public void publish(Topic topic, Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        send(topic, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public String toString() {
        return "PartitaMessageProducer(" + (destination == null ? "unidentified" : destination) + (closed ? ", closed" : "") + ")";
    }
}
