package dev.partita.jndi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.destination.PartitaTopic;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Hashtable;
import javax.naming.NamingException;
import javax.naming.Reference;
import javax.naming.StringRefAddr;
import javax.naming.spi.NamingManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * References through {@link PartitaObjectFactory}, the way another naming service rebuilds bound
 * Partita objects ({@link NamingManager#getObjectInstance}), and Java serialization of the objects
 * a context hands out.
 */
@Timeout(10)
class ReferencesTest {

    private static final String URL = "partita://a:7676,b:7677?clientID=app";

    private static Object rebuild(Object bound) throws Exception {
        return NamingManager.getObjectInstance(bound, null, null, new Hashtable<>());
    }

    @Test
    void theReferenceFormatIsTheDocumentedOne() {
        Reference factory = PartitaReferences.referenceFor(new PartitaConnectionFactory(URL));
        assertThat(factory.getClassName()).isEqualTo("dev.partita.provider.PartitaConnectionFactory");
        assertThat(factory.getFactoryClassName()).isEqualTo(PartitaObjectFactory.class.getName())
                .isEqualTo(PartitaReferences.OBJECT_FACTORY);
        assertThat(factory.getFactoryClassLocation()).isNull();
        assertThat(factory.size()).isEqualTo(1);
        assertThat(factory.get("brokerUrl").getContent()).isEqualTo(URL);

        Reference queue = PartitaReferences.referenceFor(new PartitaQueue("orders"));
        assertThat(queue.getClassName()).isEqualTo("dev.partita.provider.destination.PartitaQueue");
        assertThat(queue.get("name").getContent()).isEqualTo("orders");
        Reference topic = PartitaReferences.referenceFor(new PartitaTopic("prices"));
        assertThat(topic.getClassName()).isEqualTo("dev.partita.provider.destination.PartitaTopic");
        assertThat(topic.get("name").getContent()).isEqualTo("prices");
    }

    @Test
    void referencesRoundTripThroughTheNamingManager() throws Exception {
        Object factory = rebuild(PartitaReferences.referenceFor(new PartitaConnectionFactory(URL)));
        assertThat(factory).isInstanceOf(PartitaConnectionFactory.class);
        assertThat(((PartitaConnectionFactory) factory).getBrokerUrl()).isEqualTo(URL);
        assertThat(rebuild(PartitaReferences.referenceFor(new PartitaQueue("a/b"))))
                .isInstanceOf(PartitaQueue.class).isEqualTo(new PartitaQueue("a/b"));
        assertThat(rebuild(PartitaReferences.referenceFor(new PartitaTopic("prices"))))
                .isInstanceOf(PartitaTopic.class).isEqualTo(new PartitaTopic("prices"));
    }

    @Test
    void aStoredReferenceStillRebuildsAfterSerialization() throws Exception {
        // Naming services keep references serialized; what comes back must still resolve.
        Reference stored = roundTrip(PartitaReferences.referenceFor(new PartitaQueue("orders")));
        assertThat(rebuild(stored)).isEqualTo(new PartitaQueue("orders"));
    }

    @Test
    void theFactoryLeavesForeignObjectsToOthers() throws Exception {
        PartitaObjectFactory objects = new PartitaObjectFactory();
        assertThat(objects.getObjectInstance("not a reference", null, null, null)).isNull();
        assertThat(objects.getObjectInstance(null, null, null, null)).isNull();
        Reference foreign = new Reference("com.example.OtherFactory", new StringRefAddr("url", "x"),
                PartitaReferences.OBJECT_FACTORY, null);
        assertThat(objects.getObjectInstance(foreign, null, null, null)).isNull();
    }

    @Test
    void aPartitaReferenceWithoutItsAddressIsRefused() {
        Reference noAddress = new Reference(PartitaQueue.class.getName(), PartitaReferences.OBJECT_FACTORY, null);
        assertThatThrownBy(() -> rebuild(noAddress))
                .isInstanceOf(NamingException.class)
                .hasMessage("a Reference to dev.partita.provider.destination.PartitaQueue needs a"
                        + " StringRefAddr \"name\", it has none");
        Reference wrongAddress = new Reference(PartitaConnectionFactory.class.getName(),
                new StringRefAddr("url", URL), PartitaReferences.OBJECT_FACTORY, null);
        assertThatThrownBy(() -> rebuild(wrongAddress))
                .isInstanceOf(NamingException.class).hasMessageContaining("\"brokerUrl\"");
    }

    @Test
    void aReferenceWithABadUrlOrNameFailsWithTheCause() {
        Reference badUrl = new Reference(PartitaConnectionFactory.class.getName(),
                new StringRefAddr("brokerUrl", "tcp://localhost:61616"), PartitaReferences.OBJECT_FACTORY, null);
        assertThatThrownBy(() -> rebuild(badUrl))
                .isInstanceOf(NamingException.class)
                .hasMessageContaining("invalid broker URL \"tcp://localhost:61616\"")
                .satisfies(e -> assertThat(((NamingException) e).getRootCause()).isNotNull());
        Reference badName = new Reference(PartitaTopic.class.getName(),
                new StringRefAddr("name", ""), PartitaReferences.OBJECT_FACTORY, null);
        assertThatThrownBy(() -> rebuild(badName))
                .isInstanceOf(NamingException.class).hasMessageContaining("invalid topic name")
                .satisfies(e -> assertThat(((NamingException) e).getRootCause())
                        .isInstanceOf(IllegalArgumentException.class));
    }

    @Test
    void onlyPartitaObjectsHaveReferences() {
        assertThatThrownBy(() -> PartitaReferences.referenceFor("orders"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> PartitaReferences.referenceFor(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
    }

    @Test
    void factoriesAndDestinationsFromAContextSerialize() throws Exception {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put("connectionFactory.Factory", URL);
        env.put("queue.Orders", "orders");
        env.put("topic.Prices", "prices");
        var context = new PartitaInitialContextFactory().getInitialContext(env);

        PartitaConnectionFactory factory = roundTrip((PartitaConnectionFactory) context.lookup("Factory"));
        assertThat(factory.getBrokerUrl()).isEqualTo(URL);
        assertThat(roundTrip((PartitaQueue) context.lookup("Orders"))).isEqualTo(new PartitaQueue("orders"));
        assertThat(roundTrip((PartitaTopic) context.lookup("Prices"))).isEqualTo(new PartitaTopic("prices"));
        assertThat(roundTrip((PartitaQueue) context.lookup("dynamicQueues/q"))).isEqualTo(new PartitaQueue("q"));
    }

    @SuppressWarnings("unchecked") // the object read back is the one just written
    private static <T> T roundTrip(T object) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
