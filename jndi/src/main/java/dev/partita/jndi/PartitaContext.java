package dev.partita.jndi;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.function.Function;
import javax.naming.Binding;
import javax.naming.CompoundName;
import javax.naming.Context;
import javax.naming.InvalidNameException;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NameParser;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;

/**
 * The context {@link PartitaInitialContextFactory} hands out: a read-only, in-memory, flat
 * namespace holding the bindings {@link JndiEnvironment} built from the environment, plus the
 * dynamic names {@code dynamicQueues/<name>} and {@code dynamicTopics/<name>}, which create a
 * destination on each lookup (a name bound by a key wins over a dynamic one).
 *
 * <p>Names are flat: a {@code String} name is looked up exactly as written; a {@link Name} is
 * joined with {@code /} first, so {@code new CompositeName("jms/Orders")} finds the binding
 * {@code jms/Orders}. Looking up the empty name returns a new context with the same bindings, as
 * {@link Context#lookup(String)} requires.
 *
 * <p>Read-only: bindings are fixed when the context is created. {@code bind}, {@code rebind},
 * {@code unbind}, {@code rename}, {@code createSubcontext} and {@code destroySubcontext} throw
 * {@link OperationNotSupportedException}; configure names with keys instead, or bind the objects in
 * another naming service through {@link PartitaReferences}. {@link #addToEnvironment} and
 * {@link #removeFromEnvironment} change only the environment {@link #getEnvironment} reports, never
 * the bindings. After {@link #close()} every lookup and listing throws {@link NamingException};
 * objects looked up earlier stay usable.
 *
 * <p>Thread-safe: the bindings are immutable, the environment is guarded by its own lock.
 */
public final class PartitaContext implements Context {

    /** How many bound names a "not found" message lists before it stops. */
    private static final int NAMES_IN_MESSAGE = 20;

    private static final NameParser FLAT_NAMES = name -> {
        Properties syntax = new Properties();
        syntax.put("jndi.syntax.direction", "flat");
        return new CompoundName(name, syntax);
    };

    private final SortedMap<String, Object> bindings;
    private final Hashtable<Object, Object> environment;
    private volatile boolean closed;

    PartitaContext(Map<?, ?> environment, SortedMap<String, Object> bindings) {
        this.environment = new Hashtable<>(environment);
        this.bindings = bindings;
    }

    @Override
    public Object lookup(String name) throws NamingException {
        checkOpen();
        if (name.isEmpty()) {
            return new PartitaContext(getEnvironment(), bindings);
        }
        Object bound = bindings.get(name);
        if (bound != null) {
            return bound;
        }
        if (name.startsWith(JndiEnvironment.DYNAMIC_QUEUES_PREFIX)) {
            return ProviderObjects.queue(dynamicName(name, JndiEnvironment.DYNAMIC_QUEUES_PREFIX), name);
        }
        if (name.startsWith(JndiEnvironment.DYNAMIC_TOPICS_PREFIX)) {
            return ProviderObjects.topic(dynamicName(name, JndiEnvironment.DYNAMIC_TOPICS_PREFIX), name);
        }
        throw notFound(name);
    }

    @Override
    public Object lookup(Name name) throws NamingException {
        return lookup(flat(name));
    }

    @Override
    public Object lookupLink(String name) throws NamingException {
        return lookup(name); // no links in this namespace
    }

    @Override
    public Object lookupLink(Name name) throws NamingException {
        return lookup(name);
    }

    /** The bindings with their class names; only the empty name (this context) can be listed. */
    @Override
    public NamingEnumeration<NameClassPair> list(String name) throws NamingException {
        checkListable(name);
        return enumerate(e -> new NameClassPair(e.getKey(), e.getValue().getClass().getName()));
    }

    @Override
    public NamingEnumeration<NameClassPair> list(Name name) throws NamingException {
        return list(flat(name));
    }

    /** The bindings with their objects; only the empty name (this context) can be listed. */
    @Override
    public NamingEnumeration<Binding> listBindings(String name) throws NamingException {
        checkListable(name);
        return enumerate(e -> new Binding(e.getKey(), e.getValue().getClass().getName(), e.getValue()));
    }

    @Override
    public NamingEnumeration<Binding> listBindings(Name name) throws NamingException {
        return listBindings(flat(name));
    }

    @Override
    public void bind(Name name, Object obj) throws NamingException {
        throw readOnly("bind");
    }

    @Override
    public void bind(String name, Object obj) throws NamingException {
        throw readOnly("bind");
    }

    @Override
    public void rebind(Name name, Object obj) throws NamingException {
        throw readOnly("rebind");
    }

    @Override
    public void rebind(String name, Object obj) throws NamingException {
        throw readOnly("rebind");
    }

    @Override
    public void unbind(Name name) throws NamingException {
        throw readOnly("unbind");
    }

    @Override
    public void unbind(String name) throws NamingException {
        throw readOnly("unbind");
    }

    @Override
    public void rename(Name oldName, Name newName) throws NamingException {
        throw readOnly("rename");
    }

    @Override
    public void rename(String oldName, String newName) throws NamingException {
        throw readOnly("rename");
    }

    @Override
    public void destroySubcontext(Name name) throws NamingException {
        throw readOnly("destroySubcontext");
    }

    @Override
    public void destroySubcontext(String name) throws NamingException {
        throw readOnly("destroySubcontext");
    }

    @Override
    public Context createSubcontext(Name name) throws NamingException {
        throw readOnly("createSubcontext");
    }

    @Override
    public Context createSubcontext(String name) throws NamingException {
        throw readOnly("createSubcontext");
    }

    /** A parser of flat names: whatever the string, one component. */
    @Override
    public NameParser getNameParser(Name name) {
        return FLAT_NAMES;
    }

    @Override
    public NameParser getNameParser(String name) {
        return FLAT_NAMES;
    }

    @Override
    public Name composeName(Name name, Name prefix) throws NamingException {
        Name composed = (Name) prefix.clone();
        return composed.addAll(name);
    }

    @Override
    public String composeName(String name, String prefix) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** Changes the environment {@link #getEnvironment()} reports; the bindings stay as they are. */
    @Override
    public Object addToEnvironment(String propName, Object propVal) {
        synchronized (environment) {
            return environment.put(propName, propVal);
        }
    }

    /** Changes the environment {@link #getEnvironment()} reports; the bindings stay as they are. */
    @Override
    public Object removeFromEnvironment(String propName) {
        synchronized (environment) {
            return environment.remove(propName);
        }
    }

    /** A copy of this context's environment. */
    @Override
    public Hashtable<?, ?> getEnvironment() {
        synchronized (environment) {
            return new Hashtable<>(environment);
        }
    }

    /** Marks this context closed; idempotent. There is nothing else to release. */
    @Override
    public void close() {
        closed = true;
    }

    /** This context is the root of its namespace. */
    @Override
    public String getNameInNamespace() {
        return "";
    }

    @Override
    public String toString() {
        return "PartitaContext" + bindings.keySet() + (closed ? " (closed)" : "");
    }

    private void checkOpen() throws NamingException {
        if (closed) {
            throw new NamingException("this Partita JNDI context is closed");
        }
    }

    private void checkListable(String name) throws NamingException {
        checkOpen();
        if (name.isEmpty()) {
            return;
        }
        Object bound = bindings.get(name);
        if (bound != null) {
            throw new NotContextException("\"" + name + "\" is bound to a " + bound.getClass().getName()
                    + ", not to a context: the namespace is flat, list(\"\") lists every binding");
        }
        throw notFound(name);
    }

    private <T> NamingEnumeration<T> enumerate(Function<Map.Entry<String, Object>, T> element) {
        List<T> elements = new ArrayList<>(bindings.size());
        for (Map.Entry<String, Object> entry : bindings.entrySet()) {
            elements.add(element.apply(entry));
        }
        return new SnapshotEnumeration<>(elements.iterator());
    }

    private static String dynamicName(String name, String prefix) throws InvalidNameException {
        String destination = name.substring(prefix.length());
        if (destination.isEmpty()) {
            throw new InvalidNameException("\"" + name + "\" names no destination: write " + prefix + "<name>");
        }
        return destination;
    }

    private static String flat(Name name) {
        StringBuilder flat = new StringBuilder();
        for (int i = 0; i < name.size(); i++) {
            flat.append(i == 0 ? "" : "/").append(name.get(i));
        }
        return flat.toString();
    }

    private NameNotFoundException notFound(String name) {
        List<String> shown = bindings.keySet().stream().limit(NAMES_IN_MESSAGE).toList();
        String more = bindings.size() > shown.size() ? " and " + (bindings.size() - shown.size()) + " more" : "";
        return new NameNotFoundException("\"" + name + "\" is not bound in this Partita JNDI context (bound: "
                + shown + more + "). Bind names with connectionFactory.<name>, queue.<name> or topic.<name>"
                + " in jndi.properties or the environment, or look up "
                + JndiEnvironment.DYNAMIC_QUEUES_PREFIX + "<name> or " + JndiEnvironment.DYNAMIC_TOPICS_PREFIX
                + "<name>");
    }

    private static OperationNotSupportedException readOnly(String operation) {
        return new OperationNotSupportedException(operation + " is not supported: the Partita JNDI context is"
                + " read-only. Configure names with connectionFactory.<name>, queue.<name> and topic.<name>"
                + " keys, or bind Partita objects in another naming service (PartitaReferences)");
    }
}
