package dev.partita.broker.launcher;

import dev.partita.client.ClientConfig;
import dev.partita.client.PartitaClient;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.DescribeSubscriptionsResponse.DescribedPartition;
import dev.partita.protocol.message.DescribeSubscriptionsResponse.DescribedSubscription;
import dev.partita.protocol.message.DestinationKind;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code partita admin ...}: administration of a running cluster over the wire protocol (any broker
 * answers). {@code partita admin subscriptions} prints every subscription's progress per partition.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Administer a running Partita cluster.",
        subcommands = {AdminCommand.Subscriptions.class, CommandLine.HelpCommand.class})
final class AdminCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand (try: partita admin subscriptions)");
    }

    /** Exit code when the broker answered with an error or could not be reached. */
    static final int FAILED = 1;

    /**
     * {@code partita admin subscriptions --bootstrap host:port [--destination queue:NAME|topic:NAME]...}:
     * one line per subscription and partition: destination, subscription, partition, consumers,
     * committed start, log end, lag. The figures come from the brokers' offset cache (a few seconds
     * stale at most while the cache runs); a broker without its cache answers an error, printed on
     * standard error with exit code 1.
     */
    @Command(name = "subscriptions", mixinStandardHelpOptions = true,
            description = {"Print each subscription's progress per partition: consumers, committed start, log end, lag.",
                    "Read from the brokers' offset cache (leaders publish about once a second); exit code 1 if the broker cannot answer."})
    static final class Subscriptions implements Callable<Integer> {

        static final String[] HEADER = {"DESTINATION", "SUBSCRIPTION", "PARTITION", "CONSUMERS", "COMMITTED START", "LOG END", "LAG"};

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--bootstrap", required = true, paramLabel = "host:port[,host:port...]", description = "Brokers to ask (any one answers).")
        private String bootstrap;

        @Option(names = "--user", paramLabel = "USER", description = "User for SASL PLAIN, if the broker requires authentication.")
        private String user;

        @Option(names = "--password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
                description = "Password of --user; without a value it is read from the terminal.")
        private String password;

        @Option(names = "--destination", paramLabel = "queue:NAME|topic:NAME",
                description = "Only this destination's subscriptions; repeatable. Default: every destination.")
        private List<String> destinations = new ArrayList<>();

        @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "15000", description = "How long to wait for an answer (default ${DEFAULT-VALUE}).")
        private int timeoutMs;

        @Override
        public Integer call() throws InterruptedException {
            List<TopicKey> asked = new ArrayList<>();
            for (String destination : destinations) {
                asked.add(parseDestination(destination));
            }
            ClientConfig.Builder config = ClientConfig.builder().bootstrapServers(bootstrap).requestTimeoutMs(timeoutMs)
                    .clientId("partita-admin").autoCreateTopics(false);
            if (user != null) {
                config.username(user).password(password == null ? "" : password);
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (PartitaClient client = PartitaClient.create(config.build())) {
                List<DescribedSubscription> described = client.admin()
                        .describeSubscriptions(asked.isEmpty() ? null : asked).get(timeoutMs + 1_000L, TimeUnit.MILLISECONDS);
                out.print(table(described));
                out.flush();
                return 0;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                String reason = cause instanceof ApiException api ? api.error() + ": " + api.getMessage() : String.valueOf(cause);
                err.println("partita: describing subscriptions failed: " + reason);
                return FAILED;
            } catch (TimeoutException e) {
                err.println("partita: no answer from " + bootstrap + " within " + timeoutMs + " ms");
                return FAILED;
            }
        }

        private TopicKey parseDestination(String value) {
            int colon = value.indexOf(':');
            String kind = colon < 0 ? "" : value.substring(0, colon).toLowerCase(Locale.ROOT);
            String name = colon < 0 ? "" : value.substring(colon + 1);
            if (name.isEmpty() || !(kind.equals("queue") || kind.equals("topic"))) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--destination must be queue:NAME or topic:NAME, not '" + value + "'");
            }
            return kind.equals("queue") ? TopicKey.queue(name) : TopicKey.topic(name);
        }

        /** The table, columns aligned, a header line first; a note instead when there are no subscriptions. */
        static String table(List<DescribedSubscription> subscriptions) {
            if (subscriptions.isEmpty()) {
                return "No subscriptions (or none the offset cache has heard of yet).\n";
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(HEADER);
            for (DescribedSubscription subscription : subscriptions) {
                for (DescribedPartition partition : subscription.partitions()) {
                    rows.add(new String[] {destination(subscription.destination()), subscription(subscription),
                            Integer.toString(partition.partition()), Integer.toString(partition.consumers()),
                            Long.toString(partition.committedStart()), Long.toString(partition.logEnd()),
                            Long.toString(partition.lag())});
                }
            }
            int[] widths = new int[HEADER.length];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            StringBuilder text = new StringBuilder();
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    boolean number = i >= 2;
                    String cell = number && row != HEADER ? " ".repeat(widths[i] - row[i].length()) + row[i]
                            : row[i] + " ".repeat(widths[i] - row[i].length());
                    line.append(i == 0 ? "" : "  ").append(cell);
                }
                text.append(line.toString().stripTrailing()).append('\n');
            }
            return text.toString();
        }

        static String destination(TopicKey topic) {
            return (topic.kind() == DestinationKind.QUEUE ? "queue:" : "topic:") + topic.name();
        }

        /** A subscription as a user names it: the queue's own, or kind, client ID and name (generation when above 0). */
        static String subscription(DescribedSubscription subscription) {
            SubscriptionKey key = subscription.key();
            String name;
            if (key instanceof SubscriptionKey.Queue) {
                name = "(queue)";
            } else if (key instanceof SubscriptionKey.Durable durable) {
                name = "durable:" + (durable.clientId() == null ? "" : durable.clientId() + "/") + durable.name();
            } else if (key instanceof SubscriptionKey.Shared shared) {
                name = "shared:" + (shared.clientId() == null ? "" : shared.clientId() + "/") + shared.name();
            } else if (key instanceof SubscriptionKey.Private p) {
                name = "private:" + p.connectionId() + "#" + p.consumerId();
            } else {
                name = key.toString();
            }
            return subscription.generation() > 0 ? name + "@" + subscription.generation() : name;
        }
    }
}
