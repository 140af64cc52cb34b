package dev.partita.bench.jms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JMS report from made-up results: medians, ratios, the loss check verdict, goals and what was not measured. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JmsReportTest {

    private static final JmsScenario ASYNC = JmsScenario.parse("queue-1x1-async");
    private static final JmsScenario SYNC_SENDS = JmsScenario.parse("queue-1x0-sync");
    private static final LatencySummary LATENCY = new LatencySummary(100, 1.5, 9.0, 12.0, 20.0);

    private static JmsCellResult cell(JmsSystem system, JmsScenario scenario, int round, double seconds, DeliveryCheck check) {
        return new JmsCellResult(system, scenario, round, 1000, seconds, scenario.consumes() ? seconds : Double.NaN,
            LATENCY, scenario.consumes() ? LATENCY : LatencySummary.EMPTY, check, 0, null);
    }

    private static String render(List<JmsCellResult> results) {
        return new JmsReport(List.of("Rounds: 3"), List.of(ASYNC, SYNC_SENDS), results,
            Map.of(JmsSystem.ARTEMIS, List.of(300L << 20)), Map.of(JmsSystem.ARTEMIS, "tcp://x")).render();
    }

    @Test
    void ratiosDivideTheMediansOfTheRoundsAndGoalsCountTheCellsMet() {
        DeliveryCheck exact = new DeliveryCheck(1000, 1000, 0, 0, 0);
        String report = render(List.of(
            cell(JmsSystem.PARTITA, ASYNC, 1, 0.1, exact), cell(JmsSystem.PARTITA, ASYNC, 2, 0.2, exact),
            cell(JmsSystem.PARTITA, ASYNC, 3, 0.5, exact),
            cell(JmsSystem.ARTEMIS, ASYNC, 1, 0.5, exact), cell(JmsSystem.ARTEMIS, ASYNC, 2, 1.0, exact),
            cell(JmsSystem.ARTEMIS, ASYNC, 3, 1.0, exact),
            cell(JmsSystem.PARTITA, SYNC_SENDS, 1, 2.0, DeliveryCheck.NONE),
            cell(JmsSystem.ARTEMIS, SYNC_SENDS, 1, 1.0, DeliveryCheck.NONE)));

        // Partita median 1000/0.2 = 5,000 msgs/s, Artemis 1000/1.0 = 1,000: ratio 5.00
        assertThat(report).contains("| queue-1x1-async | 1,000    | 5,000  | 1,000  | 5.00");
        assertThat(report).contains("goal >= 3x: met in 1 of 1 measured cells (queue-1x1-async 5.00 (e2e))");
        assertThat(report).contains("goal >= 1x: met in 0 of 1 measured cells (queue-1x0-sync 0.50 (send))");
        assertThat(report).contains("| queue-1x1-async | Partita | 3      | 3000     | 3000     | 0    | 0          | 0       | 0           | exact");
        assertThat(report).contains("| Artemis | 1      | 300 MiB");
        assertThat(report).doesNotContain("### Not measured");
    }

    @Test
    void aLostMessageIsAMismatchAndAFailedCellIsListedWithItsReason() {
        String report = render(List.of(
            cell(JmsSystem.ARTEMIS, ASYNC, 1, 1.0, new DeliveryCheck(1000, 999, 1, 0, 0)),
            JmsCellResult.failed(JmsSystem.PARTITA, ASYNC, 1, "receiving not implemented"),
            JmsCellResult.failed(JmsSystem.PARTITA, ASYNC, 2, "receiving not implemented")));

        assertThat(report).contains("| queue-1x1-async | Artemis | 1      | 1000     | 999      | 1    | 0          | 0       | 0           | MISMATCH");
        assertThat(report).containsOnlyOnce("- Partita queue-1x1-async: receiving not implemented");
        assertThat(report).contains("queue-1x1-async not measured");
    }
}
