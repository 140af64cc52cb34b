package dev.partita.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM: started with a given classpath, heap options and main class, its standard output
 * and error written to a log file. {@link #close()} asks it to stop (SIGTERM, so the broker shuts
 * down cleanly), then kills it if it has not exited within the grace period.
 *
 * <p>Every started JVM is also registered with {@link ChildReaper}, so an exception or Ctrl-C in
 * the benchmark never leaves a broker running. Not thread-safe: one owner starts and stops it.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildJvm(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code java <jvmOptions> -cp <classpath> <mainClass> <args>} with the JVM running
     * this benchmark.
     */
    public static ChildJvm start(String name, List<String> jvmOptions, String classpath, String mainClass,
                                 List<String> args, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(logFile.toFile());
        try {
            ChildJvm jvm = new ChildJvm(name, builder.start(), logFile);
            ChildReaper.register(jvm);
            return jvm;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Runs a JVM to completion (a tool such as Kafka's storage formatter); throws unless it exits 0. */
    public static void runToCompletion(String name, List<String> jvmOptions, String classpath, String mainClass,
                                       List<String> args, Path logFile, Duration timeout) {
        try (ChildJvm jvm = start(name, jvmOptions, classpath, mainClass, args, logFile)) {
            if (!jvm.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BrokerStartException(name + " did not finish within " + timeout + "\n" + jvm.logTail(30));
            }
            if (jvm.process.exitValue() != 0) {
                throw new BrokerStartException(name + " exited with " + jvm.process.exitValue() + "\n" + jvm.logTail(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while waiting for " + name, e);
        }
    }

    /** Waits until the JVM accepts TCP connections on {@code port} of the loopback address. */
    public void awaitListening(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new BrokerStartException(name + " exited with " + process.exitValue()
                    + " before listening on port " + port + "\n" + logTail(40));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                pause(Duration.ofMillis(100));
            }
        }
        throw new BrokerStartException(name + " is not listening on port " + port + " after " + timeout
            + "\n" + logTail(40));
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The JVM's exit code; empty while it runs. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    public Path logFile() {
        return logFile;
    }

    /** Peak resident memory of the JVM so far ({@code VmHWM}); empty once it has exited. */
    public OptionalLong peakResidentBytes() {
        return ProcessMemory.peakResidentBytes(process.pid());
    }

    /** The last {@code lines} lines of the JVM's output, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the JVM: SIGTERM, then SIGKILL after the grace period. Idempotent. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    System.err.println(name + " did not stop within " + STOP_GRACE + ": killing it");
                    process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            ChildReaper.unregister(this);
        }
    }

    /** Kills the JVM and waits (bounded) until it is gone, so its files can be deleted (used by the shutdown hook). */
    void killNow() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted", e);
        }
    }
}
