package dev.partita.broker.launcher;

import static dev.partita.broker.Requests.produce;
import static dev.partita.broker.Requests.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.partita.broker.BrokerProcess;
import dev.partita.broker.RawClient;
import dev.partita.broker.Requests.OffsetValue;
import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.TopicKey;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/partita server} as a user runs it: from another directory, data in {@code ./data} of
 * that directory, free ports given with flags. A record goes round trip, {@code bin/partita admin
 * subscriptions} answers from the broker's offset cache (on by default), SIGINT stops it with exit
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
            // the script hands 'admin ...' through; a broker started this way runs its offset cache
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                ProcessResult admin = run(List.of(script.toString(), "admin", "subscriptions", "--bootstrap",
                        "localhost:" + port), env);
                assertThat(admin.exitCode()).as(admin.err()).isZero();
                assertThat(admin.out()).startsWith("No subscriptions");
            });
            assertThat(broker.interrupt()).as("exit code after SIGINT").isZero();
        }
        Path data = workDir.resolve("data");
        assertThat(data.resolve(".clean-shutdown")).exists();
        try (var dirs = Files.list(data)) {
            assertThat(dirs.map(p -> p.getFileName().toString())).anyMatch(name -> name.endsWith("-0"));
        }
    }

    record ProcessResult(int exitCode, String out, String err) {
    }

    /** Runs a short command in {@code workDir}, its output kept in files (no pipe to block on). */
    private ProcessResult run(List<String> command, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("'" + String.join(" ", command) + "' did not end within 30 s");
        }
        return new ProcessResult(process.exitValue(), Files.readString(out), Files.readString(err));
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
