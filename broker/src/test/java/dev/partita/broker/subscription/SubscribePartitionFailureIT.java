package dev.partita.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.PartitaBroker;
import dev.partita.broker.TestBrokers;
import dev.partita.broker.config.BrokerConfig;
import dev.partita.client.ClientConfig;
import dev.partita.client.PartitaClient;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.MetadataResponse;
import dev.partita.protocol.message.SubscribeResponse;
import dev.partita.protocol.message.SubscribeResponse.PartitionStart;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SUBSCRIBE one of whose partitions cannot start answers that partition's error, not NONE (the
 * consumer would miss that partition's messages), and leaves no consumer attached to a durable
 * subscription. A partition fails here because another broker of the cluster leads it.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SubscribePartitionFailureIT {

    @TempDir
    Path dir;

    @Test
    void aPartitionThatCannotStartFailsTheSubscribeAndDetachesTheConsumer() throws Exception {
        TopicKey topic = TopicKey.topic("split");
        try (PartitaBroker first = TestBrokers.start(dir.resolve("broker-0"), Map.of());
             PartitaBroker second = TestBrokers.start(dir.resolve("broker-1"), secondOf(first));
             PartitaClient admin = PartitaClient.create(ClientConfig.builder()
                     .bootstrapServers(first.bootstrapServers()).requestTimeoutMs(20_000).build());
             SubscriptionTestClient a = new SubscriptionTestClient(first);
             SubscriptionTestClient b = new SubscriptionTestClient(first)) {
            admin.admin().createTopic(topic, 4, (short) 1, Map.of()).get(20, TimeUnit.SECONDS);
            List<Integer> leaders = leaders(admin, topic);
            assertThat(leaders).as("partition leaders spread over both brokers")
                    .contains(first.config().brokerId(), second.config().brokerId());
            int ledElsewhere = leaders.indexOf(second.config().brokerId());

            SubscriptionKey key = SubscriptionKey.durable("app", "split-audit");
            SubscribeResponse refused = a.subscribe(key, topic, UUID.randomUUID(), null, false, 1);

            assertThat(refused.error()).as("the failed partition's error, not NONE").isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER);
            assertThat(refused.errorMessage()).contains("partition " + ledElsewhere);
            assertThat(refused.partitions()).extracting(PartitionStart::error)
                    .as("each partition's own outcome").contains(Errors.NONE, Errors.NOT_LEADER_OR_FOLLOWER);

            SubscribeResponse retried = b.subscribe(key, topic, UUID.randomUUID(), null, false, 1);
            assertThat(retried.error()).as("the first consumer was detached: another may try, and fails the same way")
                    .isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER);
        }
    }

    private static Map<String, String> secondOf(PartitaBroker first) {
        Map<String, String> settings = new HashMap<>();
        settings.put(BrokerConfig.BROKER_ID, "1");
        settings.put(BrokerConfig.ZOOKEEPER_CONNECT, first.zookeeperConnect());
        return settings;
    }

    /** The leader broker id of each partition, by partition number. */
    private static List<Integer> leaders(PartitaClient client, TopicKey topic) throws Exception {
        MetadataResponse metadata = client.admin().metadata(List.of(topic)).get(20, TimeUnit.SECONDS);
        return metadata.topics().stream().filter(t -> t.topic().equals(topic)).flatMap(t -> t.partitions().stream())
                .sorted((x, y) -> Integer.compare(x.partition(), y.partition()))
                .map(MetadataResponse.PartitionMetadata::leaderId).toList();
    }
}
