package dev.partita.provider.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.protocol.message.TopicKey;
import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.testing.TestBroker;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message a consumer never acknowledges leaves its queue after the maximum delivery count for
 * the dead-letter queue, where a JMS consumer receives it whole: body, header fields, properties,
 * and the dead-letter properties, as a first delivery.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DeadLetterIT {

    @TempDir
    Path dir;

    @Test
    void aMessageRecoveredTenTimesIsReceivedFromTheDlqWithItsHeadersPropertiesAndTheDeadLetterProperties() throws Exception {
        try (TestBroker broker = TestBroker.start(dir.resolve("data"));
             Connection connection = new PartitaConnectionFactory(broker.url()).createConnection()) {
            connection.start();
            PartitaQueue queue = new PartitaQueue("poison");
            Session sender = connection.createSession();
            PartitaQueue replies = new PartitaQueue("replies");
            TextMessage sent = sender.createTextMessage("bad");
            sent.setJMSCorrelationID("corr-7");
            sent.setJMSType("order");
            sent.setJMSReplyTo(replies);
            sent.setStringProperty("customer", "ada");
            sent.setIntProperty("attempt", 3);
            MessageProducer producer = sender.createProducer(queue);
            producer.send(sent, DeliveryMode.PERSISTENT, 7, 0);

            Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(queue);
            int deliveries = 0;
            Message message;
            while ((message = consumer.receive(2_000)) != null) {
                deliveries++;
                assertThat(message.getIntProperty("JMSXDeliveryCount")).isEqualTo(deliveries);
                session.recover();
            }
            assertThat(deliveries).as("the default maximum delivery count").isEqualTo(10);

            MessageConsumer dead = connection.createSession().createConsumer(new PartitaQueue("DLQ"));
            Message moved = dead.receive(15_000);
            assertThat(moved).as("the message in the default dead-letter queue DLQ").isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) moved).getText()).isEqualTo("bad");
            assertThat(moved.getJMSMessageID()).isEqualTo(sent.getJMSMessageID());
            assertThat(moved.getJMSCorrelationID()).isEqualTo("corr-7");
            assertThat(moved.getJMSType()).isEqualTo("order");
            assertThat(moved.getJMSReplyTo()).isEqualTo(replies);
            assertThat(moved.getJMSPriority()).isEqualTo(7);
            assertThat(moved.getJMSTimestamp()).isEqualTo(sent.getJMSTimestamp());
            assertThat(moved.getJMSDestination()).as("the destination it was sent to").isEqualTo(queue);
            assertThat(moved.getStringProperty("customer")).isEqualTo("ada");
            assertThat(moved.getIntProperty("attempt")).isEqualTo(3);
            assertThat(moved.getJMSRedelivered()).as("its first delivery from the dead-letter queue").isFalse();
            assertThat(moved.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
            assertThat(moved.getStringProperty("JMS_Partita_OriginalDestination")).isEqualTo("queue://poison");
            assertThat(moved.getIntProperty("JMS_Partita_DeadLetterDeliveryCount")).isEqualTo(10);
            assertThat(moved.getStringProperty("JMS_Partita_DeadLetterReason"))
                    .isEqualTo("delivered 10 times without an acknowledgement");
            assertThat(moved.getStringProperty("JMS_Partita_DeadLetterSource")).endsWith(":0");
            assertThat(moved.getLongProperty("JMS_Partita_DeadLetterTime")).isGreaterThanOrEqualTo(sent.getJMSTimestamp());
            List<String> names = new ArrayList<>();
            for (Enumeration<?> e = moved.getPropertyNames(); e.hasMoreElements(); ) {
                names.add((String) e.nextElement());
            }
            assertThat(names).contains("customer", "attempt", "JMS_Partita_DeadLetterSource",
                    "JMS_Partita_DeadLetterReason", "JMS_Partita_OriginalDestination");
            moved.acknowledge();
            assertThat(consumer.receiveNoWait()).as("not delivered again from its queue").isNull();
            assertThat(dead.receive(1_000)).as("moved once").isNull();
        }
    }

    @Test
    void aListenerThatKeepsThrowingSendsTheMessageToTheConfiguredDeadLetterQueue() throws Exception {
        try (TestBroker broker = TestBroker.start(dir.resolve("data"));
             Connection connection = new PartitaConnectionFactory(broker.url()).createConnection()) {
            broker.client().admin().createTopic(TopicKey.queue("fragile"), 1, (short) 1,
                    Map.of("max.delivery.count", "3", "dead.letter.queue", "fragile.dead")).get();
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            AtomicInteger calls = new AtomicInteger();
            session.createConsumer(new PartitaQueue("fragile")).setMessageListener(message -> {
                calls.incrementAndGet();
                throw new IllegalStateException("the application cannot process this message");
            });
            connection.start();
            Session sender = connection.createSession();
            TextMessage sent = sender.createTextMessage("fragile body");
            sent.setBooleanProperty("flag", true);
            sender.createProducer(new PartitaQueue("fragile")).send(sent);

            MessageConsumer dead = connection.createSession().createConsumer(new PartitaQueue("fragile.dead"));
            Message moved = dead.receive(20_000);
            assertThat(moved).isNotNull();
            assertThat(calls).as("the listener saw every allowed delivery").hasValue(3);
            assertThat(((TextMessage) moved).getText()).isEqualTo("fragile body");
            assertThat(moved.getBooleanProperty("flag")).isTrue();
            assertThat(moved.getIntProperty("JMS_Partita_DeadLetterDeliveryCount")).isEqualTo(3);
            assertThat(moved.getStringProperty("JMS_Partita_OriginalDestination")).isEqualTo("queue://fragile");
            Awaitility.await().during(500, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS)
                    .untilAsserted(() -> assertThat(calls).hasValue(3));
        }
    }
}
