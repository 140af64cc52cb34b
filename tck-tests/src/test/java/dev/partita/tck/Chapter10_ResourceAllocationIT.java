package dev.partita.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.client.ClientConfig;
import dev.partita.client.PartitaClient;
import dev.partita.protocol.message.TopicKey;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Chapter 10: {@code ResourceAllocationException} when the provider cannot take a message: a queue
 * that holds its maximum of unconsumed bytes (destination configs {@code max.unconsumed.bytes},
 * {@code full.block.ms}, set when an administrator creates it) blocks a send, then refuses it.
 */
@DisplayName("10 Exceptions: resources")
class Chapter10_ResourceAllocationIT extends TckTest {

    @Test
    @DisplayName("10.2 ResourceAllocationException: a send to a full queue blocks, then fails; what was sent stays, and sends work again once consumed")
    void fullQueue() throws Exception {
        Queue queue = queue("x-full");
        String bootstrap = broker.url().substring("partita://".length());
        try (PartitaClient admin = PartitaClient.create(ClientConfig.builder().bootstrapServers(bootstrap).build())) {
            admin.admin().createTopic(TopicKey.queue(queue.getQueueName()), 1, (short) 1,
                    Map.of("max.unconsumed.bytes", "2000", "full.block.ms", "1000")).get(20, TimeUnit.SECONDS);
        }
        try (Connection connection = factory().createConnection()) {
            connection.start();
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(queue);
            List<String> sent = new ArrayList<>();
            ResourceAllocationException refused = null;
            long blockedMs = 0;
            while (refused == null && sent.size() < 20) {
                String text = "payload-" + sent.size() + "-" + "x".repeat(400);
                long start = System.nanoTime();
                try {
                    producer.send(session.createTextMessage(text));
                    sent.add(text);
                } catch (ResourceAllocationException e) {
                    refused = e;
                    blockedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                }
            }
            assertThat(refused).as("a send to the full queue is refused").isNotNull();
            assertThat(refused.getMessage()).isNotBlank();
            assertThat(blockedMs).as("after blocking first").isGreaterThanOrEqualTo(900);

            MessageConsumer consumer = session.createConsumer(queue);
            List<String> received = new ArrayList<>();
            Message message;
            while (received.size() < sent.size() && (message = consumer.receive(10_000)) != null) {
                received.add(((TextMessage) message).getText());
            }
            assertThat(received).containsExactlyElementsOf(sent);

            producer.send(session.createTextMessage("after"));
            assertThat(((TextMessage) consumer.receive(10_000)).getText()).isEqualTo("after");
        }
    }
}
