package dev.partita.bench.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The command line of {@link JmsRun} and the cell names turn into the plan a user asked for. Nothing here starts a broker. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JmsRunOptionsTest {

    @Test
    void defaultsRunEveryCellOnBothSystemsWithTheSameBrokerHeap() {
        JmsRun command = new JmsRun();
        new CommandLine(command).parseArgs();

        JmsRunner.Plan plan = command.plan();

        assertThat(plan.rounds()).isEqualTo(3);
        assertThat(plan.systems()).containsExactly(JmsSystem.PARTITA, JmsSystem.ARTEMIS);
        assertThat(plan.scenarios()).isEqualTo(JmsScenario.DEFAULTS);
        assertThat(plan.workload().messageSize()).isEqualTo(1024);
        assertThat(plan.launch().jvmOptions()).contains("-Xmx512m");
    }

    @Test
    void optionsNarrowTheRun() {
        JmsRun command = new JmsRun();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--rounds", "5",
            "--systems", "artemis", "--scenarios", "topic-1x2-async,queue-4x0-sync", "--sync-messages", "10",
            "--heap", "256m");

        JmsRunner.Plan plan = command.plan();

        assertThat(plan.rounds()).isEqualTo(5);
        assertThat(plan.systems()).containsExactly(JmsSystem.ARTEMIS);
        assertThat(plan.scenarios()).extracting(JmsScenario::name).containsExactly("topic-1x2-async", "queue-4x0-sync");
        assertThat(plan.syncMessages()).isEqualTo(10);
        assertThat(plan.launch().jvmOptions()).contains("-Xmx256m");
    }

    @Test
    void aCellNameSaysKindProducersConsumersAndSendMode() {
        JmsScenario topic = JmsScenario.parse("topic-1x2-async");

        assertThat(topic.kind()).isEqualTo(JmsScenario.Kind.TOPIC);
        assertThat(topic.producers()).isEqualTo(1);
        assertThat(topic.consumers()).isEqualTo(2);
        assertThat(topic.sendMode()).isEqualTo(JmsScenario.SendMode.ASYNC);
        assertThat(topic.copiesPerMessage()).isEqualTo(2);
        assertThat(JmsScenario.parse("QUEUE-4x0-Sync").consumes()).isFalse();
    }

    @Test
    void aMalformedCellNameIsRejectedWithTheExpectedForm() {
        assertThatThrownBy(() -> JmsScenario.parse("queue-4-sync"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("<queue|topic>-<producers>x<consumers>-<sync|async>");
        assertThatThrownBy(() -> JmsScenario.parse("queue-0x1-sync"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("at least one producer");
    }

    @Test
    void destinationNamesDifferPerRoundAndCell() {
        assertThat(JmsRunner.destinationName(2, "queue-4x4-async")).isEqualTo("jms-bench-r2-queue-4x4-async");
    }
}
