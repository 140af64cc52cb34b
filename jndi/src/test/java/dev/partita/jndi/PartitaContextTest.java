package dev.partita.jndi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.destination.PartitaTopic;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import javax.naming.Binding;
import javax.naming.CompositeName;
import javax.naming.Context;
import javax.naming.InvalidNameException;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The read-only context: lookups of every kind, listings, refused writes, environment, close. */
@Timeout(10)
class PartitaContextTest {

    private final Context context = newContext();

    private static Context newContext() {
        Hashtable<String, Object> env = new Hashtable<>(Map.of(
                Context.PROVIDER_URL, "partita://broker:7676",
                "connectionFactory.Factory", "",
                "queue.Orders", "orders",
                "queue.jms/Invoices", "invoices",
                "topic.Prices", "prices",
                "queue.dynamicQueues/pinned", "really-pinned"));
        try {
            return new PartitaInitialContextFactory().getInitialContext(env);
        } catch (NamingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void lookupByStringAndByName() throws NamingException {
        assertThat(context.lookup("Orders")).isEqualTo(new PartitaQueue("orders"));
        assertThat(context.lookup(new CompositeName("Orders"))).isEqualTo(new PartitaQueue("orders"));
        assertThat(context.lookup(new CompositeName("jms/Invoices"))).isEqualTo(new PartitaQueue("invoices"));
        assertThat(context.lookup(context.getNameParser("").parse("jms/Invoices")))
                .isEqualTo(new PartitaQueue("invoices"));
        assertThat(context.lookupLink("Prices")).isEqualTo(new PartitaTopic("prices"));
        assertThat(context.lookupLink(new CompositeName("Prices"))).isEqualTo(new PartitaTopic("prices"));
        // Bound objects are shared: every lookup returns the same factory.
        assertThat(context.lookup("Factory")).isSameAs(context.lookup("Factory"));
    }

    @Test
    void dynamicNamesCreateDestinationsOnTheFly() throws NamingException {
        assertThat(context.lookup("dynamicQueues/anything")).isEqualTo(new PartitaQueue("anything"));
        assertThat(context.lookup("dynamicQueues/a/b c")).isEqualTo(new PartitaQueue("a/b c"));
        assertThat(context.lookup("dynamicTopics/news")).isInstanceOf(PartitaTopic.class)
                .isEqualTo(new PartitaTopic("news"));
        assertThat(context.lookup(new CompositeName("dynamicTopics/x/y"))).isEqualTo(new PartitaTopic("x/y"));
        // A name a key binds wins over the dynamic meaning.
        assertThat(context.lookup("dynamicQueues/pinned")).isEqualTo(new PartitaQueue("really-pinned"));
        // The prefixes are case-sensitive, as in other providers.
        assertThatThrownBy(() -> context.lookup("DynamicQueues/x")).isInstanceOf(NameNotFoundException.class);
    }

    @Test
    void aDynamicNameNeedsAValidDestinationName() {
        assertThatThrownBy(() -> context.lookup("dynamicQueues/"))
                .isInstanceOf(InvalidNameException.class)
                .hasMessage("\"dynamicQueues/\" names no destination: write dynamicQueues/<name>");
        assertThatThrownBy(() -> context.lookup("dynamicTopics/"))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("dynamicTopics/<name>");
        assertThatThrownBy(() -> context.lookup("dynamicTopics/" + "x".repeat(1001)))
                .isInstanceOf(NamingException.class).hasMessageContaining("invalid topic name")
                .satisfies(e -> assertThat(((NamingException) e).getRootCause())
                        .isInstanceOf(IllegalArgumentException.class));
    }

    @Test
    void anUnknownNameSaysWhatIsBoundAndHowToBindMore() {
        assertThatThrownBy(() -> context.lookup("Missing"))
                .isInstanceOf(NameNotFoundException.class)
                .hasMessageContaining("\"Missing\" is not bound")
                .hasMessageContaining("[Factory, Orders, Prices, dynamicQueues/pinned, jms/Invoices]")
                .hasMessageContaining("queue.<name>").hasMessageContaining("dynamicQueues/<name>");
        assertThatThrownBy(() -> context.lookup(new CompositeName("jms/Missing")))
                .isInstanceOf(NameNotFoundException.class).hasMessageContaining("\"jms/Missing\"");
        // The default factory is not bound once a connectionFactory key exists.
        assertThatThrownBy(() -> context.lookup("ConnectionFactory")).isInstanceOf(NameNotFoundException.class);
    }

    @Test
    void aLongListOfNamesIsCutInTheMessage() throws NamingException {
        Hashtable<String, Object> env = new Hashtable<>();
        for (int i = 0; i < 25; i++) {
            env.put("queue.q" + (char) ('a' + i), "q" + i);
        }
        Context big = new PartitaInitialContextFactory().getInitialContext(env);
        assertThatThrownBy(() -> big.lookup("nope"))
                .isInstanceOf(NameNotFoundException.class).hasMessageContaining("qs] and 6 more");
    }

    @Test
    void theEmptyNameIsANewContextWithTheSameBindings() throws NamingException {
        Context again = (Context) context.lookup("");
        assertThat(again).isNotSameAs(context);
        assertThat(again.lookup("Orders")).isEqualTo(new PartitaQueue("orders"));
        again.close();
        assertThat(context.lookup("Orders")).isEqualTo(new PartitaQueue("orders"));
    }

    @Test
    void listAndListBindingsShowEveryBindingSorted() throws NamingException {
        List<String> listed = new ArrayList<>();
        NamingEnumeration<NameClassPair> pairs = context.list("");
        while (pairs.hasMore()) {
            NameClassPair pair = pairs.next();
            listed.add(pair.getName() + "=" + pair.getClassName());
        }
        pairs.close();
        assertThat(listed).containsExactly(
                "Factory=" + PartitaConnectionFactory.class.getName(),
                "Orders=" + PartitaQueue.class.getName(),
                "Prices=" + PartitaTopic.class.getName(),
                "dynamicQueues/pinned=" + PartitaQueue.class.getName(),
                "jms/Invoices=" + PartitaQueue.class.getName());

        List<Object> objects = new ArrayList<>();
        NamingEnumeration<Binding> bindings = context.listBindings(new CompositeName());
        while (bindings.hasMoreElements()) {
            Binding binding = bindings.nextElement();
            objects.add(binding.getObject());
            assertThat(binding.getObject()).isEqualTo(context.lookup(binding.getName()));
        }
        assertThat(objects).hasSize(5);
        assertThatThrownBy(bindings::next).isInstanceOf(java.util.NoSuchElementException.class);
        assertThat(context.list(new CompositeName()).hasMore()).isTrue();
        assertThat(context.listBindings("").hasMore()).isTrue();
    }

    @Test
    void onlyTheContextItselfCanBeListed() {
        assertThatThrownBy(() -> context.list("Orders"))
                .isInstanceOf(NotContextException.class)
                .hasMessageContaining("\"Orders\" is bound to a " + PartitaQueue.class.getName());
        assertThatThrownBy(() -> context.listBindings(new CompositeName("jms/Invoices")))
                .isInstanceOf(NotContextException.class);
        assertThatThrownBy(() -> context.list("jms")).isInstanceOf(NameNotFoundException.class);
        assertThatThrownBy(() -> context.listBindings("dynamicQueues")).isInstanceOf(NameNotFoundException.class);
    }

    @Test
    void everyWriteIsRefusedAndChangesNothing() throws NamingException {
        Name name = new CompositeName("New");
        Name orders = new CompositeName("Orders");
        PartitaQueue queue = new PartitaQueue("new");
        List<ThrowingCallable> writes = List.of(
                () -> context.bind("New", queue), () -> context.bind(name, queue),
                () -> context.rebind("Orders", queue), () -> context.rebind(orders, queue),
                () -> context.unbind("Orders"), () -> context.unbind(orders),
                () -> context.rename("Orders", "New"), () -> context.rename(orders, name),
                () -> context.createSubcontext("sub"), () -> context.createSubcontext(name),
                () -> context.destroySubcontext("Orders"), () -> context.destroySubcontext(orders));
        for (ThrowingCallable write : writes) {
            assertThatThrownBy(write)
                    .isInstanceOf(OperationNotSupportedException.class)
                    .hasMessageContaining("read-only")
                    .hasMessageContaining("queue.<name>");
        }
        assertThat(context.lookup("Orders")).isEqualTo(new PartitaQueue("orders"));
        assertThatThrownBy(() -> context.lookup("New")).isInstanceOf(NameNotFoundException.class);
    }

    @Test
    void theEnvironmentIsACopyAndChangingItLeavesTheBindings() throws NamingException {
        Hashtable<?, ?> environment = context.getEnvironment();
        assertThat(environment.get("queue.Orders")).isEqualTo("orders");
        environment.clear();
        assertThat(context.getEnvironment().get(Context.PROVIDER_URL)).isEqualTo("partita://broker:7676");

        assertThat(context.addToEnvironment("queue.Orders", "other")).isEqualTo("orders");
        assertThat(context.addToEnvironment("custom", "value")).isNull();
        assertThat(context.getEnvironment().get("custom")).isEqualTo("value");
        assertThat(context.removeFromEnvironment("custom")).isEqualTo("value");
        assertThat(context.getEnvironment().containsKey("custom")).isFalse();
        assertThat(context.lookup("Orders")).isEqualTo(new PartitaQueue("orders"));
    }

    @Test
    void namesAreFlatAndComposeWithSlashes() throws NamingException {
        assertThat(context.getNameInNamespace()).isEmpty();
        Name parsed = context.getNameParser(new CompositeName()).parse("a/b/c");
        assertThat(parsed.size()).isEqualTo(1);
        assertThat(parsed.get(0)).isEqualTo("a/b/c");
        assertThat(context.composeName("Orders", "")).isEqualTo("Orders");
        assertThat(context.composeName("Orders", "jms")).isEqualTo("jms/Orders");
        assertThat(context.composeName(new CompositeName("Orders"), new CompositeName("jms")))
                .isEqualTo(new CompositeName("jms/Orders"));
    }

    @Test
    void aClosedContextRefusesLookupsButLookedUpObjectsStayUsable() throws NamingException {
        PartitaConnectionFactory factory = (PartitaConnectionFactory) context.lookup("Factory");
        context.close();
        context.close(); // idempotent
        assertThatThrownBy(() -> context.lookup("Orders"))
                .isInstanceOf(NamingException.class).hasMessage("this Partita JNDI context is closed");
        assertThatThrownBy(() -> context.list("")).isInstanceOf(NamingException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> context.listBindings("")).isInstanceOf(NamingException.class);
        assertThat(factory.getBrokerUrl()).isEqualTo("partita://broker:7676");
        assertThat(context.toString()).endsWith("(closed)");
    }
}
