package dev.partita.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.bench.workload.SystemConfig;
import dev.partita.bench.workload.WorkloadSpec;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The command line of {@link PerfRun} turns into the plan a user asked for. Nothing here runs a broker. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PerfRunOptionsTest {

    @Test
    void defaultsCoverBothSizesBothPartitionCountsAndEveryConfiguration() {
        PerfRun command = new PerfRun();
        new CommandLine(command).parseArgs();

        RunPlan plan = command.plan();

        assertThat(plan.rounds()).isEqualTo(3);
        assertThat(plan.specs()).extracting(WorkloadSpec::label)
            .containsExactly("100 B, 1 p", "100 B, 4 p", "1 KiB, 1 p", "1 KiB, 4 p");
        assertThat(plan.specs().get(0).records()).isEqualTo((64L << 20) / 100);
        assertThat(plan.configs()).containsExactly(SystemConfig.values());
        assertThat(plan.launch().jvmOptions()).contains("-Xmx512m");
        assertThat(plan.client().batchSizeBytes()).isEqualTo(16384);
        assertThat(plan.client().lingerMs()).isEqualTo(5);
    }

    @Test
    void optionsNarrowTheRun() {
        PerfRun command = new PerfRun();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--rounds", "5",
            "--record-sizes", "512", "--partitions", "2", "--records", "1000",
            "--configs", "partita_all,kafka_flush_each", "--heap", "256m", "--linger-ms", "0");

        RunPlan plan = command.plan();

        assertThat(plan.rounds()).isEqualTo(5);
        assertThat(plan.specs()).containsExactly(new WorkloadSpec(512, 2, 1000));
        assertThat(plan.configsOf(SystemConfig.Product.PARTITA)).containsExactly(SystemConfig.PARTITA_ALL);
        assertThat(plan.configsOf(SystemConfig.Product.KAFKA)).containsExactly(SystemConfig.KAFKA_FLUSH_EACH);
        assertThat(plan.launch().jvmOptions()).contains("-Xmx256m");
        assertThat(plan.client().lingerMs()).isZero();
    }

    @Test
    void topicNamesAreDistinctPerRoundConfigurationAndCell() {
        String name = PerfRunner.topicName(2, SystemConfig.KAFKA_FLUSH_EACH, new WorkloadSpec(1024, 4, 10));

        assertThat(name).isEqualTo("bench-r2-kafka-flush-each-1024b-4p").matches("[a-z0-9-]+");
    }
}
