package dev.partita.bench.jms;

import dev.partita.bench.process.BrokerLaunchSettings;
import dev.partita.bench.process.BrokerProcess;
import dev.partita.bench.report.MarkdownTable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rounds of a JMS run: in every round each system in turn (Partita, Artemis, Partita, ...)
 * starts in a fresh child JVM with an empty data directory, gets a warm-up, runs every cell on a new
 * destination, has its peak resident memory read, and is stopped. A cell that fails is recorded as
 * failed and the run goes on; a broker that does not start fails its round's cells. Not thread-safe.
 */
final class JmsRunner {

    /** What to run. */
    record Plan(int rounds, List<JmsSystem> systems, List<JmsScenario> scenarios, int syncMessages,
                int asyncMessages, int warmupMessages, JmsWorkload.Settings workload, BrokerLaunchSettings launch,
                Map<JmsSystem, String> urlOptions) {

        /** Extra broker URL options of a system, empty by default. */
        String urlOptions(JmsSystem system) {
            return urlOptions.getOrDefault(system, "");
        }
    }

    private final Plan plan;
    private final PrintStream progress;
    private final List<JmsCellResult> results = new ArrayList<>();
    private final Map<JmsSystem, List<Long>> peakResident = new EnumMap<>(JmsSystem.class);

    JmsRunner(Plan plan, PrintStream progress) {
        this.plan = plan;
        this.progress = progress;
    }

    void run() {
        for (int round = 1; round <= plan.rounds(); round++) {
            for (JmsSystem system : plan.systems()) {
                runRound(system, round);
            }
        }
    }

    List<JmsCellResult> results() {
        return List.copyOf(results);
    }

    Map<JmsSystem, List<Long>> peakResident() {
        return peakResident;
    }

    private void runRound(JmsSystem system, int round) {
        progress.printf("round %d: starting %s%n", round, system.product());
        try (BrokerProcess broker = system.start(plan.launch())) {
            JmsWorkload workload = new JmsWorkload(system.connectionFactory(broker.bootstrapServers(), plan.urlOptions(system)), plan.workload());
            warmUp(workload, system, round);
            for (JmsScenario scenario : plan.scenarios()) {
                int messages = scenario.sendMode() == JmsScenario.SendMode.SYNC ? plan.syncMessages() : plan.asyncMessages();
                JmsCellResult result = workload.run(system, scenario, round, destinationName(round, scenario.name()), messages);
                results.add(result);
                progress.println("  " + describe(result));
            }
            broker.peakResidentBytes().ifPresent(bytes ->
                peakResident.computeIfAbsent(system, s -> new ArrayList<>()).add(bytes));
        } catch (RuntimeException e) {
            progress.printf("round %d: %s failed: %s%n", round, system.product(), e);
            for (JmsScenario scenario : plan.scenarios()) {
                results.add(JmsCellResult.failed(system, scenario, round, "broker failed: " + e.getMessage()));
            }
        }
    }

    /** Not measured: fills caches and JIT on both sides; falls back to sends only where consuming fails. */
    private void warmUp(JmsWorkload workload, JmsSystem system, int round) {
        if (plan.warmupMessages() <= 0) {
            return;
        }
        JmsCellResult warm = workload.run(system, JmsScenario.parse("queue-1x1-async"), round,
            destinationName(round, "warmup"), plan.warmupMessages());
        if (!warm.measured()) {
            progress.println("  warm-up with a consumer failed (" + warm.failure() + "); warming up with sends only");
            workload.run(system, JmsScenario.parse("queue-1x0-async"), round, destinationName(round, "warmup-sends"),
                plan.warmupMessages());
        }
    }

    static String destinationName(int round, String cell) {
        return "jms-bench-r" + round + "-" + cell;
    }

    static String describe(JmsCellResult r) {
        if (!r.measured()) {
            return String.format(Locale.ROOT, "%-16s %-8s NOT MEASURED: %s", r.scenario().name(), r.system().product(), r.failure());
        }
        String sends = String.format(Locale.ROOT, "%-16s %-8s send %,10.0f msg/s, send p50 %s ms", r.scenario().name(),
            r.system().product(), r.sendRate(), MarkdownTable.millis(r.send().p50Ms()));
        if (!r.scenario().consumes()) {
            return sends + ", send errors " + r.sendErrors();
        }
        return sends + String.format(Locale.ROOT, ", e2e %,10.0f msg/s, e2e p50 %s ms, lost %d, duplicates %d, send errors %d",
            r.endToEndRate(), MarkdownTable.millis(r.endToEnd().p50Ms()), r.check().lost(), r.check().duplicates(), r.sendErrors());
    }
}
