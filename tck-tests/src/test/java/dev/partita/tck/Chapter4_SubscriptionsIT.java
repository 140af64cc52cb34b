package dev.partita.tck;

import static dev.partita.tck.Receiving.ABSENT_MS;
import static dev.partita.tck.Receiving.receive;
import static dev.partita.tck.Receiving.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 4.2.2–4.2.4: shared and durable topic subscriptions, and unsubscribe. */
@DisplayName("4.2 Durable and shared subscriptions")
class Chapter4_SubscriptionsIT extends TckTest {

    private Connection connection;
    private Topic topic;

    @BeforeEach
    void connect() throws Exception {
        connection = factory().createConnection();
        connection.setClientID(unique("tck-durable"));
        connection.start();
        topic = topic("sub");
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    @Test
    @DisplayName("4.2.3 a durable subscription keeps the messages published while it has no consumer")
    void durableSubscriptionKeepsMessagesWhileInactive() throws Exception {
        Session session = connection.createSession();
        String name = unique("durable");
        MessageConsumer consumer = session.createDurableConsumer(topic, name);
        send(connection, topic, "while-active");
        assertThat(receive(consumer, 1)).containsExactly("while-active");
        consumer.close();
        send(connection, topic, "while-inactive-1", "while-inactive-2");
        MessageConsumer again = session.createDurableConsumer(topic, name);
        assertThat(receive(again, 2)).containsExactly("while-inactive-1", "while-inactive-2");
        again.close();
        session.unsubscribe(name);
    }

    @Test
    @DisplayName("4.2.3 unsubscribe while a consumer is active fails; an unknown name is an InvalidDestinationException")
    void unsubscribeRules() throws Exception {
        Session session = connection.createSession();
        String name = unique("durable");
        MessageConsumer consumer = session.createDurableConsumer(topic, name);
        assertThatThrownBy(() -> session.unsubscribe(name)).isInstanceOf(JMSException.class);
        consumer.close();
        session.unsubscribe(name);
        assertThatThrownBy(() -> session.unsubscribe(name)).isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    @DisplayName("4.2.3 after unsubscribe the subscription is gone: a new one starts empty")
    void unsubscribeDeletesTheSubscription() throws Exception {
        Session session = connection.createSession();
        String name = unique("durable");
        session.createDurableConsumer(topic, name).close();
        send(connection, topic, "kept");
        session.unsubscribe(name);
        MessageConsumer fresh = session.createDurableConsumer(topic, name);
        assertThat(fresh.receive(ABSENT_MS)).isNull();
        fresh.close();
        session.unsubscribe(name);
    }

    @Test
    @DisplayName("4.2.2 the consumers of a shared subscription share its messages: each message goes to one of them")
    void sharedSubscriptionSharesMessages() throws Exception {
        String name = unique("shared");
        MessageConsumer first = connection.createSession().createSharedConsumer(topic, name);
        MessageConsumer second = connection.createSession().createSharedConsumer(topic, name);
        send(connection, topic, "s1", "s2", "s3", "s4");
        List<String> got = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (got.size() < 4 && System.currentTimeMillis() < deadline) {
            for (MessageConsumer consumer : List.of(first, second)) {
                Message message = consumer.receive(100);
                if (message != null) {
                    got.add(Receiving.text(message));
                }
            }
        }
        assertThat(got).containsExactlyInAnyOrder("s1", "s2", "s3", "s4");
        assertThat(first.receive(ABSENT_MS)).isNull();
        assertThat(second.receive(ABSENT_MS)).isNull();
    }

    @Test
    @DisplayName("4.2.4 a shared durable subscription keeps messages while it has no consumer")
    void sharedDurableSubscriptionKeepsMessages() throws Exception {
        Session session = connection.createSession();
        String name = unique("shared-durable");
        session.createSharedDurableConsumer(topic, name).close();
        send(connection, topic, "kept-1", "kept-2");
        MessageConsumer again = session.createSharedDurableConsumer(topic, name);
        assertThat(receive(again, 2)).containsExactly("kept-1", "kept-2");
        again.close();
        session.unsubscribe(name);
    }

    @Test
    @DisplayName("3.8.1 a topic subscriber with a selector gets only the messages it matches")
    void aSelectorOnATopicSubscription() throws Exception {
        Session session = connection.createSession();
        MessageConsumer urgent = session.createConsumer(topic, "JMSPriority > 6 OR urgent = TRUE");
        MessageConsumer all = session.createConsumer(topic);
        Session sending = connection.createSession();
        MessageProducer producer = sending.createProducer(topic);
        producer.send(sending.createTextMessage("normal"));
        Message flagged = sending.createTextMessage("flagged");
        flagged.setBooleanProperty("urgent", true);
        producer.send(flagged);
        producer.send(sending.createTextMessage("high"), DeliveryMode.PERSISTENT, 9, 0);
        // priority 9 may overtake (3.4.10), so only membership is checked
        assertThat(receive(all, 3)).containsExactlyInAnyOrder("normal", "flagged", "high");
        assertThat(receive(urgent, 2)).containsExactlyInAnyOrder("flagged", "high");
        assertThat(urgent.receive(ABSENT_MS)).isNull();
    }

    @Test
    @DisplayName("8.3.1 a noLocal topic consumer does not receive what its own connection published, and receives other connections' messages")
    void noLocalSkipsTheOwnConnectionsMessages() throws Exception {
        MessageConsumer noLocal = connection.createSession().createConsumer(topic, null, true);
        try (Connection other = factory().createConnection()) {
            send(connection, topic, "own");
            send(other, topic, "other");
            send(connection, topic, "own-again");
        }
        assertThat(receive(noLocal, 1)).containsExactly("other");
        assertThat(noLocal.receive(ABSENT_MS)).isNull();
    }

    @Test
    @DisplayName("8.3.3 a durable noLocal subscription does not keep what connections with its client ID published")
    void durableNoLocalSkipsTheClientIdsMessages() throws Exception {
        Session session = connection.createSession();
        String name = unique("nolocal");
        session.createDurableSubscriber(topic, name, null, true).close();
        try (Connection other = factory().createConnection()) {
            send(connection, topic, "own, while inactive");
            send(other, topic, "other");
        }
        MessageConsumer again = session.createDurableSubscriber(topic, name, null, true);
        assertThat(receive(again, 1)).containsExactly("other");
        assertThat(again.receive(ABSENT_MS)).isNull();
        again.close();
        session.unsubscribe(name);
    }

    @Test
    @DisplayName("4.2.3 an inactive durable subscription whose noLocal changed is replaced: the messages it kept are gone")
    void changingNoLocalReplacesTheSubscription() throws Exception {
        Session session = connection.createSession();
        String name = unique("replaced");
        session.createDurableSubscriber(topic, name, null, false).close();
        send(connection, topic, "kept by the first subscription");
        MessageConsumer replaced = session.createDurableSubscriber(topic, name, null, true);
        try (Connection other = factory().createConnection()) {
            send(other, topic, "after");
        }
        assertThat(receive(replaced, 1)).containsExactly("after");
        assertThat(replaced.receive(ABSENT_MS)).isNull();
        replaced.close();
        session.unsubscribe(name);
    }
}
