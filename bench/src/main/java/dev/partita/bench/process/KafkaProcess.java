package dev.partita.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Apache Kafka as a single KRaft node in combined mode ({@code process.roles=broker,controller}):
 * writes a {@code server.properties}, formats the storage with {@code kafka.tools.StorageTool}
 * (in its own short-lived JVM, because the tool exits the JVM), then starts {@code kafka.Kafka} in
 * a JVM of its own. Both listeners are on loopback ports picked at run time; the data directory is
 * temporary and deleted on {@link #close()}. Not thread-safe.
 */
public final class KafkaProcess extends ChildJvmBroker {

    static final String SERVER_MAIN = "kafka.Kafka";
    static final String STORAGE_TOOL_MAIN = "kafka.tools.StorageTool";

    private KafkaProcess(Path dir, int port, ChildJvm jvm) {
        super("Kafka", dir, port, jvm);
    }

    public static KafkaProcess start(BrokerLaunchSettings settings) {
        Path dir = TempDirs.create(settings.workDir(), "kafka-");
        try {
            int port = FreePorts.pick();
            int controllerPort = FreePorts.pick();
            Path dataDir = dir.resolve("data");
            Path config = dir.resolve("server.properties");
            Files.writeString(config, serverProperties(port, controllerPort, dataDir));
            ChildJvm.runToCompletion("kafka-storage-format", settings.jvmOptions(), settings.classpath(),
                STORAGE_TOOL_MAIN,
                List.of("format", "--cluster-id", newClusterId(), "--config", config.toString(), "--ignore-formatted"),
                dir.resolve("format.log"), settings.startupTimeout());
            ChildJvm jvm = ChildJvm.start("Kafka", settings.jvmOptions(), settings.classpath(), SERVER_MAIN,
                List.of(config.toString()), dir.resolve("kafka.log"));
            KafkaProcess kafka = new KafkaProcess(dir, port, jvm);
            try {
                jvm.awaitListening(port, settings.startupTimeout());
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
            return kafka;
        } catch (IOException e) {
            TempDirs.deleteRecursively(dir);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            TempDirs.deleteRecursively(dir);
            throw e;
        }
    }

    /**
     * The node's configuration: a combined single node with a static one-voter quorum, internal
     * topics at replication factor 1, and otherwise Kafka's defaults (so page-cache durability
     * unless a topic sets {@code flush.messages}).
     */
    static String serverProperties(int port, int controllerPort, Path dataDir) {
        return String.join("\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            "log.dirs=" + dataDir,
            "num.partitions=1",
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=false",
            "");
    }

    /** A cluster id in Kafka's format: a random UUID, URL-safe base64 without padding. */
    static String newClusterId() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
