package dev.partita.bench;

import dev.partita.bench.fsync.FsyncSample;
import dev.partita.bench.process.BrokerProcess;
import dev.partita.bench.report.MarkdownTable;
import dev.partita.bench.report.Measurement;
import dev.partita.bench.report.MemorySample;
import dev.partita.bench.workload.BenchDriver;
import dev.partita.bench.workload.ConsumeResult;
import dev.partita.bench.workload.ProduceResult;
import dev.partita.bench.workload.SystemConfig;
import dev.partita.bench.workload.SystemConfig.Product;
import dev.partita.bench.workload.WorkloadSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs the rounds of a {@link RunPlan}: in each round Partita, then Kafka, each in a freshly
 * started broker JVM with an empty data directory, after a probe of the disk's fsync rate; a warm-up, then every workload cell with every
 * configuration of that broker on a new topic (produce everything, then consume it back). A broker
 * that fails to start or dies fails its cells of that round, not the run. Records each broker's
 * peak resident memory before stopping it. Not thread-safe; one run per instance.
 */
final class PerfRunner {

    /** Starts a broker of a product. */
    interface BrokerLauncher {
        BrokerProcess start(Product product);
    }

    /** Connects a driver to a started broker. */
    interface DriverFactory {
        BenchDriver connect(Product product, String bootstrapServers);
    }

    /** Measures the disk's fsync rate; run once per round because the disk's load changes too. */
    interface FsyncProber {
        List<FsyncSample> probe() throws IOException;
    }

    private final RunPlan plan;
    private final BrokerLauncher launcher;
    private final DriverFactory drivers;
    private final FsyncProber fsyncProber;
    private final PrintStream progress;
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<FsyncSample> fsync = new ArrayList<>();
    private final List<MemorySample> memory = new ArrayList<>();

    PerfRunner(RunPlan plan, BrokerLauncher launcher, DriverFactory drivers, FsyncProber fsyncProber,
               PrintStream progress) {
        this.plan = plan;
        this.launcher = launcher;
        this.drivers = drivers;
        this.fsyncProber = fsyncProber;
        this.progress = progress;
    }

    void run() {
        for (int round = 1; round <= plan.rounds(); round++) {
            probeFsync(round);
            for (Product product : Product.values()) {
                List<SystemConfig> configs = plan.configsOf(product);
                if (!configs.isEmpty()) {
                    runRound(round, product, configs);
                }
            }
        }
    }

    List<Measurement> measurements() {
        return List.copyOf(measurements);
    }

    List<MemorySample> memory() {
        return List.copyOf(memory);
    }

    /** Every fsync probe of every round. */
    List<FsyncSample> fsync() {
        return List.copyOf(fsync);
    }

    private void probeFsync(int round) {
        try {
            List<FsyncSample> samples = fsyncProber.probe();
            fsync.addAll(samples);
            samples.stream().filter(s -> s.writeBytes() == plan.client().batchSizeBytes() && s.writesPerFsync() == 1)
                .forEach(s -> progress.printf(Locale.ROOT, "round %d/%d: disk does %s fsyncs/s of %d B appends%n", round,
                    plan.rounds(), MarkdownTable.number(s.fsyncsPerSecond()), s.writeBytes()));
        } catch (IOException e) {
            progress.println("round " + round + ": fsync probe failed: " + e);
        }
    }

    private void runRound(int round, Product product, List<SystemConfig> configs) {
        progress.printf("round %d/%d: starting %s%n", round, plan.rounds(), product.displayName());
        BrokerProcess broker;
        try {
            broker = launcher.start(product);
        } catch (RuntimeException e) {
            failAll(round, configs, product.displayName() + " did not start: " + e.getMessage());
            return;
        }
        try (broker; BenchDriver driver = drivers.connect(product, broker.bootstrapServers())) {
            warmUp(round, driver, configs.get(0));
            for (WorkloadSpec spec : plan.specs()) {
                for (SystemConfig config : configs) {
                    measurements.add(runCell(round, driver, config, spec, broker));
                }
            }
            memory.add(new MemorySample(round, product, broker.peakResidentBytes().orElse(-1)));
        } catch (Exception e) {
            progress.println(product.displayName() + " round " + round + " aborted: " + e);
            for (WorkloadSpec spec : plan.specs()) {
                for (SystemConfig config : configs) {
                    if (measurements.stream().noneMatch(m -> m.round() == round && m.config() == config && m.spec().equals(spec))) {
                        measurements.add(Measurement.failed(round, config, spec, "round aborted: " + e));
                    }
                }
            }
        }
    }

    private void warmUp(int round, BenchDriver driver, SystemConfig config) throws Exception {
        WorkloadSpec warmup = WorkloadSpec.ofBytes(plan.specs().get(0).recordBytes(), 1, plan.warmupBytes());
        String topic = topicName(round, config, warmup) + "-warmup";
        driver.createTopic(topic, warmup.partitions(), config);
        driver.produce(topic, warmup, config, randomValue(warmup.recordBytes()));
        driver.consume(topic, warmup);
    }

    private Measurement runCell(int round, BenchDriver driver, SystemConfig config, WorkloadSpec spec, BrokerProcess broker) {
        String topic = topicName(round, config, spec);
        try {
            driver.createTopic(topic, spec.partitions(), config);
            ProduceResult produce = driver.produce(topic, spec, config, randomValue(spec.recordBytes()));
            ConsumeResult consume = driver.consume(topic, spec);
            progress.printf(Locale.ROOT, "  %-44s %-12s produce %s rec/s %s MB/s p50 %s p99 %s ms | consume %s rec/s%n",
                config.description(), spec.label(), MarkdownTable.number(produce.recordsPerSecond()),
                MarkdownTable.decimal(produce.megabytesPerSecond()), MarkdownTable.millis(produce.latencyMillis(50)),
                MarkdownTable.millis(produce.latencyMillis(99)), MarkdownTable.number(consume.recordsPerSecond()));
            return Measurement.succeeded(round, config, spec, produce, consume);
        } catch (Exception e) {
            String why = e.toString();
            progress.printf("  %s %s FAILED: %s%n  broker log tail:%n%s%n", config.description(), spec.label(), why,
                broker.logTail(15));
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Measurement.failed(round, config, spec, why);
        }
    }

    private void failAll(int round, List<SystemConfig> configs, String why) {
        progress.println("round " + round + ": " + why);
        for (WorkloadSpec spec : plan.specs()) {
            for (SystemConfig config : configs) {
                measurements.add(Measurement.failed(round, config, spec, why));
            }
        }
    }

    static String topicName(int round, SystemConfig config, WorkloadSpec spec) {
        return "bench-r" + round + "-" + config.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-"
            + spec.recordBytes() + "b-" + spec.partitions() + "p";
    }

    private static byte[] randomValue(int size) {
        byte[] value = new byte[size];
        ThreadLocalRandom.current().nextBytes(value);
        return value;
    }
}
