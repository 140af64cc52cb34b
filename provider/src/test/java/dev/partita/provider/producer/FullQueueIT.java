package dev.partita.provider.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.broker.config.BrokerConfig;
import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.protocol.message.TopicKey;
import dev.partita.provider.testing.TestBroker;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full queue as a JMS application sees it: with {@code destination.max.unconsumed.bytes} small and
 * {@code destination.full.block.ms} 1 s, a send to a queue nobody consumes blocks, then throws
 * {@code ResourceAllocationException} (its unchecked twin in the simplified API, the
 * {@code CompletionListener}'s {@code onException} for an asynchronous send); every send that
 * returned is stored, and once a consumer took the messages, sends go through again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FullQueueIT {

    private static final long BLOCK_MS = 1_000;
    private static final String BODY = "b".repeat(500);

    @TempDir
    Path dir;
    private TestBroker broker;
    private PartitaConnectionFactory factory;

    @BeforeEach
    void start() {
        broker = TestBroker.start(dir.resolve("data"), Map.of(BrokerConfig.NUM_PARTITIONS, "1",
                BrokerConfig.DESTINATION_MAX_UNCONSUMED_BYTES, "3000",
                BrokerConfig.DESTINATION_FULL_BLOCK_MS, String.valueOf(BLOCK_MS)));
        factory = new PartitaConnectionFactory(broker.url());
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void aSendToAFullQueueBlocksThenFailsAndNothingAcknowledgedIsLost() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession();
            PartitaQueue queue = new PartitaQueue("full-classic");
            MessageProducer producer = session.createProducer(queue);
            List<String> sent = new ArrayList<>();

            ResourceAllocationException full = null;
            long failedAfterMs = -1;
            while (full == null) {
                String text = BODY + sent.size();
                long start = System.nanoTime();
                try {
                    producer.send(session.createTextMessage(text));
                    sent.add(text);
                    assertThat(sent).as("the queue fills up").hasSizeLessThan(20);
                } catch (ResourceAllocationException e) {
                    full = e;
                    failedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                }
            }
            assertThat(full.getErrorCode()).isEqualTo("DESTINATION_FULL");
            assertThat(full.getMessage()).contains("full");
            assertThat(failedAfterMs).as("the send blocked the block time first").isGreaterThanOrEqualTo(BLOCK_MS - 100);
            assertThat(sent).hasSizeGreaterThanOrEqualTo(3);

            // NON_PERSISTENT messages take the same space: they are held and refused alike.
            assertThatThrownBy(() -> producer.send(session.createTextMessage("fast"), DeliveryMode.NON_PERSISTENT,
                    Message.DEFAULT_PRIORITY, 0)).isInstanceOf(ResourceAllocationException.class);

            MessageConsumer consumer = session.createConsumer(queue);
            List<String> received = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                Message message = consumer.receive(10_000);
                assertThat(message).as("message %d of %d", i, sent.size()).isNotNull();
                received.add(((TextMessage) message).getText());
            }
            assertThat(received).as("every acknowledged send, in order, nothing refused").containsExactlyElementsOf(sent);
            assertThat(consumer.receive(200)).isNull();

            producer.send(session.createTextMessage("room again")); // acknowledgements freed the space
            assertThat(((TextMessage) consumer.receive(10_000)).getText()).isEqualTo("room again");
        }
    }

    @Test
    void temporaryQueuesAreNotLimitedByTheBrokerDefault() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession();
            jakarta.jms.TemporaryQueue replies = session.createTemporaryQueue();
            MessageProducer producer = session.createProducer(replies);
            for (int i = 0; i < 12; i++) { // about twice the broker's default limit
                producer.send(session.createTextMessage(BODY + i));
            }
            MessageConsumer consumer = session.createConsumer(replies);
            for (int i = 0; i < 12; i++) {
                assertThat(((TextMessage) consumer.receive(10_000)).getText()).isEqualTo(BODY + i);
            }
        }
    }

    @Test
    void aHeldSendHoldsBackNoAcknowledgementOfItsConnection() throws Exception {
        PartitaQueue full = new PartitaQueue("full-held");
        PartitaQueue other = new PartitaQueue("not-full");
        broker.client().admin().createTopic(TopicKey.queue(full.getQueueName()), 1, (short) 1,
                Map.of("max.unconsumed.bytes", "3000", "full.block.ms", "15000")).get(20, TimeUnit.SECONDS);
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session sending = connection.createSession();
            MessageProducer toOther = sending.createProducer(other);
            for (int i = 0; i < 3; i++) {
                toOther.send(sending.createTextMessage("other-" + i));
            }
            MessageProducer toFull = sending.createProducer(full);
            CompletableFuture<Exception> held = null;
            for (int i = 0; i < 20 && held == null; i++) {
                CompletableFuture<Exception> outcome = new CompletableFuture<>();
                toFull.send(sending.createTextMessage(BODY), new CompletionListener() {
                    @Override
                    public void onCompletion(Message message) {
                        outcome.complete(null);
                    }

                    @Override
                    public void onException(Message message, Exception exception) {
                        outcome.complete(exception);
                    }
                });
                try {
                    assertThat(outcome.get(2, TimeUnit.SECONDS)).isNull();
                } catch (java.util.concurrent.TimeoutException stillWaiting) {
                    held = outcome;
                }
            }
            assertThat(held).as("a send to the full queue is held").isNotNull();

            // AUTO_ACKNOWLEDGE confirms each ack before the next message: with the acks answered
            // behind the held send, the second receive would wait for its block time (15 s).
            Session consuming = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = consuming.createConsumer(other);
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                assertThat(((TextMessage) consumer.receive(10_000)).getText()).isEqualTo("other-" + i);
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
            assertThat(held).as("still held").isNotDone();

            MessageConsumer drain = consuming.createConsumer(full);
            assertThat(drain.receive(10_000)).isNotNull(); // frees the space: the held send goes through
            assertThat(held.get(10, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void theSimplifiedApiThrowsTheUncheckedTwinAndAnAsyncSendCallsOnException() throws Exception {
        PartitaQueue queue = new PartitaQueue("full-simplified");
        try (JMSContext context = factory.createContext()) {
            JMSProducer producer = context.createProducer();
            int sent = 0;
            ResourceAllocationRuntimeException full = null;
            while (full == null) {
                try {
                    producer.send(queue, BODY);
                    sent++;
                    assertThat(sent).as("the queue fills up").isLessThan(20);
                } catch (ResourceAllocationRuntimeException e) {
                    full = e;
                }
            }
            assertThat(full.getErrorCode()).isEqualTo("DESTINATION_FULL");

            CompletableFuture<Exception> failure = new CompletableFuture<>();
            context.createProducer().setAsync(new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    failure.complete(null);
                }

                @Override
                public void onException(Message message, Exception exception) {
                    failure.complete(exception);
                }
            }).send(queue, "async");
            assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(ResourceAllocationException.class);

            try (var consumer = context.createConsumer(queue)) {
                for (int i = 0; i < sent; i++) {
                    assertThat(consumer.receiveBody(String.class, 10_000)).isEqualTo(BODY);
                }
                assertThat(consumer.receiveNoWait()).as("the refused sends were not stored").isNull();
            }
            producer.send(queue, "room again");
        }
    }
}
