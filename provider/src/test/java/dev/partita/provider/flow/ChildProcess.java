package dev.partita.provider.flow;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One child JVM of {@link FlowControlIT}: a main class of this test class path run with given
 * heap options, its standard output and error read by a daemon thread (kept in memory: the
 * children print few lines), the peaks of its {@link HeapReporter} lines kept. {@link #close}
 * kills it if it still runs. Thread-safe for reading; one owner starts and stops it.
 */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final AtomicLong peakLive = new AtomicLong();
    private final AtomicLong peakUsed = new AtomicLong();
    private final Thread reader;

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.reader = new Thread(this::read, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code java <jvmOptions> -cp <this class path> <mainClass> <args>} in {@code workDir}. */
    static ChildProcess start(String name, List<String> jvmOptions, Class<?> mainClass, List<String> args, Path workDir)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        return new ChildProcess(name, process);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                long[] heap = HeapReporter.parse(line);
                if (heap != null) {
                    peakLive.accumulateAndGet(heap[0], Math::max);
                    peakUsed.accumulateAndGet(heap[1], Math::max);
                } else {
                    output.add(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end, then for its output to be read; returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not finish within " + timeout + "; output:\n" + String.join("\n", output));
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    /** SIGTERM (the broker's clean shutdown), then waits for the exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return awaitExit(timeout);
    }

    /** Writes a line to the child's standard input. */
    void tell(String line) throws IOException {
        Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        in.write(line + "\n");
        in.flush();
    }

    List<String> output() {
        return List.copyOf(output);
    }

    /** The first output line starting with {@code prefix}, without it. */
    Optional<String> lineAfter(String prefix) {
        return output.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst();
    }

    long peakLiveHeap() {
        return peakLive.get();
    }

    long peakHeapUsed() {
        return peakUsed.get();
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
