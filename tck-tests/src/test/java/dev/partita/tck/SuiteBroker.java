package dev.partita.tck;

import dev.partita.broker.PartitaBroker;
import dev.partita.broker.config.BrokerConfig;
import dev.partita.broker.server.auth.PasswordHasher;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one broker of the whole suite: a {@link PartitaBroker} with an embedded ZooKeeper on free
 * loopback ports and a temporary data directory, started by the first test class that needs it and
 * kept in JUnit's root store, which closes it (and deletes its directory) when the run ends. It
 * knows one user ({@value #USER}) but also lets anonymous clients in. Thread-safe: started once
 * under JUnit's store lock, then only read.
 */
public final class SuiteBroker implements AutoCloseable {

    public static final String USER = "alice";
    public static final String PASSWORD = "s3cret";

    private final Path dir;
    private final PartitaBroker broker;
    private final PartitaClient reader;

    private SuiteBroker(Path dir) throws IOException {
        this.dir = dir;
        Path users = dir.resolve("users.properties");
        Files.writeString(users, USER + "=" + PasswordHasher.hash(PASSWORD.toCharArray()) + "\n");
        this.broker = new PartitaBroker(BrokerConfig.fromProperties(Map.of(
                BrokerConfig.HOST, "127.0.0.1",
                BrokerConfig.PORT, "0",
                BrokerConfig.ZOOKEEPER_EMBEDDED_PORT, "0",
                BrokerConfig.DATA_DIR, dir.resolve("data").toString(),
                BrokerConfig.USERS_FILE, users.toString(),
                BrokerConfig.ALLOW_ANONYMOUS, "true",
                BrokerConfig.NUM_IO_THREADS, "2",
                BrokerConfig.NUM_PARTITION_THREADS, "2",
                BrokerConfig.NUM_PARTITIONS, "2",
                BrokerConfig.SHUTDOWN_TIMEOUT_MS, "5000"))
                .with(BrokerConfig.CACHE_ENABLED, "false")).start(); // no Hazelcast member: it only serves admin reads
        this.reader = PartitaClient.create(ClientConfig.builder().bootstrapServers(broker.bootstrapServers()).build());
    }

    /** The suite's broker, started on first use; closed by JUnit at the end of the run. */
    static SuiteBroker in(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SuiteBroker.class, key -> {
                    try {
                        return new SuiteBroker(Files.createTempDirectory("partita-tck"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, SuiteBroker.class);
    }

    /** {@code partita://127.0.0.1:<port>}. */
    public String url() {
        return "partita://127.0.0.1:" + broker.port();
    }

    /** A message as the broker stored it: where, and the message as a consumer would see it. */
    public record Stored(int partition, long offset, PartitaMessage message) {
    }

    /**
     * Every message stored in {@code destination}, partition by partition in offset order, read with
     * the low-level log consumer (not through JMS); waits until {@code expected} were read (20 s at most).
     */
    public List<Stored> stored(PartitaDestination destination, int expected, ObjectMessageAllowlist allowlist) throws Exception {
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
                for (ConsumedRecord record : consumer.poll(Duration.ofMillis(100))) {
                    JmsRecord jms = JmsRecordCodec.DEFAULT.decode(record.timestamp(), record.headers().toArray(new Header[0]), record.value());
                    stored.add(new Stored(record.partition(), record.offset(),
                            MessageRecords.received(jms, destination, 1, allowlist, JmsCodecLimits.DEFAULT)));
                }
            }
        }
        if (stored.size() < expected) {
            throw new AssertionError("read " + stored.size() + " of " + expected + " messages from " + destination);
        }
        stored.sort(Comparator.comparingInt(Stored::partition).thenComparingLong(Stored::offset));
        return stored;
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            broker.close();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** The extension every test class of the suite uses (through {@link TckTest}). */
    public static final class Extension implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            TckTest.broker = in(context);
        }
    }
}
