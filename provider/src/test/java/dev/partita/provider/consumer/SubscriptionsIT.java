package dev.partita.provider.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.destination.PartitaTopic;
import dev.partita.provider.testing.TestBroker;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Selectors, durable, shared and shared durable subscriptions, unsubscribe, with the spec's errors (chapter 8). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SubscriptionsIT {

    @TempDir
    static Path dir;
    static TestBroker broker;
    Connection connection;
    String name;

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.start(dir.resolve("data"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void connect(TestInfo test) throws JMSException {
        name = test.getTestMethod().orElseThrow().getName();
        connection = new PartitaConnectionFactory(broker.url("clientID=" + name)).createConnection();
        connection.start();
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    private void send(Destination to, String... colors) throws JMSException {
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(to);
        for (String color : colors) {
            TextMessage message = session.createTextMessage(color);
            message.setStringProperty("color", color);
            producer.send(message);
        }
        session.close();
    }

    private static List<String> receiveAll(MessageConsumer consumer, long quietMs) throws JMSException {
        List<String> got = new ArrayList<>();
        Message message;
        while ((message = consumer.receive(quietMs)) != null) {
            got.add(((TextMessage) message).getText());
        }
        return got;
    }

    @Test
    void aQueueSelectorLeavesOtherMessagesToOtherConsumers() throws JMSException {
        PartitaQueue queue = new PartitaQueue(name);
        send(queue, "red", "blue", "red", "green");
        Session session = connection.createSession();
        MessageConsumer reds = session.createConsumer(queue, "color = 'red'");
        assertThat(reds.getMessageSelector()).isEqualTo("color = 'red'");
        assertThat(receiveAll(reds, 1_000)).containsExactly("red", "red");
        assertThat(receiveAll(connection.createSession().createConsumer(queue), 1_000)).containsExactly("blue", "green");
    }

    @Test
    void aQueueConsumerOpenedRightAfterAnotherClosedGetsTheMessagesInOrder() throws JMSException {
        PartitaQueue queue = new PartitaQueue(name);
        send(queue, "before");
        Session session = connection.createSession();
        MessageConsumer first = session.createConsumer(queue);
        assertThat(receiveAll(first, 200)).containsExactly("before"); // its next acquire waits on the broker
        first.close(); // that acquire must take nothing sent from now on
        MessageConsumer next = session.createConsumer(queue);

        send(queue, "after-1", "after-2", "after-3");
        assertThat(receiveAll(next, 1_000)).containsExactly("after-1", "after-2", "after-3");
    }

    @Test
    void aDurableSubscriptionKeepsMessagesWhileInactiveAndAllowsOneConsumer() throws JMSException {
        Topic topic = new PartitaTopic(name);
        Session session = connection.createSession();
        MessageConsumer durable = session.createDurableConsumer(topic, "d");
        assertThatThrownBy(() -> connection.createSession().createDurableConsumer(topic, "d"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.unsubscribe("d")).isInstanceOf(IllegalStateException.class);
        durable.close();

        send(topic, "while-away-1", "while-away-2");
        MessageConsumer again = session.createDurableSubscriber(topic, "d");
        assertThat(receiveAll(again, 1_000)).containsExactly("while-away-1", "while-away-2");
        again.close();

        session.unsubscribe("d");
        assertThatThrownBy(() -> session.unsubscribe("d")).isInstanceOf(InvalidDestinationException.class);
        send(topic, "after-unsubscribe");
        assertThat(receiveAll(session.createDurableConsumer(topic, "d"), 500)).as("a new subscription starts empty").isEmpty();
    }

    @Test
    void anUnsharedDurableSubscriptionNeedsAClientId() throws JMSException {
        try (Connection anonymous = new PartitaConnectionFactory(broker.url()).createConnection()) {
            Session session = anonymous.createSession();
            assertThatThrownBy(() -> session.createDurableConsumer(new PartitaTopic(name), "d"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("client ID");
        }
    }

    @Test
    void sharedConsumersSplitTheMessagesOfOneSubscription() throws JMSException {
        Topic topic = new PartitaTopic(name);
        MessageConsumer one = connection.createSession().createSharedConsumer(topic, "s");
        MessageConsumer two = connection.createSession().createSharedConsumer(topic, "s");
        send(topic, "a", "b", "c", "d", "e", "f");
        List<String> all = new ArrayList<>(receiveAll(one, 500));
        all.addAll(receiveAll(two, 500));
        assertThat(all).containsExactlyInAnyOrder("a", "b", "c", "d", "e", "f");
    }

    @Test
    void aSharedDurableSubscriptionOutlivesItsConsumers() throws JMSException {
        Topic topic = new PartitaTopic(name);
        Session session = connection.createSession();
        session.createSharedDurableConsumer(topic, "sd").close();
        send(topic, "kept");
        MessageConsumer back = session.createSharedDurableConsumer(topic, "sd");
        assertThat(receiveAll(back, 1_000)).containsExactly("kept");
        back.close();
        session.unsubscribe("sd");
    }

    @Test
    void subscriptionArgumentsAreChecked() throws JMSException {
        Session session = connection.createSession();
        Topic topic = new PartitaTopic(name);
        assertThatThrownBy(() -> session.createConsumer(null)).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createDurableConsumer(null, "d")).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createDurableConsumer(topic, "")).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> session.createSharedConsumer(topic, null)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> session.createSharedDurableConsumer(topic, "x", "a =")).isInstanceOf(
                jakarta.jms.InvalidSelectorException.class);
    }

    @Test
    void aClientIdIsHeldByOneConnectionOfTheClusterUntilItCloses() throws JMSException {
        PartitaConnectionFactory sameId = new PartitaConnectionFactory(broker.url("clientID=" + name));
        assertThatThrownBy(sameId::createConnection).isInstanceOf(jakarta.jms.InvalidClientIDException.class);
        try (Connection other = new PartitaConnectionFactory(broker.url()).createConnection()) {
            assertThatThrownBy(() -> other.setClientID(name)).isInstanceOf(jakarta.jms.InvalidClientIDException.class);
            other.setClientID(name + "-other");
            assertThat(other.getClientID()).isEqualTo(name + "-other");
        }
        connection.close();
        try (Connection next = sameId.createConnection()) {
            assertThat(next.getClientID()).isEqualTo(name);
        }
    }
}
