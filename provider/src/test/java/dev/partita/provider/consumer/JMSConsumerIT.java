package dev.partita.provider.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.testing.TestBroker;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The simplified API's receiving side: JMSConsumer, receiveBody, auto-start, recover and acknowledge of a JMSContext. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JMSConsumerIT {

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
    void receiveBodyReturnsEachBodyTypeAndTheConnectionStartsByItself() {
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("bodies");
            context.createProducer().send(queue, "text").send(queue, new byte[] {1, 2}).send(queue, Map.of("k", 1))
                    .send(queue, (java.io.Serializable) java.util.List.of("x"));
            JMSConsumer consumer = context.createConsumer(queue);
            assertThat(consumer.receiveBody(String.class, 10_000)).isEqualTo("text");
            assertThat(consumer.receiveBody(byte[].class, 10_000)).containsExactly(1, 2);
            Object map = consumer.receiveBody(Map.class, 10_000);
            assertThat(map).isEqualTo(Map.of("k", 1));
            Object list = consumer.receiveBody(java.util.List.class, 10_000);
            assertThat(list).isEqualTo(java.util.List.of("x"));
            assertThat(consumer.receiveBodyNoWait(String.class)).isNull();
            consumer.close();
            assertThatThrownBy(() -> consumer.receive(10)).isInstanceOf(IllegalStateRuntimeException.class);
        }
    }

    @Test
    void aBodyOfAnotherTypeIsRefusedAndDeliveredAgain() {
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("wrong-type");
            context.createProducer().send(queue, "not a number");
            JMSConsumer consumer = context.createConsumer(queue);
            assertThatThrownBy(() -> consumer.receiveBody(Long.class, 10_000)).isInstanceOf(MessageFormatRuntimeException.class);
            Message again = consumer.receive(10_000);
            assertThat(again).isNotNull();
            assertThat(again.getBody(String.class)).isEqualTo("not a number");
        } catch (jakarta.jms.JMSException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void clientAcknowledgeAndRecoverThroughTheContext() throws Exception {
        try (JMSContext context = factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            Queue queue = context.createQueue("ctx-client-ack");
            context.createProducer().send(queue, "one").send(queue, "two");
            JMSConsumer consumer = context.createConsumer(queue);
            assertThat(consumer.receiveBody(String.class, 10_000)).isEqualTo("one");
            context.recover();
            Message redelivered = consumer.receive(10_000);
            assertThat(redelivered.getBody(String.class)).isEqualTo("one");
            assertThat(redelivered.getJMSRedelivered()).isTrue();
            assertThat(consumer.receiveBody(String.class, 10_000)).isEqualTo("two");
            context.acknowledge();
        }
        try (JMSContext context = factory.createContext()) {
            assertThat(context.createConsumer(context.createQueue("ctx-client-ack")).receive(500)).isNull();
        }
    }

    @Test
    void durableSubscriptionsAndErrorsAreUnchecked() {
        try (JMSContext context = new PartitaConnectionFactory(broker.url("clientID=ctx")).createContext()) {
            Topic topic = context.createTopic("ctx-topic");
            JMSConsumer durable = context.createDurableConsumer(topic, "d");
            assertThatThrownBy(() -> context.unsubscribe("d")).isInstanceOf(IllegalStateRuntimeException.class);
            durable.close();
            context.unsubscribe("d");
            assertThatThrownBy(() -> context.createConsumer(topic, "x = ")).isInstanceOf(InvalidSelectorRuntimeException.class);
            JMSConsumer shared = context.createSharedConsumer(topic, "s", "x = 1");
            assertThat(shared.getMessageSelector()).isEqualTo("x = 1");
        }
    }
}
