package dev.partita.broker.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.partita.broker.PartitaBroker;
import dev.partita.broker.TestBrokers;
import dev.partita.client.ClientConfig;
import dev.partita.client.PartitaClient;
import dev.partita.client.network.BrokerEndpoint;
import dev.partita.client.producer.Producer;
import dev.partita.client.producer.ProducerRecord;
import dev.partita.protocol.message.AcknowledgeRequest;
import dev.partita.protocol.message.AcknowledgeResponse;
import dev.partita.protocol.message.AcquireRequest;
import dev.partita.protocol.message.AcquireResponse;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code partita admin subscriptions} run in-process (the picocli command behind {@code bin/partita})
 * against a real broker: the table it prints, and what it says when the broker has no cache.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdminCommandIT {

    @TempDir
    Path dir;

    /** Exit code, standard output and standard error of one run of {@code partita ARGS}. */
    record Run(int exitCode, String out, String err) {
    }

    static Run partita(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new PartitaServer());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void printsEachSubscriptionPartitionWithConsumersCommittedStartLogEndAndLag() throws Exception {
        try (PartitaBroker broker = TestBrokers.start(dir.resolve("data"), TestBrokers.cacheOn());
             PartitaClient client = PartitaClient.create(ClientConfig.builder().bootstrapServers(broker.bootstrapServers())
                     .lingerMs(1).requestTimeoutMs(20_000).build())) {
            TopicKey queue = TopicKey.queue("orders");
            SubscriptionKey key = SubscriptionKey.queue("orders");
            client.admin().createTopic(queue, 1, (short) 1, Map.of()).get(20, TimeUnit.SECONDS);
            try (Producer producer = client.newProducer()) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord(queue, 0, null, null, ("o" + i).getBytes(StandardCharsets.UTF_8), List.of()));
                }
                producer.flush();
            }
            BrokerEndpoint endpoint = BrokerEndpoint.parse(broker.bootstrapServers());
            UUID session = UUID.randomUUID();
            AcquireResponse.AcquiredPartition acquired = client.network().send(endpoint, new AcquireRequest(UUID.randomUUID(),
                    session, key, 0, queue, 0, 1 << 20, List.of(new AcquireRequest.AcquirePartition(0, -1, 0, 2, 1 << 20))),
                    AcquireResponse.class).get(20, TimeUnit.SECONDS).partitions().get(0);
            assertThat(acquired.acquired()).isNotEmpty();
            assertThat(client.network().send(endpoint, new AcknowledgeRequest(session, key, 0, queue, List.of(
                    new AcknowledgeRequest.AcknowledgePartition(0, acquired.sessionEpoch(), acquired.acquired()))),
                    AcknowledgeResponse.class).get(20, TimeUnit.SECONDS).partitions().get(0).error()).isEqualTo(Errors.NONE);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Run run = partita("admin", "subscriptions", "--bootstrap", broker.bootstrapServers());
                assertThat(run.exitCode()).as(run.err()).isZero();
                List<String> lines = run.out().lines().toList();
                assertThat(lines).hasSize(2);
                assertThat(cells(lines.get(0))).containsExactly("DESTINATION", "SUBSCRIPTION", "PARTITION", "CONSUMERS",
                        "COMMITTED", "START", "LOG", "END", "LAG");
                assertThat(cells(lines.get(1))).containsExactly("queue:orders", "(queue)", "0", "1", "2", "5", "3");
            });
            Run filtered = partita("admin", "subscriptions", "--bootstrap", broker.bootstrapServers(),
                    "--destination", "topic:orders");
            assertThat(filtered.exitCode()).isZero();
            assertThat(filtered.out()).startsWith("No subscriptions");
        }
    }

    @Test
    void aBrokerWithoutItsCacheIsAnErrorNotAnEmptyTable() {
        try (PartitaBroker broker = TestBrokers.start(dir.resolve("data"), Map.of())) { // test brokers run without the cache
            Run run = partita("admin", "subscriptions", "--bootstrap", broker.bootstrapServers());
            assertThat(run.exitCode()).isEqualTo(AdminCommand.FAILED);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).contains("OFFSET_CACHE_UNAVAILABLE").contains("not running");
        }
    }

    @Test
    void aDestinationMustSayWhetherItIsAQueueOrATopic() {
        Run run = partita("admin", "subscriptions", "--bootstrap", "127.0.0.1:1", "--destination", "orders");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--destination must be queue:NAME or topic:NAME");
    }

    private static List<String> cells(String line) {
        return Arrays.asList(line.trim().split("\\s+"));
    }
}
