package dev.partita.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A broker running as its own process (the launcher in a child JVM, or {@code bin/partita}), for
 * tests that kill it or send it signals. Reads its standard output for the "listening on" line;
 * standard error goes to a file beside the data directory for post-mortems.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on ([^:\\s]+):(\\d+)");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private BrokerProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "broker-process-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** The command that runs the launcher's main class in a fresh JVM with this test's class path. */
    public static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.partita.broker.launcher.PartitaServer");
        command.addAll(List.of(args));
        return command;
    }

    /** Starts the command in {@code workDir} and waits until the broker says where it listens. */
    public static BrokerProcess start(List<String> command, Path workDir, Map<String, String> env, Path stderr)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
        builder.environment().putAll(env);
        BrokerProcess broker = new BrokerProcess(builder.start());
        try {
            broker.port.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            broker.close();
            throw new IOException("broker did not start; stdout " + broker.output + ", stderr:\n"
                    + (Files.exists(stderr) ? Files.readString(stderr) : ""), e);
        }
        return broker;
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(2)));
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            port.completeExceptionally(new IOException("broker output ended"));
        }
    }

    public int port() {
        return port.join();
    }

    public long pid() {
        return process.pid();
    }

    public List<String> output() {
        return List.copyOf(output);
    }

    /** kill -9: no shutdown hook runs, the page cache keeps what was written. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Sends SIGINT (Ctrl-C) and waits for the exit code. */
    public int interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        kill.waitFor(10, TimeUnit.SECONDS);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IOException("broker did not stop within 60 s after SIGINT");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
