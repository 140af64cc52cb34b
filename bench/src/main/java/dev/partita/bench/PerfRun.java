package dev.partita.bench;

import dev.partita.bench.fsync.FsyncLimit;
import dev.partita.bench.fsync.FsyncSample;
import dev.partita.bench.process.BrokerLaunchSettings;
import dev.partita.bench.process.BrokerProcess;
import dev.partita.bench.process.KafkaProcess;
import dev.partita.bench.process.PartitaProcess;
import dev.partita.bench.report.MachineInfo;
import dev.partita.bench.report.PerfReport;
import dev.partita.bench.workload.BenchDriver;
import dev.partita.bench.workload.ClientSettings;
import dev.partita.bench.workload.KafkaDriver;
import dev.partita.bench.workload.PartitaDriver;
import dev.partita.bench.workload.SystemConfig;
import dev.partita.bench.workload.SystemConfig.Product;
import dev.partita.bench.workload.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code PerfRun}: the producer/consumer benchmark of Partita against Apache Kafka in one run.
 * Parses the options into a {@link RunPlan}, runs it with {@link PerfRunner}, measures the disk's
 * fsync limit, and prints the markdown report (optionally also writing it to a file).
 */
@Command(name = "perf-run", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs the same producer/consumer workload against Partita and Apache Kafka, "
        + "each broker in its own JVM, in alternating rounds, and prints medians and ratios as markdown.")
public final class PerfRun implements Callable<Integer> {

    /** Logging of this JVM (the Kafka clients are chatty at INFO); the brokers get their own. */
    static final String DRIVER_LOGBACK = "partita-bench-logback.xml";
    static final String BROKER_LOGBACK = "partita-bench-broker-logback.xml";

    @Option(names = "--rounds", description = "Alternating rounds (Partita, Kafka, Partita, ...); figures are medians (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--record-sizes", split = ",", description = "Value sizes in bytes (default: ${DEFAULT-VALUE}).")
    List<Integer> recordSizes = List.of(100, 1024);

    @Option(names = "--partitions", split = ",", description = "Partition counts (default: ${DEFAULT-VALUE}).")
    List<Integer> partitions = List.of(1, 4);

    @Option(names = "--run-mb", description = "Payload MiB per cell; records = this / record size (default: ${DEFAULT-VALUE}).")
    long runMegabytes = 64;

    @Option(names = "--records", description = "Records per cell, overriding --run-mb.")
    Long records;

    @Option(names = "--configs", split = ",", description = "Broker configurations to run, of ${COMPLETION-CANDIDATES} (default: all).")
    List<SystemConfig> configs = List.of(SystemConfig.values());

    @Option(names = "--batch-size", description = "Producer batch size in bytes, both clients (default: ${DEFAULT-VALUE}).")
    int batchSize = 16384;

    @Option(names = "--linger-ms", description = "Producer linger in ms, both clients (default: ${DEFAULT-VALUE}).")
    int lingerMs = 5;

    @Option(names = "--max-in-flight-mb", description = "Payload MiB sent but not acknowledged before send waits, both clients (default: ${DEFAULT-VALUE}).")
    long maxInFlightMegabytes = 2;

    @Option(names = "--heap", description = "-Xmx of each broker JVM (default: ${DEFAULT-VALUE}).")
    String heap = "512m";

    @Option(names = "--broker-jvm-option", description = "Extra JVM option for both brokers, repeatable.")
    List<String> extraJvmOptions = new ArrayList<>();

    @Option(names = "--warmup-mb", description = "Payload MiB produced and consumed after each broker start, not measured (default: ${DEFAULT-VALUE}).")
    long warmupMegabytes = 16;

    @Option(names = "--fsync-seconds", description = "Seconds per fsync probe, probed at the start of every round; 0 skips the probe (default: ${DEFAULT-VALUE}).")
    double fsyncSeconds = 1.0;

    @Option(names = "--work-dir", description = "Parent of the brokers' temporary data directories (default: ${DEFAULT-VALUE}).")
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "partita-bench");

    @Option(names = "--classpath", description = "Classpath of the broker JVMs (default: this JVM's).")
    String classpath = System.getProperty("java.class.path");

    @Option(names = "--startup-timeout-s", description = "Seconds a broker may take to start (default: ${DEFAULT-VALUE}).")
    int startupTimeoutSeconds = 120;

    @Option(names = "--phase-timeout-s", description = "Seconds one produce or consume phase may take (default: ${DEFAULT-VALUE}).")
    int phaseTimeoutSeconds = 300;

    @Option(names = {"-o", "--output"}, description = "Also write the markdown report to this file.")
    Path output;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", DRIVER_LOGBACK);
        }
        System.exit(new CommandLine(new PerfRun()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        RunPlan plan = plan();
        Instant started = Instant.now();
        PerfRunner runner = new PerfRunner(plan, this::startBroker, this::connect, this::measureFsync, System.err);
        runner.run();
        Duration took = Duration.between(started, Instant.now());
        String report = new PerfReport(settingsLines(plan, took), runner.measurements(), runner.memory(), runner.fsync(),
            batchSize).render();
        System.out.println(report);
        if (output != null) {
            Files.writeString(output, report);
            System.err.println("report written to " + output);
        }
        return runner.measurements().stream().allMatch(m -> m.ok()) ? 0 : 1;
    }

    RunPlan plan() {
        List<WorkloadSpec> specs = new ArrayList<>();
        for (int size : recordSizes) {
            for (int count : partitions) {
                specs.add(records != null ? new WorkloadSpec(size, count, records)
                    : WorkloadSpec.ofBytes(size, count, runMegabytes << 20));
            }
        }
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseG1GC", "-Djava.awt.headless=true",
            "-Dlogback.configurationFile=" + BROKER_LOGBACK));
        jvmOptions.addAll(extraJvmOptions);
        ClientSettings client = new ClientSettings(batchSize, lingerMs, maxInFlightMegabytes << 20,
            Duration.ofSeconds(phaseTimeoutSeconds));
        BrokerLaunchSettings launch = new BrokerLaunchSettings(classpath, jvmOptions, workDir,
            Duration.ofSeconds(startupTimeoutSeconds));
        return new RunPlan(rounds, specs, configs, client, launch, warmupMegabytes << 20);
    }

    private BrokerProcess startBroker(Product product) {
        RunPlan plan = plan();
        return product == Product.PARTITA ? PartitaProcess.start(plan.launch()) : KafkaProcess.start(plan.launch());
    }

    private BenchDriver connect(Product product, String bootstrapServers) {
        ClientSettings client = plan().client();
        return product == Product.PARTITA ? new PartitaDriver(bootstrapServers, client)
            : new KafkaDriver(bootstrapServers, client);
    }

    private List<FsyncSample> measureFsync() throws IOException {
        if (fsyncSeconds <= 0) {
            return List.of();
        }
        Duration each = Duration.ofMillis((long) (fsyncSeconds * 1000));
        List<FsyncSample> samples = new ArrayList<>(FsyncLimit.measureGrid(workDir, recordSizes, List.of(1), each));
        samples.addAll(FsyncLimit.measureGrid(workDir, List.of(batchSize), List.of(1, 4, 16, 64), each));
        return samples;
    }

    private List<String> settingsLines(RunPlan plan, Duration took) {
        List<String> lines = new ArrayList<>(MachineInfo.describe(workDir));
        lines.add("Rounds: " + rounds + " (each round: Partita, then Kafka, each in a fresh JVM with an empty data "
            + "directory and a " + warmupMegabytes + " MiB warm-up); every figure is the median over the rounds");
        lines.add("Per cell: " + (records != null ? records + " records" : runMegabytes + " MiB of payload")
            + ", random values, no keys, produced to a new topic, then consumed back from offset 0");
        lines.add("Both producers: batch size " + batchSize + " B, linger " + lingerMs + " ms, no compression, at most "
            + maxInFlightMegabytes + " MiB unacknowledged; Kafka producer with enable.idempotence=false (Partita's "
            + "client does not number batches yet), max.in.flight.requests.per.connection=5 (default)");
        lines.add("Partitions: record i goes to partition (i / (batch size / record size)) mod partitions, the same "
            + "for both clients (Kafka's sticky partitioning, made deterministic)");
        lines.add("Both consumers: assign every partition, read from the beginning, fetch min 1 byte, max wait 500 ms");
        lines.add("Broker JVMs: " + String.join(" ", plan.launch().jvmOptions()) + " (same options for both)");
        lines.add("Run took " + took.toSeconds() + " s");
        return lines;
    }
}
