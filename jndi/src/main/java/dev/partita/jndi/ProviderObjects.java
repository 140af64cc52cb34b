package dev.partita.jndi;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.destination.PartitaTopic;
import javax.naming.NamingException;

/**
 * Creates the provider's objects (connection factories, queues, topics) for the naming code and
 * turns their validation failures into {@link NamingException}s that say which setting was wrong
 * and keep the provider's exception as the cause. Stateless, thread-safe.
 */
final class ProviderObjects {

    private ProviderObjects() {
    }

    /**
     * A connection factory for a broker URL.
     *
     * @param origin where the URL came from, for the message (e.g. {@code connectionFactory.Orders})
     */
    static PartitaConnectionFactory connectionFactory(String brokerUrl, String origin) throws NamingException {
        try {
            return new PartitaConnectionFactory(brokerUrl);
        } catch (RuntimeException e) {
            throw failure(origin + ": invalid broker URL \"" + brokerUrl + "\"", e);
        }
    }

    static PartitaQueue queue(String name, String origin) throws NamingException {
        try {
            return new PartitaQueue(name);
        } catch (RuntimeException e) {
            throw failure(origin + ": invalid queue name \"" + name + "\"", e);
        }
    }

    static PartitaTopic topic(String name, String origin) throws NamingException {
        try {
            return new PartitaTopic(name);
        } catch (RuntimeException e) {
            throw failure(origin + ": invalid topic name \"" + name + "\"", e);
        }
    }

    private static NamingException failure(String what, Exception cause) {
        NamingException e = new NamingException(what + ": " + cause.getMessage());
        e.setRootCause(cause);
        return e;
    }
}
