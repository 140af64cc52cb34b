package dev.partita.bench.report;

import dev.partita.bench.fsync.FsyncSample;
import dev.partita.bench.workload.SystemConfig;
import dev.partita.bench.workload.SystemConfig.Product;
import dev.partita.bench.workload.WorkloadSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The markdown report of a perf run: every figure is the median over the rounds of that cell, and
 * each Partita/Kafka ratio divides the two medians. Immutable; {@link #render()} is pure.
 */
public final class PerfReport {

    private final List<String> settings;
    private final List<Measurement> measurements;
    private final List<MemorySample> memory;
    private final List<FsyncSample> fsync;
    private final int batchSizeBytes;

    /**
     * @param settings       bullet lines describing how the run was made (shown first)
     * @param batchSizeBytes the producers' batch size: the fsync probe with writes of this size is
     *                       the per-batch fsync limit
     */
    public PerfReport(List<String> settings, List<Measurement> measurements, List<MemorySample> memory,
                      List<FsyncSample> fsync, int batchSizeBytes) {
        this.settings = List.copyOf(settings);
        this.measurements = List.copyOf(measurements);
        this.memory = List.copyOf(memory);
        this.fsync = List.copyOf(fsync);
        this.batchSizeBytes = batchSizeBytes;
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("### Settings\n\n");
        settings.forEach(line -> out.append("- ").append(line).append('\n'));
        out.append('\n');
        for (ComparisonPair pair : ComparisonPair.values()) {
            if (has(pair.partita()) || has(pair.kafka())) {
                out.append("### ").append(pair.title()).append("\n\n")
                    .append("Partita: ").append(pair.partita().description()).append(". Kafka: ")
                    .append(pair.kafka().description()).append(".\n\n")
                    .append(throughputTable(pair)).append('\n');
            }
        }
        out.append("### Produce MB/s in each round\n\n")
            .append("The medians above hide how far a cell moved between rounds; here is every round, in order.\n\n")
            .append(spreadTable()).append('\n');
        out.append("### Produce latency, send to acknowledgement (ms)\n\n").append(latencyTable()).append('\n');
        out.append("### Peak resident memory of the broker JVM (VmHWM)\n\n").append(memoryTable()).append('\n');
        if (!fsync.isEmpty()) {
            out.append("### The disk's fsync-bounded limit\n\n")
                .append("One thread appending to a file and calling fdatasync every k writes, probed at the start of "
                    + "every round; medians over the rounds.\n\n")
                .append(fsyncTable()).append('\n')
                .append(groupCommitTable()).append('\n');
        }
        out.append("### Goals\n\n").append(goals()).append('\n');
        List<Measurement> failures = measurements.stream().filter(m -> !m.ok()).toList();
        if (!failures.isEmpty()) {
            out.append("### Failed cells\n\n");
            failures.forEach(m -> out.append("- round ").append(m.round()).append(", ").append(m.config().description())
                .append(", ").append(m.spec().label()).append(": ").append(m.failure()).append('\n'));
            out.append('\n');
        }
        return out.toString();
    }

    private String throughputTable(ComparisonPair pair) {
        MarkdownTable table = new MarkdownTable("workload", "P produce rec/s", "P MB/s", "K produce rec/s", "K MB/s",
            "P/K produce", "P consume rec/s", "K consume rec/s", "P/K consume");
        for (WorkloadSpec spec : specs()) {
            double pProduce = median(pair.partita(), spec, m -> m.produce().recordsPerSecond());
            double kProduce = median(pair.kafka(), spec, m -> m.produce().recordsPerSecond());
            double pConsume = median(pair.partita(), spec, m -> m.consume().recordsPerSecond());
            double kConsume = median(pair.kafka(), spec, m -> m.consume().recordsPerSecond());
            table.row(spec.label(), MarkdownTable.number(pProduce),
                MarkdownTable.decimal(median(pair.partita(), spec, m -> m.produce().megabytesPerSecond())),
                MarkdownTable.number(kProduce),
                MarkdownTable.decimal(median(pair.kafka(), spec, m -> m.produce().megabytesPerSecond())),
                MarkdownTable.ratio(Stats.ratio(pProduce, kProduce)), MarkdownTable.number(pConsume),
                MarkdownTable.number(kConsume), MarkdownTable.ratio(Stats.ratio(pConsume, kConsume)));
        }
        return table.render();
    }

    private String latencyTable() {
        MarkdownTable table = new MarkdownTable("configuration", "workload", "p50", "p99", "p99.9", "max");
        for (SystemConfig config : SystemConfig.values()) {
            if (!has(config)) {
                continue;
            }
            for (WorkloadSpec spec : specs()) {
                table.row(config.description(), spec.label(),
                    MarkdownTable.millis(median(config, spec, m -> m.produce().latencyMillis(50))),
                    MarkdownTable.millis(median(config, spec, m -> m.produce().latencyMillis(99))),
                    MarkdownTable.millis(median(config, spec, m -> m.produce().latencyMillis(99.9))),
                    MarkdownTable.millis(median(config, spec, m -> m.produce().maxLatencyMillis())));
            }
        }
        return table.render();
    }

    private String spreadTable() {
        MarkdownTable table = new MarkdownTable("configuration", "workload", "produce MB/s, round by round");
        for (SystemConfig config : SystemConfig.values()) {
            for (WorkloadSpec spec : specs()) {
                List<String> perRound = measurements.stream()
                    .filter(m -> m.config() == config && m.spec().equals(spec))
                    .sorted(Comparator.comparingInt(Measurement::round))
                    .map(m -> m.ok() ? MarkdownTable.decimal(m.produce().megabytesPerSecond()) : "failed")
                    .toList();
                if (!perRound.isEmpty()) {
                    table.row(config.description(), spec.label(), String.join(" / ", perRound));
                }
            }
        }
        return table.render();
    }

    private String memoryTable() {
        MarkdownTable table = new MarkdownTable("broker", "rounds", "median peak RSS", "highest peak RSS");
        for (Product product : Product.values()) {
            List<Double> peaks = memory.stream().filter(s -> s.product() == product && s.peakResidentBytes() >= 0)
                .map(s -> (double) s.peakResidentBytes()).toList();
            if (!peaks.isEmpty()) {
                table.row(product.displayName(), Integer.toString(peaks.size()),
                    MarkdownTable.mebibytes((long) Stats.median(peaks)),
                    MarkdownTable.mebibytes(peaks.stream().mapToLong(Double::longValue).max().orElse(-1)));
            }
        }
        return table.render();
    }

    private String fsyncTable() {
        MarkdownTable table = new MarkdownTable("write size", "writes per fsync", "bytes per fsync",
            "fsyncs/s, round by round", "median fsyncs/s", "median MB/s");
        Set<List<Integer>> shapes = new LinkedHashSet<>();
        fsync.forEach(s -> shapes.add(List.of(s.writeBytes(), s.writesPerFsync())));
        for (List<Integer> shape : shapes) {
            List<FsyncSample> samples = fsync.stream()
                .filter(s -> s.writeBytes() == shape.get(0) && s.writesPerFsync() == shape.get(1)).toList();
            table.row(shape.get(0) + " B", Integer.toString(shape.get(1)), Long.toString((long) shape.get(0) * shape.get(1)),
                samples.stream().map(x -> MarkdownTable.number(x.fsyncsPerSecond())).collect(Collectors.joining(" / ")),
                MarkdownTable.number(Stats.median(samples.stream().map(FsyncSample::fsyncsPerSecond).toList())),
                MarkdownTable.decimal(Stats.median(samples.stream().map(FsyncSample::megabytesPerSecond).toList())));
        }
        return table.render();
    }

    /** Median MB/s of the probes with this shape; NaN if none. */
    private double fsyncMegabytesPerSecond(int writeBytes, int writesPerFsync) {
        return Stats.median(fsync.stream().filter(s -> s.writeBytes() == writeBytes && s.writesPerFsync() == writesPerFsync)
            .map(FsyncSample::megabytesPerSecond).toList());
    }

    /** The best median MB/s over the probed shapes: how fast the disk takes large groups. */
    private double fsyncCeiling() {
        Set<List<Integer>> shapes = new LinkedHashSet<>();
        fsync.forEach(s -> shapes.add(List.of(s.writeBytes(), s.writesPerFsync())));
        return shapes.stream().mapToDouble(shape -> fsyncMegabytesPerSecond(shape.get(0), shape.get(1))).max()
            .orElse(Double.NaN);
    }

    /** Partita's acks=ALL produce rate set against the fsync probe: per producer batch, and the best group size measured. */
    private String groupCommitTable() {
        double perBatch = fsyncMegabytesPerSecond(batchSizeBytes, 1);
        double ceiling = fsyncCeiling();
        MarkdownTable table = new MarkdownTable("workload", "Partita acks=ALL MB/s",
            "limit: one fsync per " + batchSizeBytes + " B batch, MB/s", "ratio", "limit: best group measured, MB/s", "ratio");
        for (WorkloadSpec spec : specs()) {
            double partita = median(SystemConfig.PARTITA_ALL, spec, m -> m.produce().megabytesPerSecond());
            table.row(spec.label(), MarkdownTable.decimal(partita), MarkdownTable.decimal(perBatch),
                MarkdownTable.ratio(Stats.ratio(partita, perBatch)), MarkdownTable.decimal(ceiling),
                MarkdownTable.ratio(Stats.ratio(partita, ceiling)));
        }
        return "Partita's group commit against that limit (payload MB/s; a ratio of 0.50 or more is \"within 2x\"):\n\n"
            + table.render();
    }

    private String goals() {
        StringBuilder out = new StringBuilder();
        ComparisonPair equal = ComparisonPair.EQUAL_DURABILITY;
        out.append(goalLine("Produce throughput at equal durability, Partita/Kafka", ratios(equal, true), 1.0));
        out.append(goalLine("Consume throughput at equal durability, Partita/Kafka", ratios(equal, false), 1.0));
        double perBatch = fsyncMegabytesPerSecond(batchSizeBytes, 1);
        List<Double> fsyncRatios = new ArrayList<>();
        for (WorkloadSpec spec : specs()) {
            fsyncRatios.add(Stats.ratio(median(SystemConfig.PARTITA_ALL, spec, m -> m.produce().megabytesPerSecond()), perBatch));
        }
        out.append(goalLine("Group commit against the per-batch fsync limit (goal: within 2x)", fsyncRatios, 0.5));
        out.append("- Peak resident memory (median over rounds): Partita ").append(MarkdownTable.mebibytes(medianPeak(Product.PARTITA)))
            .append(", Kafka ").append(MarkdownTable.mebibytes(medianPeak(Product.KAFKA))).append(", both with the same heap limit.\n");
        return out.toString();
    }

    private long medianPeak(Product product) {
        double median = Stats.median(memory.stream().filter(m -> m.product() == product && m.peakResidentBytes() >= 0)
            .map(m -> (double) m.peakResidentBytes()).toList());
        return Double.isNaN(median) ? -1 : (long) median;
    }

    private List<Double> ratios(ComparisonPair pair, boolean produce) {
        List<Double> ratios = new ArrayList<>();
        for (WorkloadSpec spec : specs()) {
            ToDoubleFunction<Measurement> rate = produce ? m -> m.produce().recordsPerSecond() : m -> m.consume().recordsPerSecond();
            ratios.add(Stats.ratio(median(pair.partita(), spec, rate), median(pair.kafka(), spec, rate)));
        }
        return ratios;
    }

    private static String goalLine(String what, List<Double> ratios, double threshold) {
        List<Double> known = ratios.stream().filter(r -> !Double.isNaN(r)).toList();
        if (known.isEmpty()) {
            return "- " + what + ": not measured.\n";
        }
        double min = known.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        long met = known.stream().filter(r -> r >= threshold).count();
        return "- " + what + ": median ratio " + MarkdownTable.ratio(Stats.median(known)) + ", lowest "
            + MarkdownTable.ratio(min) + "; at or above " + MarkdownTable.ratio(threshold) + " in " + met + " of "
            + known.size() + " workloads: " + (met == known.size() ? "met" : "NOT met") + ".\n";
    }

    private boolean has(SystemConfig config) {
        return measurements.stream().anyMatch(m -> m.config() == config);
    }

    private Set<WorkloadSpec> specs() {
        Set<WorkloadSpec> specs = new LinkedHashSet<>();
        measurements.forEach(m -> specs.add(m.spec()));
        return specs;
    }

    private double median(SystemConfig config, WorkloadSpec spec, ToDoubleFunction<Measurement> metric) {
        List<Double> values = measurements.stream()
            .filter(m -> m.ok() && m.config() == config && m.spec().equals(spec))
            .map(m -> metric.applyAsDouble(m)).toList();
        return Stats.median(values);
    }
}
