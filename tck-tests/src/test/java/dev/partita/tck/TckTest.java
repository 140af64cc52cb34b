package dev.partita.tck;

import dev.partita.provider.destination.PartitaDestination;
import dev.partita.provider.message.ObjectMessageAllowlist;
import dev.partita.tck.SuiteBroker.Stored;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of every conformance test class: the suite's broker, and what an application gets from JNDI
 * (the class path's {@code jndi.properties} plus the broker's URL, only known at run time). Each
 * test uses destinations of its own ({@link #queue}, {@link #topic}), so tests sharing the broker
 * never see each other's messages.
 */
@ExtendWith(SuiteBroker.Extension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class TckTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    /** Set by {@link SuiteBroker.Extension} before the first test of each class. */
    static volatile SuiteBroker broker;

    /** A JNDI context as an application builds it: jndi.properties, the broker URL, and {@code extra} keys. */
    protected static InitialContext jndi(Map<String, String> extra) throws NamingException {
        Hashtable<String, Object> environment = new Hashtable<>(extra);
        environment.put(Context.PROVIDER_URL, broker.url());
        return new InitialContext(environment);
    }

    /** The {@code ConnectionFactory} bound by default for the provider URL. */
    protected static ConnectionFactory factory() throws NamingException {
        return factory("");
    }

    /** A factory for the broker URL with {@code options} ({@code a=b&c=d}), bound as {@code connectionFactory.Custom}. */
    protected static ConnectionFactory factory(String options) throws NamingException {
        String url = broker.url() + (options.isEmpty() ? "" : "?" + options);
        InitialContext context = jndi(Map.of("connectionFactory.Custom", url));
        try {
            return (ConnectionFactory) context.lookup("Custom");
        } finally {
            context.close();
        }
    }

    /** A queue no other test uses, looked up as {@code dynamicQueues/<prefix>-<n>}. */
    protected static Queue queue(String prefix) throws NamingException {
        return (Queue) lookup("dynamicQueues/" + unique(prefix));
    }

    /** A topic no other test uses, looked up as {@code dynamicTopics/<prefix>-<n>}. */
    protected static Topic topic(String prefix) throws NamingException {
        return (Topic) lookup("dynamicTopics/" + unique(prefix));
    }

    private static Object lookup(String name) throws NamingException {
        InitialContext context = jndi(Map.of());
        try {
            return context.lookup(name);
        } finally {
            context.close();
        }
    }

    /** The elements of one of the API's raw enumerations (property, map and JMSX names). */
    protected static List<Object> names(Enumeration<?> enumeration) {
        List<Object> names = new ArrayList<>();
        while (enumeration.hasMoreElements()) {
            names.add(enumeration.nextElement());
        }
        return names;
    }

    protected static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    /** What the broker stored in {@code destination}, read with the low-level log consumer (see {@link SuiteBroker#stored}). */
    protected static List<Stored> stored(Destination destination, int expected) throws Exception {
        return broker.stored(PartitaDestination.of(destination), expected, ObjectMessageAllowlist.DEFAULT);
    }

    protected static List<Stored> stored(Destination destination, int expected, ObjectMessageAllowlist allowlist) throws Exception {
        return broker.stored(PartitaDestination.of(destination), expected, allowlist);
    }
}
