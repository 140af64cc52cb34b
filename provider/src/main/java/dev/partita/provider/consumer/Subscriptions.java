package dev.partita.provider.consumer;

import dev.partita.protocol.message.DestinationKind;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TemporaryDestinationName;
import dev.partita.protocol.message.UnsubscribeRequest;
import dev.partita.protocol.message.UnsubscribeResponse;
import dev.partita.provider.destination.ConnectionTemporaries;
import dev.partita.provider.destination.PartitaDestination;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.destination.PartitaTopic;
import dev.partita.provider.util.JmsExceptions;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;

/**
 * What a session's consumer methods mean as subscriptions (DESIGN.md, "Mapping JMS onto logs"):
 * a queue consumer joins the queue's subscription; a non-durable topic consumer gets a private
 * one; durable consumers name (client ID, name) in the durable namespace, shared ones (client ID
 * or none, name) in the shared one; {@code unsubscribe} deletes a durable subscription. Checks the
 * arguments the spec names first. Stateless.
 */
public final class Subscriptions {

    private Subscriptions() {
    }

    /** {@code createConsumer}: a queue's subscription, or a private one on a topic. */
    public static PartitaMessageConsumer consumer(SessionDelivery session, Destination destination, String selector,
                                                  boolean noLocal) throws JMSException {
        PartitaDestination target = destination(destination);
        session.connection().connection().markUsed();
        if (target.isTemporary()) {
            return temporary(session, target, selector, noLocal);
        }
        SubscriptionKey key = target instanceof PartitaQueue ? SubscriptionKey.queue(target.name()) : null;
        return PartitaMessageConsumer.open(session, target, key, selector, target instanceof PartitaTopic && noLocal, false);
    }

    /**
     * A consumer of a temporary destination, which only its connection may read: a temporary
     * queue's consumers share its one subscription, a temporary topic's each get a private one.
     */
    private static PartitaMessageConsumer temporary(SessionDelivery session, PartitaDestination target, String selector,
                                                    boolean noLocal) throws JMSException {
        ConnectionTemporaries temporaries = session.connection().connection().temporaries();
        temporaries.checkConsumer(target);
        boolean queue = target.kind() == DestinationKind.QUEUE;
        SubscriptionKey key = queue
                ? TemporaryDestinationName.of(target.topicKey()).orElseThrow().queueSubscription() : null;
        PartitaMessageConsumer consumer = PartitaMessageConsumer.open(session, target, key, selector, !queue && noLocal, false);
        temporaries.consumerOpened(target, consumer::isClosed);
        return consumer;
    }

    /** {@code createDurableConsumer} / {@code createDurableSubscriber}: unshared, needs a client ID. */
    public static PartitaMessageConsumer durable(SessionDelivery session, Topic topic, String name, String selector,
                                                 boolean noLocal) throws JMSException {
        PartitaDestination target = topic(topic);
        checkName(name);
        String clientId = session.connection().connection().getClientID();
        if (clientId == null) {
            throw new IllegalStateException("an unshared durable subscription needs a client ID: set one on the connection"
                    + " (clientID option or setClientID) before creating \"" + name + "\"");
        }
        session.connection().connection().markUsed();
        return PartitaMessageConsumer.open(session, target, SubscriptionKey.durable(clientId, name), selector, noLocal, false);
    }

    /** {@code createSharedDurableConsumer}: the client ID, if any, is part of the name. */
    public static PartitaMessageConsumer sharedDurable(SessionDelivery session, Topic topic, String name, String selector)
            throws JMSException {
        PartitaDestination target = topic(topic);
        checkName(name);
        String clientId = session.connection().connection().getClientID();
        session.connection().connection().markUsed();
        return PartitaMessageConsumer.open(session, target, SubscriptionKey.durable(clientId, name), selector, false, true);
    }

    /** {@code createSharedConsumer}: a shared non-durable subscription, alive while it has consumers. */
    public static PartitaMessageConsumer shared(SessionDelivery session, Topic topic, String name, String selector)
            throws JMSException {
        PartitaDestination target = topic(topic);
        checkName(name);
        String clientId = session.connection().connection().getClientID();
        session.connection().connection().markUsed();
        return PartitaMessageConsumer.open(session, target, SubscriptionKey.shared(clientId, name), selector, false, true);
    }

    /** {@code createBrowser}. */
    public static PartitaQueueBrowser browser(SessionDelivery session, Queue queue, String selector) throws JMSException {
        if (queue == null) {
            throw new InvalidDestinationException("a browser needs a queue, not null");
        }
        PartitaDestination target = PartitaDestination.of(queue);
        if (target.isTemporary() && target instanceof Queue) {
            session.connection().connection().temporaries().checkConsumer(target); // only its connection reads it
        } else if (!(target instanceof PartitaQueue)) {
            throw new InvalidDestinationException("a browser needs a queue: " + queue);
        }
        session.connection().connection().markUsed();
        return PartitaQueueBrowser.open(session, target, selector);
    }

    /**
     * {@code unsubscribe}: deletes the durable subscription (client ID, name).
     *
     * @throws IllegalStateException       when it has an active consumer
     * @throws InvalidDestinationException when there is no such subscription
     */
    public static void unsubscribe(SessionDelivery session, String name) throws JMSException {
        checkName(name);
        String clientId = session.connection().connection().getClientID();
        session.connection().connection().markUsed();
        UnsubscribeResponse response = PartitaMessageConsumer.await(session, session.connection().client().unsubscribe(
                new UnsubscribeRequest(UnsubscribeRequest.Mode.DELETE, SubscriptionKey.durable(clientId, name),
                        session.connection().connectionId(), 0)), "unsubscribe " + name);
        String message = "cannot unsubscribe \"" + name + "\": "
                + (response.errorMessage() == null ? response.error().message() : response.errorMessage());
        switch (response.error()) {
            case NONE -> { }
            case SUBSCRIPTION_IN_USE -> throw new IllegalStateException(message, response.error().name());
            case UNKNOWN_SUBSCRIPTION -> throw new InvalidDestinationException(message, response.error().name());
            default -> throw JmsExceptions.toJms("unsubscribe " + name, response.error().exception(message));
        }
    }

    private static PartitaDestination destination(Destination destination) throws JMSException {
        if (destination == null) {
            throw new InvalidDestinationException("a consumer needs a destination, not null");
        }
        return PartitaDestination.of(destination);
    }

    private static PartitaDestination topic(Topic topic) throws JMSException {
        if (topic == null) {
            throw new InvalidDestinationException("a subscription needs a topic, not null");
        }
        PartitaDestination target = PartitaDestination.of(topic);
        if (!(target instanceof PartitaTopic)) {
            throw new InvalidDestinationException("a subscription needs a topic: " + topic);
        }
        return target;
    }

    private static void checkName(String name) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new JMSException("a subscription name must not be null or empty", Errors.INVALID_REQUEST.name());
        }
    }
}
