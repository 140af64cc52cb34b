package dev.partita.provider.testing;

import dev.partita.broker.PartitaBroker;
import dev.partita.broker.config.BrokerConfig;
import dev.partita.client.ClientConfig;
import dev.partita.client.PartitaClient;
import dev.partita.client.consumer.ConsumedRecord;
import dev.partita.client.consumer.LogConsumer;
import dev.partita.protocol.jms.JmsCodecLimits;
import dev.partita.protocol.jms.JmsRecord;
import dev.partita.protocol.jms.JmsRecordCodec;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.Header;
import dev.partita.provider.destination.PartitaDestination;
import dev.partita.provider.message.MessageRecords;
import dev.partita.provider.message.ObjectMessageAllowlist;
import dev.partita.provider.message.PartitaMessage;
import jakarta.jms.JMSException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real broker with an embedded ZooKeeper for the provider's end-to-end tests: loopback, free
 * ports, data in the caller's temporary directory, small thread counts. Reads back what was sent
 * with the low-level {@link LogConsumer} and decodes it with {@link MessageRecords}.
 */
public final class TestBroker implements AutoCloseable {

    private final PartitaBroker broker;
    private final PartitaClient reader;

    private TestBroker(PartitaBroker broker, String user, String password) {
        this.broker = broker;
        this.reader = PartitaClient.create(ClientConfig.builder().bootstrapServers(broker.bootstrapServers())
                .username(user).password(password).build());
    }

    /** Starts a broker in {@code dataDir} with these settings on top of the test defaults (4 partitions per destination). */
    public static TestBroker start(Path dataDir, Map<String, String> extra) {
        return start(dataDir, extra, null, null);
    }

    /** As {@link #start(Path, Map)}, reading back as {@code user} (for a broker refusing anonymous clients). */
    public static TestBroker start(Path dataDir, Map<String, String> extra, String user, String password) {
        Map<String, String> settings = new HashMap<>();
        settings.put(BrokerConfig.HOST, "127.0.0.1");
        settings.put(BrokerConfig.PORT, "0");
        settings.put(BrokerConfig.ZOOKEEPER_EMBEDDED_PORT, "0");
        settings.put(BrokerConfig.DATA_DIR, dataDir.toString());
        settings.put(BrokerConfig.NUM_IO_THREADS, "2");
        settings.put(BrokerConfig.NUM_PARTITION_THREADS, "2");
        settings.put(BrokerConfig.NUM_PARTITIONS, "4");
        settings.put(BrokerConfig.ZOOKEEPER_SESSION_TIMEOUT_MS, "6000");
        settings.put(BrokerConfig.ZOOKEEPER_CONNECTION_TIMEOUT_MS, "6000");
        settings.put(BrokerConfig.SHUTDOWN_TIMEOUT_MS, "5000");
        settings.put(BrokerConfig.CACHE_ENABLED, "false"); // no Hazelcast member: it only serves admin reads
        settings.putAll(extra);
        return new TestBroker(new PartitaBroker(BrokerConfig.fromProperties(settings)).start(), user, password);
    }

    public static TestBroker start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** {@code partita://127.0.0.1:<port>} plus {@code ?options} when not empty. */
    public String url(String options) {
        return "partita://127.0.0.1:" + broker.port() + (options.isEmpty() ? "" : "?" + options);
    }

    public String url() {
        return url("");
    }

    public PartitaBroker broker() {
        return broker;
    }

    /** The low-level client that reads back. */
    public PartitaClient client() {
        return reader;
    }

    /** A stored message read back: where it is, and the message as a consumer would receive it. */
    public record Stored(int partition, long offset, long recordTimestamp, PartitaMessage message) {
    }

    /**
     * Every message stored in {@code destination} (which must exist), partition by partition, in
     * offset order; waits until at least {@code expected} were read (or fails after 20 s).
     */
    public List<Stored> readAll(PartitaDestination destination, int expected) throws Exception {
        TopicKey topic = new TopicKey(destination.kind(), destination.name());
        int partitions = reader.metadata().topic(topic, false, 10_000).get().partitionCount();
        List<Stored> stored = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try (LogConsumer consumer = reader.newConsumer()) {
            for (int p = 0; p < partitions; p++) {
                consumer.assign(topic, p, 0);
                consumer.seekToBeginning(topic, p);
            }
            while (stored.size() < expected && System.nanoTime() < deadline) {
                for (ConsumedRecord record : consumer.poll(Duration.ofMillis(200))) {
                    stored.add(new Stored(record.partition(), record.offset(), record.timestamp(), decode(record, destination)));
                }
            }
        }
        if (stored.size() < expected) {
            throw new AssertionError("read " + stored.size() + " of " + expected + " messages from " + destination);
        }
        stored.sort((a, b) -> a.partition != b.partition ? Integer.compare(a.partition, b.partition) : Long.compare(a.offset, b.offset));
        return stored;
    }

    private static PartitaMessage decode(ConsumedRecord record, PartitaDestination destination) throws JMSException {
        JmsRecord jms = JmsRecordCodec.DEFAULT.decode(record.timestamp(), record.headers().toArray(new Header[0]), record.value());
        return MessageRecords.received(jms, destination, 1, ObjectMessageAllowlist.DEFAULT, JmsCodecLimits.DEFAULT);
    }

    @Override
    public void close() {
        reader.close();
        broker.close();
    }
}
