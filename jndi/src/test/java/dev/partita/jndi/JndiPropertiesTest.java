package dev.partita.jndi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.destination.PartitaTopic;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.CompositeName;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What an application sees through {@code new InitialContext()} with the {@code jndi.properties}
 * of the test class path (src/test/resources/jndi.properties), and how an environment map given
 * to {@code new InitialContext(env)} combines with it.
 */
@Timeout(10)
class JndiPropertiesTest {

    @Test
    void newInitialContextReadsJndiPropertiesFromTheClassPath() throws Exception {
        InitialContext context = new InitialContext();
        try {
            ConnectionFactory factory = (ConnectionFactory) context.lookup("ConnectionFactory");
            assertThat(((PartitaConnectionFactory) factory).getBrokerUrl())
                    .isEqualTo("partita://broker-a:7676,broker-b:7677");
            assertThat(((PartitaConnectionFactory) context.lookup("RemoteFactory")).getBrokerUrl())
                    .isEqualTo("partita://remote.example:9000");
            Queue orders = (Queue) context.lookup("jms/Orders");
            assertThat(orders.getQueueName()).isEqualTo("orders");
            Topic prices = (Topic) context.lookup("Prices");
            assertThat(prices.getTopicName()).isEqualTo("prices.eu");
        } finally {
            context.close();
        }
    }

    @Test
    void namesAreFlatThroughTheInitialContextToo() throws NamingException {
        InitialContext context = new InitialContext();
        try {
            assertThat(context.lookup(new CompositeName("jms/Orders"))).isEqualTo(new PartitaQueue("orders"));
            assertThat(context.lookup("dynamicQueues/invoices")).isEqualTo(new PartitaQueue("invoices"));
            assertThat(context.lookup("dynamicTopics/a/b")).isEqualTo(new PartitaTopic("a/b"));
            assertThatThrownBy(() -> context.lookup("jms")).isInstanceOf(NameNotFoundException.class);
        } finally {
            context.close();
        }
    }

    @Test
    void listingShowsEveryBindingOfTheFile() throws NamingException {
        InitialContext context = new InitialContext();
        try {
            List<String> names = new ArrayList<>();
            NamingEnumeration<NameClassPair> listing = context.list("");
            while (listing.hasMore()) {
                names.add(listing.next().getName());
            }
            assertThat(names).containsExactly("ConnectionFactory", "Prices", "RemoteFactory", "jms/Orders");
        } finally {
            context.close();
        }
    }

    @Test
    void anEnvironmentMapAddsToAndOverridesTheFile() throws NamingException {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.PROVIDER_URL, "partita://elsewhere:7000");
        env.put("queue.Invoices", "invoices");
        InitialContext context = new InitialContext(env);
        try {
            // The map's provider URL wins over the file's; the file's keys still bind.
            assertThat(((PartitaConnectionFactory) context.lookup("ConnectionFactory")).getBrokerUrl())
                    .isEqualTo("partita://elsewhere:7000");
            assertThat(context.lookup("Invoices")).isEqualTo(new PartitaQueue("invoices"));
            assertThat(context.lookup("jms/Orders")).isEqualTo(new PartitaQueue("orders"));
            assertThat(context.getEnvironment().get("queue.Invoices")).isEqualTo("invoices");
        } finally {
            context.close();
        }
    }

    @Test
    void aBadBrokerUrlInTheMapFailsTheInitialContextWithTheCause() {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put("connectionFactory.Broken", "http://not-partita:80");
        assertThatThrownBy(() -> new InitialContext(env))
                .isInstanceOf(NamingException.class)
                .hasMessageContaining("connectionFactory.Broken")
                .hasMessageContaining("http://not-partita:80")
                .satisfies(e -> assertThat(((NamingException) e).getRootCause()).isNotNull());
    }
}
