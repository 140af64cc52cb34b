package dev.partita.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.bench.fsync.FsyncSample;
import dev.partita.bench.workload.ConsumeResult;
import dev.partita.bench.workload.ProduceResult;
import dev.partita.bench.workload.SystemConfig;
import dev.partita.bench.workload.SystemConfig.Product;
import dev.partita.bench.workload.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The report's arithmetic and layout on made-up figures: medians over rounds, ratios of medians,
 * goal lines. It checks formatting only; no speed is measured here.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PerfReportTest {

    private static final WorkloadSpec SPEC = new WorkloadSpec(100, 1, 1000);
    private static final long ONE_SECOND = 1_000_000_000L;

    @Test
    void reportsMediansOverRoundsAndTheirRatio() {
        List<Measurement> measurements = new ArrayList<>();
        // Partita: 1000, 3000, 2000 records/s -> median 2000. Kafka: 1000 each round.
        long[] partitaRecords = {1000, 3000, 2000};
        for (int round = 1; round <= 3; round++) {
            measurements.add(cell(round, SystemConfig.PARTITA_ALL, partitaRecords[round - 1]));
            measurements.add(cell(round, SystemConfig.KAFKA_FLUSH_EACH, 1000));
        }

        String report = new PerfReport(List.of("a setting"), measurements,
            List.of(new MemorySample(1, Product.PARTITA, 300L << 20), new MemorySample(1, Product.KAFKA, 400L << 20)),
            List.of(new FsyncSample(16384, 1, 100, 100, ONE_SECOND)), 16384).render();

        assertThat(report).contains("- a setting");
        assertThat(report).contains("| 0.1 / 0.3 / 0.2 "); // every round, in round order (MB/s)
        assertThat(report).containsPattern("\\| 100 B, 1 p +\\| 2,000 +\\| .* \\| 1,000 +\\| .* \\| 2\\.00 ");
        assertThat(report).contains("Produce throughput at equal durability, Partita/Kafka: median ratio 2.00, lowest 2.00; at or above 1.00 in 1 of 1 workloads: met.");
        assertThat(report).contains("| Partita | 1      | 300 MiB");
        assertThat(report).contains("| Kafka   | 1      | 400 MiB");
        assertThat(report).contains("Peak resident memory (median over rounds): Partita 300 MiB, Kafka 400 MiB");
        assertThat(report).doesNotContain("Failed cells");
    }

    @Test
    void listsFailedCellsAndSaysWhenAGoalIsMissed() {
        List<Measurement> measurements = List.of(
            cell(1, SystemConfig.PARTITA_ALL, 500),
            cell(1, SystemConfig.KAFKA_FLUSH_EACH, 1000),
            Measurement.failed(1, SystemConfig.KAFKA_PAGE_CACHE, SPEC, "broker died"));

        String report = new PerfReport(List.of(), measurements, List.of(), List.of(), 16384).render();

        assertThat(report).contains("median ratio 0.50, lowest 0.50; at or above 1.00 in 0 of 1 workloads: NOT met.");
        assertThat(report).contains("### Failed cells").contains("broker died");
    }

    @Test
    void tablesAreValidMarkdown() {
        String table = new MarkdownTable("a", "long header").row("1", "2").render();

        assertThat(table.lines()).containsExactly("| a   | long header |", "| --- | ----------- |", "| 1   | 2           |");
    }

    private static Measurement cell(int round, SystemConfig config, long recordsPerSecond) {
        Histogram latency = new Histogram(3);
        latency.recordValue(1500);
        return Measurement.succeeded(round, config, SPEC,
            new ProduceResult(recordsPerSecond, recordsPerSecond * 100, ONE_SECOND, latency),
            new ConsumeResult(recordsPerSecond, recordsPerSecond * 100, ONE_SECOND));
    }
}
