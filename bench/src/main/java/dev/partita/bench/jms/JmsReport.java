package dev.partita.bench.jms;

import dev.partita.bench.report.MarkdownTable;
import dev.partita.bench.report.Stats;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The markdown report of a JMS run: settings, each system's acknowledgement modes, throughput
 * (medians over rounds, Partita/Artemis ratios), latency percentiles, the loss and duplicate check,
 * what could not be measured and why, peak broker memory, and the two goals. Pure
 * formatting of finished results; not thread-safe.
 */
public final class JmsReport {

    /** Goal: Partita at least this many times Artemis on async persistent throughput. */
    static final double ASYNC_GOAL = 3.0;
    /** Goal: Partita at least equal to Artemis on synchronous persistent sends. */
    static final double SYNC_GOAL = 1.0;

    private final List<String> settings;
    private final List<JmsScenario> scenarios;
    private final List<JmsCellResult> results;
    private final Map<JmsSystem, List<Long>> peakResident;
    private final Map<JmsSystem, String> brokerUrls;

    public JmsReport(List<String> settings, List<JmsScenario> scenarios, List<JmsCellResult> results,
                     Map<JmsSystem, List<Long>> peakResident, Map<JmsSystem, String> brokerUrls) {
        this.settings = List.copyOf(settings);
        this.scenarios = List.copyOf(scenarios);
        this.results = List.copyOf(results);
        this.peakResident = Map.copyOf(peakResident);
        this.brokerUrls = Map.copyOf(brokerUrls);
    }

    public String render() {
        StringBuilder out = new StringBuilder("## JMS run: Partita vs ActiveMQ Artemis\n\n### Settings\n\n");
        settings.forEach(line -> out.append("- ").append(line).append('\n'));
        out.append("\n### Acknowledgement modes\n\n");
        for (JmsSystem system : JmsSystem.values()) {
            out.append("- **").append(system.product()).append("** (`").append(brokerUrls.getOrDefault(system, "?"))
                .append("`): ").append(system.sendAcknowledgement()).append("; ").append(system.consumerAcknowledgement())
                .append(".\n");
        }
        out.append("\n### Throughput (median msgs/s over the measured rounds)\n\n")
            .append("send = messages / (first send to last send acknowledged); e2e = messages / (first send to last "
                + "copy received; a topic message counts once although each subscriber receives it).\n\n")
            .append(throughputTable()).append("\n### Latency (ms, medians over rounds)\n\n")
            .append("send: the `send` call (sync) or send to `onCompletion` (async); e2e: send to `receive` returning it.\n\n")
            .append(latencyTable()).append("\n### Nothing lost, nothing duplicated\n\n")
            .append("Every message carries its id; each subscription (the queue, or each topic subscriber) must receive "
                + "every id exactly once. Summed over the measured rounds.\n\n")
            .append(checkTable());
        List<String> failures = failures();
        if (!failures.isEmpty()) {
            out.append("\n### Not measured\n\n");
            failures.forEach(f -> out.append("- ").append(f).append('\n'));
        }
        out.append("\n### Peak resident memory of the broker JVM (VmHWM)\n\n").append(memoryTable())
            .append("\n### Goals\n\n").append(goals());
        return out.toString();
    }

    private String throughputTable() {
        MarkdownTable table = new MarkdownTable("cell", "messages", "P send", "A send", "P/A send", "P e2e", "A e2e", "P/A e2e");
        for (JmsScenario scenario : scenarios) {
            double ps = median(JmsSystem.PARTITA, scenario, JmsCellResult::sendRate);
            double as = median(JmsSystem.ARTEMIS, scenario, JmsCellResult::sendRate);
            double pe = median(JmsSystem.PARTITA, scenario, JmsCellResult::endToEndRate);
            double ae = median(JmsSystem.ARTEMIS, scenario, JmsCellResult::endToEndRate);
            table.row(scenario.name(), messages(scenario), MarkdownTable.number(ps), MarkdownTable.number(as),
                MarkdownTable.ratio(Stats.ratio(ps, as)), MarkdownTable.number(pe), MarkdownTable.number(ae),
                MarkdownTable.ratio(Stats.ratio(pe, ae)));
        }
        return table.render();
    }

    private String latencyTable() {
        MarkdownTable table = new MarkdownTable("cell", "system", "send p50", "send p99", "e2e p50", "e2e p99", "e2e p99.9", "e2e max");
        for (JmsScenario scenario : scenarios) {
            for (JmsSystem system : JmsSystem.values()) {
                List<JmsCellResult> measured = measured(system, scenario);
                if (measured.isEmpty()) {
                    continue;
                }
                LatencySummary send = LatencySummary.medianOf(measured.stream().map(JmsCellResult::send).toList());
                LatencySummary e2e = LatencySummary.medianOf(measured.stream().map(JmsCellResult::endToEnd).toList());
                table.row(scenario.name(), system.product(), MarkdownTable.millis(send.p50Ms()), MarkdownTable.millis(send.p99Ms()),
                    MarkdownTable.millis(e2e.p50Ms()), MarkdownTable.millis(e2e.p99Ms()), MarkdownTable.millis(e2e.p999Ms()),
                    MarkdownTable.millis(e2e.maxMs()));
            }
        }
        return table.render();
    }

    private String checkTable() {
        MarkdownTable table = new MarkdownTable("cell", "system", "rounds", "expected", "received", "lost", "duplicates",
            "unknown", "send errors", "verdict");
        for (JmsScenario scenario : scenarios) {
            if (!scenario.consumes()) {
                continue;
            }
            for (JmsSystem system : JmsSystem.values()) {
                List<JmsCellResult> measured = measured(system, scenario);
                if (measured.isEmpty()) {
                    continue;
                }
                DeliveryCheck sum = measured.stream().map(JmsCellResult::check).reduce(DeliveryCheck.NONE, DeliveryCheck::plus);
                long sendErrors = measured.stream().mapToLong(JmsCellResult::sendErrors).sum();
                table.row(scenario.name(), system.product(), Integer.toString(measured.size()), Long.toString(sum.expected()),
                    Long.toString(sum.received()), Long.toString(sum.lost()), Long.toString(sum.duplicates()),
                    Long.toString(sum.unknown()), Long.toString(sendErrors), sum.exact() && sendErrors == 0 ? "exact" : "MISMATCH");
            }
        }
        return table.render();
    }

    private String memoryTable() {
        MarkdownTable table = new MarkdownTable("broker", "rounds", "median peak RSS", "highest peak RSS");
        for (JmsSystem system : JmsSystem.values()) {
            List<Long> peaks = peakResident.getOrDefault(system, List.of());
            if (peaks.isEmpty()) {
                continue;
            }
            double median = Stats.median(peaks.stream().map(Long::doubleValue).toList());
            table.row(system.product(), Integer.toString(peaks.size()), MarkdownTable.mebibytes((long) median),
                MarkdownTable.mebibytes(peaks.stream().mapToLong(Long::longValue).max().orElse(-1)));
        }
        return table.render();
    }

    /** One line per goal: the ratios of the cells it covers and whether each meets it. */
    String goals() {
        return goal("Async persistent throughput (sends with CompletionListener), Partita/Artemis", JmsScenario.SendMode.ASYNC, ASYNC_GOAL)
            + goal("Synchronous persistent sends, Partita/Artemis", JmsScenario.SendMode.SYNC, SYNC_GOAL);
    }

    private String goal(String title, JmsScenario.SendMode mode, double threshold) {
        List<String> parts = new ArrayList<>();
        int met = 0;
        int total = 0;
        for (JmsScenario scenario : scenarios) {
            if (scenario.sendMode() != mode) {
                continue;
            }
            ToDoubleFunction<JmsCellResult> rate = scenario.consumes() ? JmsCellResult::endToEndRate : JmsCellResult::sendRate;
            double ratio = Stats.ratio(median(JmsSystem.PARTITA, scenario, rate), median(JmsSystem.ARTEMIS, scenario, rate));
            if (Double.isNaN(ratio)) {
                parts.add(scenario.name() + " not measured");
                continue;
            }
            total++;
            met += ratio >= threshold ? 1 : 0;
            parts.add(scenario.name() + " " + MarkdownTable.ratio(ratio) + (scenario.consumes() ? " (e2e)" : " (send)"));
        }
        return String.format(Locale.ROOT, "- %s, goal >= %.0fx: met in %d of %d measured cells (%s).%n",
            title, threshold, met, total, String.join(", ", parts));
    }

    private List<String> failures() {
        Set<String> lines = new LinkedHashSet<>();
        for (JmsCellResult r : results) {
            if (!r.measured()) {
                lines.add(r.system().product() + " " + r.scenario().name() + ": " + r.failure());
            }
        }
        return new ArrayList<>(lines);
    }

    private String messages(JmsScenario scenario) {
        return results.stream().filter(r -> r.scenario().equals(scenario) && r.measured()).findFirst()
            .map(r -> MarkdownTable.number(r.messages())).orElse("n/a");
    }

    private double median(JmsSystem system, JmsScenario scenario, ToDoubleFunction<JmsCellResult> metric) {
        return Stats.median(measured(system, scenario).stream().map(metric::applyAsDouble).toList());
    }

    private List<JmsCellResult> measured(JmsSystem system, JmsScenario scenario) {
        return results.stream().filter(r -> r.system() == system && r.scenario().equals(scenario) && r.measured()).toList();
    }
}
