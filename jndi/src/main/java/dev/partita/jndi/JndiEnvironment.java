package dev.partita.jndi;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.NamingException;

/**
 * The keys that configure a Partita JNDI context and how an environment (from
 * {@code jndi.properties} or the map given to {@code new InitialContext(env)}) becomes the
 * context's bindings. The key style is the one ActiveMQ Artemis and Qpid JMS users know:
 *
 * <pre>
 * java.naming.provider.url        = partita://host:port[,host:port...][?option=value&amp;...]
 * connectionFactory.&lt;name&gt;      = broker URL (empty: the provider URL)
 * queue.&lt;name&gt;                  = queue name on the broker
 * topic.&lt;name&gt;                  = topic name on the broker
 * </pre>
 *
 * <p>Names are flat and taken as written: {@code queue.jms/Orders} binds the single name
 * {@code jms/Orders}. The prefixes are matched ignoring case ({@code connectionfactory.} as Qpid JMS
 * writes it works too). Without any {@code connectionFactory.} key a factory for the provider URL is
 * bound as {@value #DEFAULT_CONNECTION_FACTORY_NAME}; without a provider URL that is
 * {@value #DEFAULT_BROKER_URL}. Other keys are ignored. Lookups of {@code dynamicQueues/<name>} and
 * {@code dynamicTopics/<name>} create destinations without any key (see {@link PartitaContext}).
 *
 * <p>Stateless, thread-safe.
 */
public final class JndiEnvironment {

    /** Key prefix binding a connection factory: {@code connectionFactory.<name>=<broker URL>}. */
    public static final String CONNECTION_FACTORY_PREFIX = "connectionFactory.";
    /** Key prefix binding a queue: {@code queue.<name>=<queue name>}. */
    public static final String QUEUE_PREFIX = "queue.";
    /** Key prefix binding a topic: {@code topic.<name>=<topic name>}. */
    public static final String TOPIC_PREFIX = "topic.";
    /** Lookup prefix creating a queue on the fly: {@code dynamicQueues/<queue name>}. */
    public static final String DYNAMIC_QUEUES_PREFIX = "dynamicQueues/";
    /** Lookup prefix creating a topic on the fly: {@code dynamicTopics/<topic name>}. */
    public static final String DYNAMIC_TOPICS_PREFIX = "dynamicTopics/";
    /** Name of the connection factory bound when no {@code connectionFactory.} key is given. */
    public static final String DEFAULT_CONNECTION_FACTORY_NAME = "ConnectionFactory";
    /** Broker URL used when {@code java.naming.provider.url} is absent or blank: a broker on this host. */
    public static final String DEFAULT_BROKER_URL = "partita://localhost:7676";

    private JndiEnvironment() {
    }

    /** The broker URL of {@code java.naming.provider.url}, or {@link #DEFAULT_BROKER_URL}. */
    public static String providerUrl(Map<?, ?> environment) throws NamingException {
        Object value = environment.get(Context.PROVIDER_URL);
        if (value == null) {
            return DEFAULT_BROKER_URL;
        }
        String url = stringValue(Context.PROVIDER_URL, value).trim();
        return url.isEmpty() ? DEFAULT_BROKER_URL : url;
    }

    /**
     * The bindings an environment describes, by name, sorted.
     *
     * @throws NamingException for a key that names nothing, a value that is not a String, an invalid
     *     broker URL or destination name (the provider's exception is the root cause), or two keys
     *     binding the same name
     */
    public static SortedMap<String, Object> bindings(Map<?, ?> environment) throws NamingException {
        String providerUrl = providerUrl(environment);
        // Sorted keys: the same environment always fails on the same key first.
        SortedMap<String, Object> keys = new TreeMap<>();
        environment.forEach((key, value) -> {
            if (key instanceof String name) {
                keys.put(name, value);
            }
        });
        SortedMap<String, Object> bindings = new TreeMap<>();
        Map<String, String> keyOfName = new HashMap<>();
        boolean anyFactoryKey = false;
        for (Map.Entry<String, Object> entry : keys.entrySet()) {
            String key = entry.getKey();
            Object bound;
            String name;
            if (hasPrefix(key, CONNECTION_FACTORY_PREFIX)) {
                anyFactoryKey = true;
                name = nameAfter(key, CONNECTION_FACTORY_PREFIX);
                String url = stringValue(key, entry.getValue()).trim();
                bound = ProviderObjects.connectionFactory(url.isEmpty() ? providerUrl : url, key);
            } else if (hasPrefix(key, QUEUE_PREFIX)) {
                name = nameAfter(key, QUEUE_PREFIX);
                bound = ProviderObjects.queue(stringValue(key, entry.getValue()), key);
            } else if (hasPrefix(key, TOPIC_PREFIX)) {
                name = nameAfter(key, TOPIC_PREFIX);
                bound = ProviderObjects.topic(stringValue(key, entry.getValue()), key);
            } else {
                continue;
            }
            bind(bindings, keyOfName, name, bound, key);
        }
        if (!anyFactoryKey) {
            String origin = Context.PROVIDER_URL + " (the default " + DEFAULT_CONNECTION_FACTORY_NAME + ")";
            bind(bindings, keyOfName, DEFAULT_CONNECTION_FACTORY_NAME,
                    ProviderObjects.connectionFactory(providerUrl, origin), origin);
        }
        return Collections.unmodifiableSortedMap(bindings);
    }

    private static void bind(Map<String, Object> bindings, Map<String, String> keyOfName, String name,
            Object bound, String key) throws ConfigurationException {
        String earlier = keyOfName.putIfAbsent(name, key);
        if (earlier != null) {
            throw new ConfigurationException("\"" + earlier + "\" and \"" + key
                    + "\" both bind the name \"" + name + "\": JNDI names must be unique");
        }
        bindings.put(name, bound);
    }

    private static boolean hasPrefix(String key, String prefix) {
        return key.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static String nameAfter(String key, String prefix) throws ConfigurationException {
        String name = key.substring(prefix.length());
        if (name.isEmpty()) {
            throw new ConfigurationException("key \"" + key + "\" binds no name: write "
                    + prefix + "<name>=<value>");
        }
        return name;
    }

    private static String stringValue(String key, Object value) throws ConfigurationException {
        if (value instanceof String string) {
            return string;
        }
        throw new ConfigurationException("the value of \"" + key + "\" must be a String, not "
                + (value == null ? "null" : value.getClass().getName()));
    }
}
