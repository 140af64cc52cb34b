package dev.partita.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.partita.tck.SuiteBroker.Stored;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The simplified API (spec 2.5 and the {@code JMSContext}/{@code JMSProducer} javadoc): contexts,
 * the fluent producer, sends of bodies, {@code JMSConsumer} receiving, unchecked exceptions.
 */
@DisplayName("2.5 Simplified API")
class Chapter2_SimplifiedApiIT extends TckTest {

    @Test
    @DisplayName("JMSContext: session modes, auto start on by default, AUTO_ACKNOWLEDGE by default")
    void contextModes() throws Exception {
        ConnectionFactory factory = factory();
        try (JMSContext context = factory.createContext()) {
            assertThat(context.getSessionMode()).isEqualTo(JMSContext.AUTO_ACKNOWLEDGE);
            assertThat(context.getAutoStart()).isTrue();
            assertThat(context.getTransacted()).isFalse();
        }
        for (int mode : new int[] {JMSContext.AUTO_ACKNOWLEDGE, JMSContext.CLIENT_ACKNOWLEDGE, JMSContext.DUPS_OK_ACKNOWLEDGE}) {
            try (JMSContext context = factory.createContext(mode)) {
                assertThat(context.getSessionMode()).isEqualTo(mode);
            }
        }
        try (JMSContext context = factory.createContext(SuiteBroker.USER, SuiteBroker.PASSWORD, JMSContext.CLIENT_ACKNOWLEDGE)) {
            assertThat(context.getSessionMode()).isEqualTo(JMSContext.CLIENT_ACKNOWLEDGE);
        }
    }

    @Test
    @DisplayName("JMSProducer.send of a String, Map, byte[], Serializable and Message sends the matching message type")
    void sendsOfBodies() throws Exception {
        Queue queue = queue("ctx-bodies");
        try (JMSContext context = factory().createContext()) {
            JMSProducer producer = context.createProducer();
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("k", "v");
            map.put("n", 2);
            producer.send(queue, "text");
            producer.send(queue, map);
            producer.send(queue, new byte[] {1, 2});
            producer.send(queue, (Serializable) List.of("item"));
            producer.send(queue, context.createTextMessage("message"));
        }
        List<Stored> stored = stored(queue, 5);
        assertThat(((TextMessage) stored.get(0).message()).getText()).isEqualTo("text");
        assertThat(((MapMessage) stored.get(1).message()).getString("k")).isEqualTo("v");
        assertThat(((MapMessage) stored.get(1).message()).getInt("n")).isEqualTo(2);
        assertThat(((BytesMessage) stored.get(2).message()).getBodyLength()).isEqualTo(2);
        assertThat(((ObjectMessage) stored.get(3).message()).getObject()).isEqualTo(List.of("item"));
        assertThat(((TextMessage) stored.get(4).message()).getText()).isEqualTo("message");
    }

    @Test
    @DisplayName("JMSProducer: properties, header fields and delivery options set on it apply to every message it sends")
    void producerSettingsApply() throws Exception {
        Queue queue = queue("ctx-settings");
        Queue replies = queue("ctx-replies");
        try (JMSContext context = factory().createContext()) {
            JMSProducer producer = context.createProducer()
                    .setProperty("region", "eu").setProperty("n", 3)
                    .setJMSCorrelationID("c-1").setJMSType("t").setJMSReplyTo(replies)
                    .setPriority(8).setDeliveryMode(DeliveryMode.NON_PERSISTENT).setTimeToLive(60_000);
            assertThat(producer.getPriority()).isEqualTo(8);
            assertThat(producer.getPropertyNames()).containsExactlyInAnyOrder("region", "n");
            producer.send(queue, "one");
            producer.send(queue, context.createMessage());
        }
        for (Stored s : stored(queue, 2)) {
            Message m = s.message();
            assertThat(m.getStringProperty("region")).isEqualTo("eu");
            assertThat(m.getIntProperty("n")).isEqualTo(3);
            assertThat(m.getJMSCorrelationID()).isEqualTo("c-1");
            assertThat(m.getJMSType()).isEqualTo("t");
            assertThat(m.getJMSReplyTo()).isEqualTo(replies);
            assertThat(m.getJMSPriority()).isEqualTo(8);
            assertThat(m.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
            assertThat(m.getJMSExpiration()).isEqualTo(m.getJMSTimestamp() + 60_000);
            assertThat(m.getJMSMessageID()).startsWith("ID:");
        }
    }

    @Test
    @DisplayName("JMSProducer.setAsync: sends complete through the CompletionListener, in order")
    void asynchronousSends() throws Exception {
        Topic topic = topic("ctx-async");
        List<Message> completed = Collections.synchronizedList(new ArrayList<>());
        List<Exception> failed = Collections.synchronizedList(new ArrayList<>());
        try (JMSContext context = factory().createContext()) {
            JMSProducer producer = context.createProducer().setAsync(new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    completed.add(message);
                }

                @Override
                public void onException(Message message, Exception exception) {
                    failed.add(exception);
                }
            });
            assertThat(producer.getAsync()).isNotNull();
            for (int i = 0; i < 10; i++) {
                producer.send(topic, "m" + i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> completed.size() == 10);
        }
        assertThat(failed).isEmpty();
        assertThat(completed).extracting(m -> ((TextMessage) m).getText())
                .containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
        assertThat(stored(topic, 10)).hasSize(10);
    }

    @Test
    @DisplayName("JMSContext.createContext shares the connection; close is idempotent; a closed context throws IllegalStateRuntimeException")
    void contextsShareTheirConnection() throws Exception {
        Queue queue = queue("ctx-shared");
        JMSContext first = factory().createContext();
        JMSContext second = first.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
        first.close();
        second.createProducer().send(queue, "still open");
        second.close();
        second.close();
        assertThatThrownBy(second::createProducer).isInstanceOf(IllegalStateRuntimeException.class);
        assertThatThrownBy(first::createTextMessage).isInstanceOf(IllegalStateRuntimeException.class);
        assertThat(stored(queue, 1)).hasSize(1);
    }

    @Test
    @DisplayName("JMSContext.setClientID only before the context is used (IllegalStateRuntimeException after)")
    void clientIdBeforeUse() throws Exception {
        try (JMSContext context = factory().createContext()) {
            String id = unique("ctx-client");
            context.setClientID(id);
            assertThat(context.getClientID()).isEqualTo(id);
        }
        try (JMSContext context = factory().createContext()) {
            context.createProducer();
            assertThatThrownBy(() -> context.setClientID(unique("late"))).isInstanceOf(IllegalStateRuntimeException.class);
        }
    }

    @Test
    @DisplayName("JMSContext metadata, and its message factories")
    void metaDataAndFactories() throws Exception {
        try (JMSContext context = factory().createContext()) {
            assertThat(context.getMetaData().getJMSVersion()).isEqualTo("3.1");
            assertThat(context.createTextMessage("t").getText()).isEqualTo("t");
            assertThat(context.createObjectMessage("o").getObject()).isEqualTo("o");
            assertThat(context.createBytesMessage()).isNotNull();
            assertThat(context.createMapMessage()).isNotNull();
            assertThat(context.createStreamMessage()).isNotNull();
        }
    }

    @Test
    @DisplayName("JMSContext.acknowledge in CLIENT_ACKNOWLEDGE acknowledges what the context received")
    void contextAcknowledge() throws Exception {
        Queue queue = queue("ctx-ack");
        try (JMSContext context = factory().createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            context.createProducer().send(queue, "a").send(queue, "b");
            JMSConsumer consumer = context.createConsumer(queue);
            assertThat(consumer.receiveBody(String.class, Receiving.EXPECTED_MS)).isEqualTo("a");
            assertThat(consumer.receiveBody(String.class, Receiving.EXPECTED_MS)).isEqualTo("b");
            context.acknowledge();
        }
        try (JMSContext context = factory().createContext()) {
            assertThat(context.createConsumer(queue).receive(Receiving.ABSENT_MS)).isNull();
        }
    }

    @Test
    @DisplayName("JMSConsumer.receiveBody of a type the body cannot take is a MessageFormatRuntimeException; in AUTO_ACKNOWLEDGE the message comes again")
    void receiveBodyOfTheWrongType() throws Exception {
        Queue queue = queue("ctx-body");
        try (JMSContext context = factory().createContext()) {
            context.createProducer().send(queue, "text");
            JMSConsumer consumer = context.createConsumer(queue);
            assertThatThrownBy(() -> consumer.receiveBody(Integer.class, Receiving.EXPECTED_MS))
                    .isInstanceOf(MessageFormatRuntimeException.class);
            assertThat(consumer.receiveBody(String.class, Receiving.EXPECTED_MS)).isEqualTo("text");
        }
    }
}
