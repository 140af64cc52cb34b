package dev.partita.provider.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A broker (with its embedded ZooKeeper) in a child JVM, for provider tests that kill it the hard
 * way: {@link #kill()} is {@code kill -9} (no shutdown hook, no graceful close: connections are
 * reset by the kernel), {@link #freeze()} is {@code kill -STOP} (the broker still holds its
 * connections but answers nothing, so a call waiting for it is surely blocked when the kill
 * comes). {@link #restart()} starts it again on the same port and data directory.
 *
 * <p>Standard output is read for the "listening on" line; standard error goes to
 * {@code broker.err} beside the data directory. Not thread-safe: one test thread drives it.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Partita broker \\d+ listening on ([^:\\s]+):(\\d+)");

    private final Path dataDir;
    private Process process;
    private int port;

    private BrokerProcess(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Starts a broker on a free port with its data in {@code dataDir}; waits until it listens. */
    public static BrokerProcess start(Path dataDir) throws IOException {
        BrokerProcess broker = new BrokerProcess(dataDir);
        broker.launch(0);
        return broker;
    }

    /** Starts the broker again on the port it had, on the same data (after {@link #kill()}). */
    public void restart() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the broker still runs");
        }
        launch(port);
    }

    private void launch(int wantedPort) throws IOException {
        Files.createDirectories(dataDir);
        Path stderr = dataDir.resolveSibling("broker.err");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.partita.broker.launcher.PartitaServer", "server", "--host", "127.0.0.1",
                "--port", Integer.toString(wantedPort), "--zookeeper-port", "0", "--data-dir", dataDir.toString(),
                "--set", "zookeeper.session.timeout.ms=6000", "--set", "zookeeper.connection.timeout.ms=20000",
                "--set", "num.io.threads=1", "--set", "num.partition.threads=1", "--set", "num.partitions=2"));
        process = new ProcessBuilder(command).directory(dataDir.getParent().toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile())).start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Process started = process;
        Thread reader = new Thread(() -> readOutput(started, output, listening), "broker-process-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            port = listening.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IOException("broker did not start; stdout " + output + ", stderr:\n"
                    + (Files.exists(stderr) ? Files.readString(stderr) : ""), e);
        }
    }

    private static void readOutput(Process process, List<String> output, CompletableFuture<Integer> listening) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    listening.complete(Integer.parseInt(m.group(2)));
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            listening.completeExceptionally(new IOException("broker output ended"));
        }
    }

    /** {@code partita://127.0.0.1:<port>} plus {@code ?options} when not empty. */
    public String url(String options) {
        return "partita://127.0.0.1:" + port + (options.isEmpty() ? "" : "?" + options);
    }

    /** {@code kill -STOP}: the broker keeps its sockets open and answers nothing until killed or thawed. */
    public void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** {@code kill -9} (also of a frozen broker); returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("broker process " + process.pid() + " survived kill -9 for 30 s");
        }
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill " + signal + " " + process.pid() + " failed");
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
