package dev.partita.jndi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.PartitaBroker;
import dev.partita.broker.config.BrokerConfig;
import dev.partita.client.ClientConfig;
import dev.partita.client.PartitaClient;
import dev.partita.client.consumer.ConsumedRecord;
import dev.partita.client.consumer.LogConsumer;
import dev.partita.protocol.jms.JmsCodecLimits;
import dev.partita.protocol.jms.JmsRecord;
import dev.partita.protocol.jms.JmsRecordCodec;
import dev.partita.protocol.message.DestinationKind;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.Header;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.message.MessageRecords;
import dev.partita.provider.message.ObjectMessageAllowlist;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import javax.naming.Context;
import javax.naming.InitialContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's plain JMS program against a real broker: only {@code jakarta.jms} and
 * {@code javax.naming} calls, the test class path's jndi.properties with the provider URL pointing
 * at the broker; what was sent is read back from the queue's log with the low-level client
 * (receiving through JMS is not built yet).
 */
@Timeout(60)
class JmsProgramIT {

    @TempDir
    Path dataDir;

    private PartitaBroker broker;

    @BeforeEach
    void startBroker() {
        broker = new PartitaBroker(BrokerConfig.fromProperties(Map.of(
                BrokerConfig.HOST, "127.0.0.1",
                BrokerConfig.PORT, "0",
                BrokerConfig.ZOOKEEPER_EMBEDDED_PORT, "0",
                BrokerConfig.DATA_DIR, dataDir.toString(),
                BrokerConfig.NUM_IO_THREADS, "2",
                BrokerConfig.NUM_PARTITION_THREADS, "2",
                BrokerConfig.NUM_PARTITIONS, "2",
                BrokerConfig.SHUTDOWN_TIMEOUT_MS, "5000",
                BrokerConfig.CACHE_ENABLED, "false"))).start();
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void aProgramFindsItsFactoryAndQueueInJndiAndSends() throws Exception {
        // The same keys as the file; only the broker's port is not known in advance.
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.PROVIDER_URL, "partita://127.0.0.1:" + broker.port());

        InitialContext jndi = new InitialContext(env);
        ConnectionFactory factory = (ConnectionFactory) jndi.lookup("ConnectionFactory");
        Queue orders = (Queue) jndi.lookup("jms/Orders");
        Queue dynamic = (Queue) jndi.lookup("dynamicQueues/invoices");
        jndi.close();
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(orders, "order 42");
            context.createProducer().send(dynamic, "invoice 7");
        }

        assertThat(textsIn("orders", 1)).containsExactly("order 42");
        assertThat(textsIn("invoices", 1)).containsExactly("invoice 7");
    }

    /** The texts stored in a queue's partitions, waiting until {@code expected} were read (20 s at most). */
    private List<String> textsIn(String queue, int expected) throws Exception {
        TopicKey topic = new TopicKey(DestinationKind.QUEUE, queue);
        List<String> texts = new ArrayList<>();
        try (PartitaClient client = PartitaClient.create(
                ClientConfig.builder().bootstrapServers(broker.bootstrapServers()).build());
             LogConsumer consumer = client.newConsumer()) {
            int partitions = client.metadata().topic(topic, false, 10_000).get().partitionCount();
            for (int p = 0; p < partitions; p++) {
                consumer.assign(topic, p, 0);
                consumer.seekToBeginning(topic, p);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (texts.size() < expected && System.nanoTime() < deadline) {
                for (ConsumedRecord record : consumer.poll(Duration.ofMillis(200))) {
                    JmsRecord jms = JmsRecordCodec.DEFAULT.decode(record.timestamp(),
                            record.headers().toArray(new Header[0]), record.value());
                    texts.add(((TextMessage) MessageRecords.received(jms, new PartitaQueue(queue), 1,
                            ObjectMessageAllowlist.DEFAULT, JmsCodecLimits.DEFAULT)).getText());
                }
            }
        }
        return texts;
    }
}
