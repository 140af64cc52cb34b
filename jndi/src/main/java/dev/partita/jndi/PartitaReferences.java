package dev.partita.jndi;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.destination.PartitaTopic;
import javax.naming.Reference;
import javax.naming.StringRefAddr;

/**
 * {@link Reference}s to Partita connection factories and destinations, so that they can be bound
 * in any naming service that stores references (an application server's, LDAP, ...) and are
 * rebuilt by {@link PartitaObjectFactory} on lookup:
 *
 * <pre>
 * otherContext.bind("jms/Orders", PartitaReferences.referenceFor(new PartitaQueue("orders")));
 * Queue orders = (Queue) otherContext.lookup("jms/Orders");   // a PartitaQueue again
 * </pre>
 *
 * <p>The reference format, which the provider's classes may also produce themselves:
 *
 * <table>
 *   <caption>Reference per object</caption>
 *   <tr><th>object</th><th>class name</th><th>address (a {@link StringRefAddr})</th></tr>
 *   <tr><td>connection factory</td><td>{@code dev.partita.provider.PartitaConnectionFactory}</td>
 *       <td>{@value #BROKER_URL_ADDRESS}: the broker URL, which holds every setting</td></tr>
 *   <tr><td>queue</td><td>{@code dev.partita.provider.destination.PartitaQueue}</td>
 *       <td>{@value #NAME_ADDRESS}: the queue name</td></tr>
 *   <tr><td>topic</td><td>{@code dev.partita.provider.destination.PartitaTopic}</td>
 *       <td>{@value #NAME_ADDRESS}: the topic name</td></tr>
 * </table>
 *
 * <p>The factory class name is {@value #OBJECT_FACTORY}, the factory location null (the class
 * comes from the application's class path, never from a URL). Stateless, thread-safe.
 */
public final class PartitaReferences {

    /** The class name of {@link PartitaObjectFactory}, as references carry it. */
    public static final String OBJECT_FACTORY = "dev.partita.jndi.PartitaObjectFactory";
    /** Address type of a connection factory's broker URL. */
    public static final String BROKER_URL_ADDRESS = "brokerUrl";
    /** Address type of a destination's name. */
    public static final String NAME_ADDRESS = "name";

    private PartitaReferences() {
    }

    /**
     * The reference to a {@link PartitaConnectionFactory}, {@link PartitaQueue} or {@link PartitaTopic}.
     *
     * @throws IllegalArgumentException for null or any other object
     */
    public static Reference referenceFor(Object object) {
        if (object instanceof PartitaConnectionFactory factory) {
            return reference(PartitaConnectionFactory.class, BROKER_URL_ADDRESS, factory.getBrokerUrl());
        }
        if (object instanceof PartitaQueue queue) {
            return reference(PartitaQueue.class, NAME_ADDRESS, queue.getQueueName());
        }
        if (object instanceof PartitaTopic topic) {
            return reference(PartitaTopic.class, NAME_ADDRESS, topic.getTopicName());
        }
        throw new IllegalArgumentException("no Partita reference for "
                + (object == null ? "null" : "a " + object.getClass().getName())
                + ": only PartitaConnectionFactory, PartitaQueue and PartitaTopic have one");
    }

    private static Reference reference(Class<?> type, String addressType, String value) {
        return new Reference(type.getName(), new StringRefAddr(addressType, value), OBJECT_FACTORY, null);
    }
}
