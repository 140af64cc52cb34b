package dev.partita.bench.jms;

import dev.partita.bench.process.BrokerLaunchSettings;
import dev.partita.bench.report.MachineInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code JmsRun}: the JMS-level benchmark of Partita against ActiveMQ Artemis. Parses the options
 * into a {@link JmsRunner.Plan}, runs it, and prints the markdown report (optionally also to a file).
 * Exit code 0 when every cell was measured with nothing lost or duplicated, 1 otherwise.
 */
@Command(name = "jms-run", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs the same jakarta.jms workload against Partita and ActiveMQ Artemis, each broker in its own "
        + "JVM, in alternating rounds, and prints medians, ratios and a loss/duplicate check as markdown.")
public final class JmsRun implements Callable<Integer> {

    static final String DRIVER_LOGBACK = "partita-bench-logback.xml";
    static final String BROKER_LOGBACK = "partita-bench-broker-logback.xml";

    @Option(names = "--rounds", description = "Alternating rounds (Partita, Artemis, Partita, ...); figures are medians (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--systems", split = ",", description = "Systems to run, in this order each round, of ${COMPLETION-CANDIDATES} (default: all).")
    List<JmsSystem> systems = List.of(JmsSystem.PARTITA, JmsSystem.ARTEMIS);

    @Option(names = "--scenarios", split = ",", description = "Cells <queue|topic>-<producers>x<consumers>-<sync|async>; 0 consumers = sends only (default: ${DEFAULT-VALUE}).")
    List<String> scenarios = JmsScenario.DEFAULTS.stream().map(JmsScenario::name).toList();

    @Option(names = "--sync-messages", description = "Messages per synchronous-send cell, all producers together (default: ${DEFAULT-VALUE}).")
    int syncMessages = 2_000;

    @Option(names = "--async-messages", description = "Messages per async-send cell, all producers together (default: ${DEFAULT-VALUE}).")
    int asyncMessages = 20_000;

    @Option(names = "--warmup-messages", description = "Messages sent and consumed after each broker start, not measured (default: ${DEFAULT-VALUE}).")
    int warmupMessages = 5_000;

    @Option(names = "--message-size", description = "Body bytes of each BytesMessage (default: ${DEFAULT-VALUE}).")
    int messageSize = 1024;

    @Option(names = "--max-in-flight", description = "Async sends per producer without onCompletion before send waits (default: ${DEFAULT-VALUE}).")
    int maxInFlight = 1_000;

    @Option(names = "--partita-options", description = "Extra Partita broker URL options, e.g. blockOnAcknowledge=false (default: none).")
    String partitaOptions = "";

    @Option(names = "--artemis-options", description = "Extra Artemis broker URL options, e.g. blockOnAcknowledge=true (default: none).")
    String artemisOptions = "";

    @Option(names = "--heap", description = "-Xmx of each broker JVM (default: ${DEFAULT-VALUE}).")
    String heap = "512m";

    @Option(names = "--broker-jvm-option", description = "Extra JVM option for both brokers, repeatable.")
    List<String> extraJvmOptions = new ArrayList<>();

    @Option(names = "--work-dir", description = "Parent of the brokers' temporary data directories (default: ${DEFAULT-VALUE}).")
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "partita-bench");

    @Option(names = "--classpath", description = "Classpath of the broker JVMs (default: this JVM's).")
    String classpath = System.getProperty("java.class.path");

    @Option(names = "--startup-timeout-s", description = "Seconds a broker may take to start (default: ${DEFAULT-VALUE}).")
    int startupTimeoutSeconds = 120;

    @Option(names = "--idle-timeout-s", description = "Seconds consumers may receive nothing before missing messages count as lost (default: ${DEFAULT-VALUE}).")
    int idleTimeoutSeconds = 30;

    @Option(names = "--cell-timeout-s", description = "Seconds the sends of one cell may take, and then again its consumers to receive the rest (default: ${DEFAULT-VALUE}).")
    int cellTimeoutSeconds = 300;

    @Option(names = {"-o", "--output"}, description = "Also write the markdown report to this file.")
    Path output;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", DRIVER_LOGBACK);
        }
        System.exit(new CommandLine(new JmsRun()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        JmsRunner.Plan plan = plan();
        Instant started = Instant.now();
        JmsRunner runner = new JmsRunner(plan, System.err);
        runner.run();
        Duration took = Duration.between(started, Instant.now());
        String report = new JmsReport(settingsLines(plan, took), plan.scenarios(), runner.results(), runner.peakResident(),
            brokerUrls(plan)).render();
        System.out.println(report);
        if (output != null) {
            Files.writeString(output, report);
            System.err.println("report written to " + output);
        }
        boolean clean = runner.results().stream()
            .allMatch(r -> r.measured() && r.sendErrors() == 0 && (!r.scenario().consumes() || r.check().exact()));
        return clean ? 0 : 1;
    }

    JmsRunner.Plan plan() {
        if (rounds < 1 || syncMessages < 1 || asyncMessages < 1 || messageSize < 1 || maxInFlight < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                "--rounds, --sync-messages, --async-messages, --message-size and --max-in-flight must be at least 1");
        }
        List<JmsScenario> cells = scenarios.stream().map(JmsScenario::parse).toList();
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseG1GC", "-Djava.awt.headless=true",
            "-Dlogback.configurationFile=" + BROKER_LOGBACK));
        jvmOptions.addAll(extraJvmOptions);
        BrokerLaunchSettings launch = new BrokerLaunchSettings(classpath, jvmOptions, workDir,
            Duration.ofSeconds(startupTimeoutSeconds));
        JmsWorkload.Settings workload = new JmsWorkload.Settings(messageSize, maxInFlight,
            Duration.ofSeconds(idleTimeoutSeconds), Duration.ofSeconds(cellTimeoutSeconds));
        return new JmsRunner.Plan(rounds, List.copyOf(systems), cells, syncMessages, asyncMessages, warmupMessages,
            workload, launch, Map.of(JmsSystem.PARTITA, partitaOptions, JmsSystem.ARTEMIS, artemisOptions));
    }

    private Map<JmsSystem, String> brokerUrls(JmsRunner.Plan plan) {
        Map<JmsSystem, String> urls = new EnumMap<>(JmsSystem.class);
        for (JmsSystem system : JmsSystem.values()) {
            urls.put(system, system.brokerUrl("127.0.0.1:<port>", plan.urlOptions(system)));
        }
        return urls;
    }

    private List<String> settingsLines(JmsRunner.Plan plan, Duration took) {
        List<String> lines = new ArrayList<>(MachineInfo.describe(workDir));
        lines.add("Rounds: " + rounds + " (each round: " + String.join(", then ", systems.stream().map(JmsSystem::product).toList())
            + ", each in a fresh JVM with an empty data directory and a " + warmupMessages
            + "-message warm-up); every figure is the median over the rounds where the cell was measured");
        lines.add("Messages: PERSISTENT BytesMessage of " + messageSize + " random bytes, id and send time as long properties; "
            + syncMessages + " per sync cell, " + asyncMessages + " per async cell (all producers together)");
        lines.add("Clients: plain jakarta.jms, one connection and one AUTO_ACKNOWLEDGE session per producer and per consumer, "
            + "consumers pull with receive(200 ms) on their own threads and start before the first send; "
            + "async sends keep at most " + maxInFlight + " messages per producer awaiting onCompletion");
        lines.add("Topic cells: non-durable subscribers (createConsumer on the topic)");
        lines.add("Broker JVMs: " + String.join(" ", plan.launch().jvmOptions()) + " (same options for both)");
        lines.add("Run took " + took.toSeconds() + " s");
        return lines;
    }
}
