package dev.partita.broker.launcher;

import static dev.partita.broker.Requests.produce;
import static dev.partita.broker.Requests.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.BrokerProcess;
import dev.partita.broker.RawClient;
import dev.partita.broker.Requests.OffsetValue;
import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.TopicKey;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/partita server} as a user runs it: from another directory, data in {@code ./data} of
 * that directory, free ports given with flags. A record goes round trip, SIGINT stops it with exit
 * code 0 and the clean-shutdown marker. The test's class path is handed over in
 * {@code PARTITA_CLASSPATH}, so the script does not build (the build is what runs this test).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PartitaScriptIT {

    @TempDir
    Path workDir;

    @Test
    void serverStartsRoundTripsARecordAndStopsCleanlyOnSigint() throws Exception {
        Path script = repositoryRoot().resolve("bin/partita");
        assertThat(script).isExecutable();
        int port = freePort();
        int zookeeperPort = freePort();
        List<String> command = List.of(script.toString(), "server", "--port", String.valueOf(port),
                "--zookeeper-port", String.valueOf(zookeeperPort));
        Map<String, String> env = Map.of("PARTITA_CLASSPATH", System.getProperty("java.class.path"),
                "PARTITA_OPTS", "-Xmx256m");
        TopicKey topic = TopicKey.topic("from-the-script");
        try (BrokerProcess broker = BrokerProcess.start(command, workDir, env, workDir.resolve("broker.err"))) {
            assertThat(broker.port()).isEqualTo(port);
            assertThat(broker.output()).anySatisfy(line -> assertThat(line)
                    .contains("Partita broker 0 listening on localhost:" + port)
                    .contains("ZooKeeper embedded at localhost:" + zookeeperPort));
            try (RawClient client = new RawClient("localhost", port)) {
                assertThat(produce(client, topic, 0, Acks.ALL, "hello").error()).isEqualTo(Errors.NONE);
                assertThat(readAll(client, topic, 0, 0)).containsExactly(new OffsetValue(0, "hello"));
            }
            assertThat(broker.interrupt()).as("exit code after SIGINT").isZero();
        }
        Path data = workDir.resolve("data");
        assertThat(data.resolve(".clean-shutdown")).exists();
        try (var dirs = Files.list(data)) {
            assertThat(dirs.map(p -> p.getFileName().toString())).anyMatch(name -> name.endsWith("-0"));
        }
    }

    static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("bin/partita"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("bin/partita not found above " + System.getProperty("user.dir"));
        }
        return dir;
    }

    /** A port free right now on loopback (the broker binds it a moment later). */
    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
