package dev.partita.jndi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.destination.PartitaTopic;
import java.util.Hashtable;
import java.util.Map;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every key style of the environment map, given straight to {@link PartitaInitialContextFactory}
 * (so the class path's jndi.properties, which {@code InitialContext} would merge in, stays out).
 */
@Timeout(10)
class EnvironmentKeysTest {

    private final PartitaInitialContextFactory initialContexts = new PartitaInitialContextFactory();

    private Context context(Map<String, ?> keys) throws NamingException {
        return initialContexts.getInitialContext(new Hashtable<>(keys));
    }

    private static String brokerUrl(Object factory) {
        return ((PartitaConnectionFactory) factory).getBrokerUrl();
    }

    @Test
    void withoutKeysConnectionFactoryIsBoundForTheLocalBroker() throws NamingException {
        assertThat(brokerUrl(context(Map.of()).lookup("ConnectionFactory"))).isEqualTo("partita://localhost:7676");
        assertThat(brokerUrl(initialContexts.getInitialContext(null).lookup("ConnectionFactory")))
                .isEqualTo(JndiEnvironment.DEFAULT_BROKER_URL);
    }

    @Test
    void withoutConnectionFactoryKeysConnectionFactoryUsesTheProviderUrl() throws NamingException {
        Context context = context(Map.of(Context.PROVIDER_URL, "partita://a:1,b:2?clientID=app",
                "queue.Orders", "orders"));
        assertThat(brokerUrl(context.lookup("ConnectionFactory"))).isEqualTo("partita://a:1,b:2?clientID=app");
    }

    @Test
    void aBlankProviderUrlMeansTheDefault() throws NamingException {
        assertThat(brokerUrl(context(Map.of(Context.PROVIDER_URL, "  ")).lookup("ConnectionFactory")))
                .isEqualTo(JndiEnvironment.DEFAULT_BROKER_URL);
    }

    @Test
    void connectionFactoryKeysBindFactoriesUnderTheirNamesOnly() throws NamingException {
        Context context = context(Map.of(
                Context.PROVIDER_URL, "partita://provider:7676",
                "connectionFactory.MyFactory", "partita://mine:9000",
                "connectionFactory.Default", "",
                "connectionFactory.Spaces", "  partita://trimmed:9001  "));
        assertThat(brokerUrl(context.lookup("MyFactory"))).isEqualTo("partita://mine:9000");
        assertThat(brokerUrl(context.lookup("Default"))).isEqualTo("partita://provider:7676");
        assertThat(brokerUrl(context.lookup("Spaces"))).isEqualTo("partita://trimmed:9001");
        // An explicit factory replaces the default one.
        assertThatThrownBy(() -> context.lookup("ConnectionFactory")).isInstanceOf(NameNotFoundException.class);
        assertThatThrownBy(() -> context.lookup("connectionFactory.MyFactory"))
                .isInstanceOf(NameNotFoundException.class);
    }

    @Test
    void prefixesMatchIgnoringCaseAsQpidWritesThem() throws NamingException {
        Context context = context(Map.of("connectionfactory.qpidStyle", "partita://q:1",
                "QUEUE.Upper", "upper", "Topic.Mixed", "mixed"));
        assertThat(brokerUrl(context.lookup("qpidStyle"))).isEqualTo("partita://q:1");
        assertThat(context.lookup("Upper")).isEqualTo(new PartitaQueue("upper"));
        assertThat(context.lookup("Mixed")).isEqualTo(new PartitaTopic("mixed"));
    }

    @Test
    void queueAndTopicKeysBindDestinationsByTheNameAsWritten() throws NamingException {
        Context context = context(Map.of(
                "queue.jms/queue/Orders", "orders",
                "queue.Spaced", " spaced name ",
                "topic.Prices", "prices.eu",
                "topic.jms/Orders", "orders"));
        assertThat(context.lookup("jms/queue/Orders")).isEqualTo(new PartitaQueue("orders"));
        assertThat(context.lookup("Spaced")).isEqualTo(new PartitaQueue(" spaced name "));
        assertThat(context.lookup("Prices")).isInstanceOf(PartitaTopic.class).isEqualTo(new PartitaTopic("prices.eu"));
        assertThat(context.lookup("jms/Orders")).isEqualTo(new PartitaTopic("orders"));
        assertThat(context.lookup("jms/queue/Orders")).isNotEqualTo(context.lookup("jms/Orders"));
    }

    @Test
    void otherKeysAndNonStringKeysAreIgnored() throws NamingException {
        Hashtable<Object, Object> env = new Hashtable<>();
        env.put(Context.SECURITY_PRINCIPAL, "someone");
        env.put("queues.NotAQueue", "x");
        env.put(42, "a key that is no string");
        Context context = initialContexts.getInitialContext(env);
        assertThat(context.lookup("ConnectionFactory")).isInstanceOf(PartitaConnectionFactory.class);
        assertThatThrownBy(() -> context.lookup("NotAQueue")).isInstanceOf(NameNotFoundException.class);
    }

    @Test
    void twoKeysBindingOneNameAreRefused() {
        assertThatThrownBy(() -> context(Map.of("queue.Orders", "orders", "topic.Orders", "orders")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("\"queue.Orders\"").hasMessageContaining("\"topic.Orders\"")
                .hasMessageContaining("both bind the name \"Orders\"");
        assertThatThrownBy(() -> context(Map.of("connectionFactory.F", "", "connectionfactory.F", "")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("\"F\"");
        assertThatThrownBy(() -> context(Map.of("queue.ConnectionFactory", "cf")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("queue.ConnectionFactory").hasMessageContaining("default");
    }

    @Test
    void aKeyWithoutNameIsRefused() {
        assertThatThrownBy(() -> context(Map.of("queue.", "orders")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("key \"queue.\" binds no name: write queue.<name>=<value>");
        assertThatThrownBy(() -> context(Map.of("connectionFactory.", "")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("connectionFactory.<name>");
    }

    @Test
    void aValueThatIsNoStringIsRefused() {
        assertThatThrownBy(() -> context(Map.of("topic.Prices", 7)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("the value of \"topic.Prices\" must be a String, not java.lang.Integer");
        assertThatThrownBy(() -> context(Map.of(Context.PROVIDER_URL, new StringBuilder("partita://x:1"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(Context.PROVIDER_URL);
    }

    @Test
    void anInvalidDestinationNameFailsWithTheProvidersReason() {
        assertThatThrownBy(() -> context(Map.of("queue.Empty", "")))
                .isInstanceOf(NamingException.class)
                .hasMessageStartingWith("queue.Empty: invalid queue name \"\"")
                .satisfies(e -> assertThat(((NamingException) e).getRootCause())
                        .isInstanceOf(IllegalArgumentException.class));
        assertThatThrownBy(() -> context(Map.of("topic.Long", "t".repeat(1001))))
                .isInstanceOf(NamingException.class).hasMessageContaining("topic.Long: invalid topic name");
    }

    @Test
    void aBadBrokerUrlFailsWithTheFactorysExceptionAsCause() {
        assertThatThrownBy(() -> context(Map.of("connectionFactory.Broken", "http://localhost:7676")))
                .isInstanceOf(NamingException.class)
                .hasMessageStartingWith("connectionFactory.Broken: invalid broker URL \"http://localhost:7676\": ")
                .satisfies(e -> assertThat(((NamingException) e).getRootCause()).isNotNull()
                        .isSameAs(e.getCause()));
        assertThatThrownBy(() -> context(Map.of(Context.PROVIDER_URL, "partita://host:notaport")))
                .isInstanceOf(NamingException.class)
                .hasMessageContaining(Context.PROVIDER_URL + " (the default ConnectionFactory)")
                .hasMessageContaining("partita://host:notaport")
                .satisfies(e -> assertThat(((NamingException) e).getRootCause()).isNotNull());
        // An empty factory value takes the provider URL, and its error names the factory key.
        assertThatThrownBy(() -> context(Map.of(Context.PROVIDER_URL, "nonsense", "connectionFactory.F", "")))
                .isInstanceOf(NamingException.class).hasMessageStartingWith("connectionFactory.F: invalid broker URL \"nonsense\"");
    }
}
