package dev.partita.provider.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.destination.PartitaTopic;
import dev.partita.provider.message.PartitaMessage;
import dev.partita.provider.testing.TestBroker;
import dev.partita.provider.testing.TestBroker.Stored;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The simplified API against a real broker: JMSProducer bodies, properties and headers, unchecked exceptions. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JMSContextIT {

    @TempDir
    static Path dir;
    static TestBroker broker;
    static PartitaConnectionFactory factory;

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.start(dir.resolve("data"));
        factory = new PartitaConnectionFactory(broker.url());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void bodiesPropertiesAndHeadersOfAJmsProducerArriveAsSent() throws Exception {
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("bodies");
            Queue replies = context.createQueue("replies");
            JMSProducer producer = context.createProducer()
                    .setProperty("who", "tester").setProperty("n", 3).setProperty("big", 5L).setProperty("JMSXGroupID", "g")
                    .setJMSCorrelationID("c-1").setJMSType("t").setJMSReplyTo(replies)
                    .setPriority(6).setDeliveryMode(DeliveryMode.NON_PERSISTENT).setTimeToLive(60_000);
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("k", "v");
            map.put("i", 9);
            producer.send(queue, "text body");
            producer.send(queue, map);
            producer.send(queue, new byte[] {4, 5});
            producer.send(queue, (java.io.Serializable) List.of("x"));
            TextMessage own = context.createTextMessage("own");
            producer.send(queue, own);

            List<Stored> stored = broker.readAll(new PartitaQueue("bodies"), 5);
            for (Stored s : stored) {
                PartitaMessage m = s.message();
                assertThat(m.getStringProperty("who")).isEqualTo("tester");
                assertThat(m.getIntProperty("n")).isEqualTo(3);
                assertThat(m.getLongProperty("big")).isEqualTo(5L);
                assertThat(m.getStringProperty("JMSXGroupID")).isEqualTo("g");
                assertThat(m.getJMSCorrelationID()).isEqualTo("c-1");
                assertThat(m.getJMSType()).isEqualTo("t");
                assertThat(m.getJMSReplyTo()).isEqualTo(replies);
                assertThat(m.getJMSPriority()).isEqualTo(6);
                assertThat(m.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
                assertThat(m.getJMSExpiration()).isGreaterThan(System.currentTimeMillis());
                assertThat(m.getJMSMessageID()).startsWith("ID:");
            }
            assertThat(((TextMessage) stored.get(0).message()).getText()).isEqualTo("text body");
            assertThat(((MapMessage) stored.get(1).message()).getString("k")).isEqualTo("v");
            assertThat(((MapMessage) stored.get(1).message()).getInt("i")).isEqualTo(9);
            assertThat(stored.get(2).message().getBody(byte[].class)).containsExactly(4, 5);
            assertThat(((BytesMessage) stored.get(2).message()).getBodyLength()).isEqualTo(2);
            assertThat(((ObjectMessage) stored.get(3).message()).getObject()).isEqualTo(List.of("x"));
            assertThat(((TextMessage) stored.get(4).message()).getText()).isEqualTo("own");
            assertThat(own.getJMSMessageID()).isEqualTo(stored.get(4).message().getJMSMessageID());
        }
    }

    @Test
    void propertiesFollowTheMessageRules() {
        try (JMSContext context = factory.createContext()) {
            JMSProducer producer = context.createProducer().setProperty("i", 7).setProperty("s", "12");
            assertThat(producer.getStringProperty("i")).isEqualTo("7");
            assertThat(producer.getLongProperty("s")).isEqualTo(12L);
            assertThat(producer.getPropertyNames()).containsExactlyInAnyOrder("i", "s");
            assertThat(producer.propertyExists("i")).isTrue();
            assertThatThrownBy(() -> producer.getBooleanProperty("i")).isInstanceOf(MessageFormatRuntimeException.class);
            assertThatThrownBy(() -> producer.setProperty("o", new Object())).isInstanceOf(MessageFormatRuntimeException.class);
            assertThatThrownBy(() -> producer.setProperty("JMSXDeliveryCount", 1)).isInstanceOf(RuntimeException.class);
            assertThatThrownBy(() -> producer.setProperty("", 1)).isInstanceOf(IllegalArgumentException.class);
            producer.clearProperties();
            assertThat(producer.getPropertyNames()).isEmpty();
            assertThatThrownBy(() -> producer.setPriority(10)).isInstanceOf(JMSRuntimeException.class);
            assertThatThrownBy(() -> producer.setDeliveryMode(0)).isInstanceOf(JMSRuntimeException.class);
            assertThatThrownBy(() -> producer.setDeliveryDelay(5)).isInstanceOf(JMSRuntimeException.class)
                    .hasMessageContaining("delivery delay is not supported yet");
            assertThatThrownBy(() -> producer.send(null, "x")).isInstanceOf(InvalidDestinationRuntimeException.class);
            assertThatThrownBy(() -> producer.send(context.createQueue("q"), (Message) null))
                    .isInstanceOf(MessageFormatRuntimeException.class);
            producer.setJMSCorrelationIDAsBytes(new byte[] {1, 2});
            assertThat(producer.getJMSCorrelationIDAsBytes()).containsExactly(1, 2);
        }
    }

    @Test
    void asynchronousSendsOfAJmsProducerComplete() throws Exception {
        try (JMSContext context = factory.createContext()) {
            Topic topic = context.createTopic("async-ctx");
            List<Message> completed = Collections.synchronizedList(new ArrayList<>());
            List<Exception> failed = Collections.synchronizedList(new ArrayList<>());
            JMSProducer producer = context.createProducer().setAsync(listener(completed::add, failed::add));
            for (int i = 0; i < 10; i++) {
                producer.send(topic, "m" + i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> completed.size() == 10);
            assertThat(failed).isEmpty();
            assertThat(completed).extracting(m -> ((TextMessage) m).getText()).containsExactly(
                    "m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
            assertThat(broker.readAll(new PartitaTopic("async-ctx"), 10)).hasSize(10);
        }
    }

    private static CompletionListener listener(Consumer<Message> done, Consumer<Exception> failed) {
        return new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                done.accept(message);
            }

            @Override
            public void onException(Message message, Exception exception) {
                failed.accept(exception);
            }
        };
    }

    @Test
    void contextsMadeFromAContextShareItsConnection() {
        JMSContext first = factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
        JMSContext second = first.createContext(JMSContext.DUPS_OK_ACKNOWLEDGE);
        assertThat(first.getSessionMode()).isEqualTo(JMSContext.CLIENT_ACKNOWLEDGE);
        assertThat(second.getSessionMode()).isEqualTo(JMSContext.DUPS_OK_ACKNOWLEDGE);
        first.close();
        second.createProducer().send(second.createQueue("shared"), "still open");
        second.close();
        second.close();
        assertThatThrownBy(() -> second.createProducer()).isInstanceOf(IllegalStateRuntimeException.class);
        assertThatThrownBy(() -> first.createTextMessage()).isInstanceOf(IllegalStateRuntimeException.class);
    }

    @Test
    void theClientIdCanBeSetOnlyBeforeTheContextIsUsed() {
        try (JMSContext context = factory.createContext()) {
            context.setClientID("ctx-1");
            assertThat(context.getClientID()).isEqualTo("ctx-1");
        }
        try (JMSContext context = factory.createContext()) {
            context.createProducer();
            assertThatThrownBy(() -> context.setClientID("late")).isInstanceOf(IllegalStateRuntimeException.class);
        }
    }

    @Test
    void transactedMethodsThrowUncheckedExceptions() {
        assertThatThrownBy(() -> factory.createContext(JMSContext.SESSION_TRANSACTED)).isInstanceOf(JMSRuntimeException.class)
                .hasMessageContaining("transactions are not supported yet");
        try (JMSContext context = factory.createContext()) {
            assertThatThrownBy(context::commit).isInstanceOf(IllegalStateRuntimeException.class);
            assertThatThrownBy(context::rollback).isInstanceOf(IllegalStateRuntimeException.class);
            context.acknowledge();
            assertThatThrownBy(() -> context.createQueue("")).isInstanceOf(InvalidDestinationRuntimeException.class);
        }
    }

    @Test
    void aCompletionListenerMustNotCloseItsContext() throws JMSException {
        JMSContext context = factory.createContext();
        try {
            List<Exception> refused = Collections.synchronizedList(new ArrayList<>());
            context.createProducer().setAsync(listener(m -> {
                try {
                    context.close();
                } catch (RuntimeException e) {
                    refused.add(e);
                }
            }, refused::add)).send(context.createQueue("ctx-close"), "x");
            await().atMost(Duration.ofSeconds(20)).until(() -> refused.size() == 1);
            assertThat(refused.get(0)).isInstanceOf(IllegalStateRuntimeException.class);
            context.createProducer().send(context.createQueue("ctx-close"), "still open");
        } finally {
            context.close();
        }
    }
}
