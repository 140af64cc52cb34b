package dev.partita.bench.flow;

import dev.partita.bench.process.ChildJvm;
import dev.partita.bench.process.FreePorts;
import dev.partita.bench.process.TempDirs;
import dev.partita.bench.report.MachineInfo;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code FlowRun}: flow control under small heaps. A Partita broker JVM ({@code --broker-heap},
 * 128 MiB) and plain JMS client JVMs ({@code --client-heap}, 64 MiB): a producer sends
 * {@code --messages} {@code PERSISTENT} messages asynchronously as fast as {@code send} returns while a slow {@code AUTO_ACKNOWLEDGE}
 * consumer falls behind; once every send completed the slow consumer stops and a
 * {@code CLIENT_ACKNOWLEDGE} consumer drains the backlog. Prints a markdown table of each JVM's
 * messages, time, peak live heap (after a forced full collection, sampled every 500 ms), peak heap
 * used and peak resident memory ({@code VmHWM}), and whether every message arrived exactly once.
 * Exit code 0 when every message arrived exactly once and no JVM ran out of memory. The suite's
 * {@code FlowControlIT} (this module's tests) runs the same flow at 100,000 messages through
 * {@link #run()} and asserts bounds on those peaks.
 *
 * <p>Each JVM runs with {@code -XX:+ExitOnOutOfMemoryError}; its output goes to a log file in a
 * temporary directory under {@code --work-dir}, deleted at the end (and on Ctrl-C). Not thread-safe.
 */
@Command(name = "flow-run", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs a fast async producer, a slow consumer and a backlog drain against a small-heap Partita "
        + "broker, each in its own small-heap JVM, and prints their memory peaks as markdown.")
public final class FlowRun implements Callable<Integer> {

    private static final long MIB = 1024 * 1024;
    private static final Duration POLL = Duration.ofMillis(500);

    @Option(names = "--messages", description = "Messages the producer sends (default: ${DEFAULT-VALUE}).")
    int messages = 1_000_000;

    @Option(names = "--message-size", description = "Body bytes of each BytesMessage (default: ${DEFAULT-VALUE}).")
    int messageSize = 1024;

    @Option(names = "--broker-heap", description = "-Xmx of the broker JVM (default: ${DEFAULT-VALUE}).")
    String brokerHeap = "128m";

    @Option(names = "--client-heap", description = "-Xmx of each client JVM (default: ${DEFAULT-VALUE}).")
    String clientHeap = "64m";

    @Option(names = "--partitions", description = "Partitions of the queue (broker num.partitions) (default: ${DEFAULT-VALUE}).")
    int partitions = 2;

    @Option(names = "--url-options", description = "Broker URL options of the clients, e.g. prefetch=1000&bufferMemory=33554432 (default: provider defaults).")
    String urlOptions = "";

    @Option(names = "--work-dir", description = "Parent of the temporary directory (default: ${DEFAULT-VALUE}).")
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "partita-bench");

    @Option(names = "--classpath", description = "Classpath of the child JVMs (default: this JVM's).")
    String classpath = System.getProperty("java.class.path");

    @Option(names = "--idle-s", description = "Seconds the draining consumer waits for a message before it stops (default: ${DEFAULT-VALUE}).")
    int idleSeconds = 60;

    @Option(names = "--timeout-min", description = "Minutes each phase (produce, drain) may take (default: ${DEFAULT-VALUE}).")
    int timeoutMinutes = 60;

    @Option(names = "--keep-logs", description = "Copy the JVMs' logs into this directory before the temporary one is deleted.")
    Path keepLogs;

    @Option(names = {"-o", "--output"}, description = "Also write the markdown report to this file.")
    Path output;

    /**
     * Broker settings ({@code name=value}) added to {@code num.partitions}; set programmatically
     * (the suite's {@code FlowControlIT}), not a command-line option.
     */
    List<String> brokerSettings = List.of();

    /** CRC32 passes the slow consumer computes over each body; set programmatically. */
    int slowConsumerWork = 1;

    /**
     * One client or broker JVM's figures; {@code messages} is empty when the JVM printed no result
     * line, {@code exitCode} is -1 while it runs (the broker's is that of its SIGTERM shutdown).
     */
    record Row(String jvm, String heap, String messages, String seconds, long liveHeap, long usedHeap, long peakRss,
               boolean outOfMemory, int exitCode) {
    }

    /** What one {@link #run()} measured: the broker's row first, then producer, slow consumer, drain. */
    record Result(List<Row> rows, String exactness) {

        /** Every message arrived exactly once and no JVM ran out of memory. */
        boolean clean() {
            return exactlyOnce() && rows.stream().noneMatch(Row::outOfMemory);
        }

        boolean exactlyOnce() {
            return exactness.startsWith("yes");
        }

        Row row(String jvm) {
            return rows.stream().filter(r -> r.jvm().equals(jvm)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no JVM " + jvm + " in " + rows));
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new FlowRun()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (messages < 1 || messageSize < 1 || partitions < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--messages, --message-size and --partitions must be at least 1");
        }
        Result result = run();
        String report = render(result.rows(), result.exactness());
        System.out.println(report);
        if (output != null) {
            Files.writeString(output, report);
        }
        return result.clean() ? 0 : 1;
    }

    /**
     * Runs the configured flow once (broker, slow consumer and producer, then the drain) and
     * returns what it measured; stops every JVM it started and deletes its temporary directory,
     * also when it fails. Also the entry point of the suite's {@code FlowControlIT}.
     */
    Result run() throws Exception {
        Path dir = TempDirs.create(workDir, "flow-");
        List<ChildJvm> started = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        String exactness;
        try {
            int port = FreePorts.pick();
            List<String> brokerArgs = new ArrayList<>(List.of("server", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--zookeeper-port", Integer.toString(FreePorts.pick()), "--data-dir", dir.resolve("data").toString(),
                "--set", "num.partitions=" + partitions));
            for (String setting : brokerSettings) {
                brokerArgs.add("--set");
                brokerArgs.add(setting);
            }
            ChildJvm broker = ChildJvm.start("broker", jvm(brokerHeap), classpath, FlowBroker.class.getName(),
                brokerArgs, dir.resolve("broker.log"));
            started.add(broker);
            broker.awaitListening(port, Duration.ofMinutes(2));
            String url = "partita://127.0.0.1:" + port + (urlOptions.isEmpty() ? "" : "?" + urlOptions);
            Path slowIds = dir.resolve("slow.ids");
            Path drainIds = dir.resolve("drain.ids");
            Path stop = dir.resolve("stop-slow-consumer");
            ChildJvm slow = client(started, "slow-consumer", dir, "slow", url, "flow", slowIds.toString(), stop.toString(),
                Integer.toString(slowConsumerWork));
            ChildJvm producer = client(started, "producer", dir, "produce", url, "flow", Integer.toString(messages),
                Integer.toString(messageSize));
            rows.add(row(producer, clientHeap, FlowClient.PRODUCED, awaitExit(producer, broker)));
            Files.createFile(stop);
            rows.add(row(slow, clientHeap, FlowClient.CONSUMED, awaitExit(slow, broker)));
            long slowCount = resultCount(slow, FlowClient.CONSUMED).orElse(0L);
            ChildJvm drain = client(started, "drain-consumer", dir, "drain", url, "flow", drainIds.toString(),
                Long.toString(messages - slowCount), Long.toString(idleSeconds * 1000L));
            rows.add(row(drain, clientHeap, FlowClient.CONSUMED, awaitExit(drain, broker)));
            exactness = exactlyOnce(slowIds, drainIds);
            long brokerRss = broker.peakResidentBytes().orElse(-1);
            broker.close(); // SIGTERM: its exit code tells whether it shut down cleanly
            rows.add(0, row(broker, brokerHeap, null, brokerRss));
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close(); // clients first, the broker last
            }
            copyLogs(dir);
            TempDirs.deleteRecursively(dir);
        }
        return new Result(rows, exactness);
    }

    private void copyLogs(Path dir) throws IOException {
        if (keepLogs == null) {
            return;
        }
        Files.createDirectories(keepLogs);
        try (var logs = Files.list(dir)) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                Files.copy(log, keepLogs.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private List<String> jvm(String heap) {
        return List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true");
    }

    private ChildJvm client(List<ChildJvm> started, String name, Path dir, String... args) {
        System.err.println("starting " + name);
        ChildJvm jvm = ChildJvm.start(name, jvm(clientHeap), classpath, FlowClient.class.getName(), List.of(args),
            dir.resolve(name + ".log"));
        started.add(jvm);
        return jvm;
    }

    /** Waits for a client to exit (the broker must stay up); returns its last peak resident size read. */
    private long awaitExit(ChildJvm client, ChildJvm broker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(timeoutMinutes).toNanos();
        long rss = -1;
        while (client.isAlive()) {
            rss = client.peakResidentBytes().orElse(rss);
            if (!broker.isAlive()) {
                throw new IllegalStateException("the broker died:\n" + broker.logTail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(client.name() + " did not finish within " + timeoutMinutes + " min:\n"
                    + client.logTail(20));
            }
            Thread.sleep(POLL.toMillis());
        }
        System.err.println(client.name() + " finished: " + client.logTail(1));
        return rss;
    }

    private static Optional<Long> resultCount(ChildJvm jvm, String prefix) {
        return lines(jvm).stream().filter(l -> l.startsWith(prefix))
            .map(l -> Long.parseLong(l.substring(prefix.length()).split(" ")[0])).findFirst();
    }

    private static Row row(ChildJvm jvm, String heap, String resultPrefix, long rss) {
        List<String> lines = lines(jvm);
        long live = 0;
        long used = 0;
        boolean oom = false;
        String count = "";
        String seconds = "";
        for (String line : lines) {
            long[] sample = HeapSampler.parse(line);
            if (sample != null) {
                live = Math.max(live, sample[0]);
                used = Math.max(used, sample[1]);
            }
            oom |= line.contains("OutOfMemoryError");
            if (resultPrefix != null && line.startsWith(resultPrefix)) {
                String[] parts = line.substring(resultPrefix.length()).split(" ");
                count = parts[0];
                seconds = String.format(Locale.ROOT, "%.1f", Long.parseLong(parts[1]) / 1000.0);
            }
        }
        return new Row(jvm.name(), heap, count, seconds, live, used, rss, oom, jvm.exitCode().orElse(-1));
    }

    private static List<String> lines(ChildJvm jvm) {
        try {
            return Files.readAllLines(jvm.logFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String exactlyOnce(Path... idFiles) throws IOException {
        byte[] seen = new byte[messages];
        long unknown = 0;
        for (Path file : idFiles) {
            if (!Files.exists(file)) {
                continue;
            }
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                while (true) {
                    int id;
                    try {
                        id = in.readInt();
                    } catch (EOFException end) {
                        break;
                    }
                    if (id < 0 || id >= messages) {
                        unknown++;
                    } else if (seen[id] < Byte.MAX_VALUE) {
                        seen[id]++;
                    }
                }
            }
        }
        long missing = 0;
        long duplicated = 0;
        for (byte count : seen) {
            if (count == 0) {
                missing++;
            } else if (count > 1) {
                duplicated++;
            }
        }
        if (missing == 0 && duplicated == 0 && unknown == 0) {
            return "yes (" + messages + " ids, each received once)";
        }
        return "NO: " + missing + " missing, " + duplicated + " duplicated, " + unknown + " unknown ids";
    }

    private String render(List<Row> rows, String exactness) {
        StringBuilder out = new StringBuilder("## Flow control under small heaps\n\n");
        for (String line : MachineInfo.describe(workDir)) {
            out.append("- ").append(line).append('\n');
        }
        out.append("- ").append(messages).append(" PERSISTENT messages of ").append(messageSize)
            .append(" bytes, queue of ").append(partitions).append(" partition(s), client URL options: ")
            .append(urlOptions.isEmpty() ? "provider defaults" : urlOptions).append('\n');
        out.append("- Every message exactly once: ").append(exactness).append("\n\n");
        out.append("| JVM | -Xmx | messages | seconds | peak live heap (MiB) | peak heap used (MiB) | peak RSS (MiB) | OutOfMemoryError |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.1f | %.1f | %s | %s |%n", row.jvm(), row.heap(),
                row.messages(), row.seconds(), row.liveHeap() / (double) MIB, row.usedHeap() / (double) MIB,
                row.peakRss() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", row.peakRss() / (double) MIB),
                row.outOfMemory() ? "**yes**" : "no"));
        }
        return out.toString();
    }
}
