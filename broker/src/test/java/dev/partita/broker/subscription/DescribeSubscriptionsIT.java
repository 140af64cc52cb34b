package dev.partita.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.partita.broker.PartitaBroker;
import dev.partita.broker.TestBrokers;
import dev.partita.broker.cache.BackgroundOffsetCache;
import dev.partita.broker.cache.HazelcastOffsetCache;
import dev.partita.broker.cache.OffsetCache;
import dev.partita.broker.config.BrokerConfig;
import dev.partita.client.ClientConfig;
import dev.partita.client.PartitaClient;
import dev.partita.client.network.BrokerEndpoint;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.DeliveryRange;
import dev.partita.protocol.message.DescribeSubscriptionsRequest;
import dev.partita.protocol.message.DescribeSubscriptionsResponse;
import dev.partita.protocol.message.DescribeSubscriptionsResponse.DescribedPartition;
import dev.partita.protocol.message.DescribeSubscriptionsResponse.DescribedSubscription;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.MetadataResponse;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offset cache in a real two-broker cluster (one ZooKeeper, each broker with its Hazelcast
 * member on loopback, found through ZooKeeper): the partition leader publishes a queue's progress
 * and the other broker describes it; then Hazelcast is stopped on both brokers and delivery goes
 * on exactly as before while DESCRIBE_SUBSCRIPTIONS says the cache is unavailable.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class DescribeSubscriptionsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    static PartitaBroker first;
    static PartitaBroker second;

    @BeforeAll
    static void start() {
        first = TestBrokers.start(dir.resolve("broker-0"), TestBrokers.cacheOn());
        Map<String, String> settings = new HashMap<>(TestBrokers.cacheOn());
        settings.put(BrokerConfig.BROKER_ID, "1");
        settings.put(BrokerConfig.ZOOKEEPER_CONNECT, first.zookeeperConnect());
        second = TestBrokers.start(dir.resolve("broker-1"), settings);
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    private static HazelcastOffsetCache member(PartitaBroker broker) throws Exception {
        OffsetCache started = ((BackgroundOffsetCache) broker.offsetCache()).started().get(60, TimeUnit.SECONDS);
        assertThat(started).as("broker " + broker.config().brokerId() + "'s cache").isInstanceOf(HazelcastOffsetCache.class);
        return (HazelcastOffsetCache) started;
    }

    private static DescribeSubscriptionsResponse describe(PartitaClient client, PartitaBroker broker, TopicKey destination)
            throws Exception {
        return client.network().send(BrokerEndpoint.parse(broker.bootstrapServers()),
                new DescribeSubscriptionsRequest(List.of(destination)), DescribeSubscriptionsResponse.class)
                .get(20, TimeUnit.SECONDS);
    }

    @Test
    void theOtherBrokerDescribesTheLagAndDeliveryIsUnchangedWithoutHazelcast() throws Exception {
        HazelcastOffsetCache firstMember = member(first);
        HazelcastOffsetCache secondMember = member(second);
        await().atMost(WAIT).until(() -> firstMember.clusterSize() == 2 && secondMember.clusterSize() == 2);

        TopicKey queue = TopicKey.queue("lagging");
        SubscriptionKey key = SubscriptionKey.queue("lagging");
        try (PartitaClient admin = PartitaClient.create(ClientConfig.builder()
                .bootstrapServers(first.bootstrapServers() + "," + second.bootstrapServers()).requestTimeoutMs(20_000).build())) {
            admin.admin().createTopic(queue, 1, (short) 1, Map.of()).get(20, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> leaderOf(admin, queue) >= 0);
            PartitaBroker leader = leaderOf(admin, queue) == first.config().brokerId() ? first : second;
            PartitaBroker other = leader == first ? second : first;

            try (SubscriptionTestClient client = new SubscriptionTestClient(leader)) {
                client.produce(queue, "m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
                UUID session = UUID.randomUUID();
                SubscriptionTestClient.Acquired got = client.acquire(key, queue, session, 0, 4, 0);
                assertThat(got.values()).containsOnlyKeys(0L, 1L, 2L, 3L);
                // 0, 1 and 3 acknowledged, 2 still held: committed start 2, lag 10 - 2 - 1 = 7
                assertThat(client.ack(key, queue, session, got.sessionEpoch(),
                        List.of(new DeliveryRange(0, 1, 0), new DeliveryRange(3, 3, 0))).error()).isEqualTo(Errors.NONE);

                await().atMost(WAIT).untilAsserted(() -> {
                    DescribeSubscriptionsResponse described = describe(admin, other, queue);
                    assertThat(described.error()).isEqualTo(Errors.NONE);
                    assertThat(described.subscriptions()).singleElement().satisfies(subscription -> {
                        assertThat(subscription.destination()).isEqualTo(queue);
                        assertThat(subscription.key()).isEqualTo(key);
                        assertThat(subscription.partitions()).singleElement().satisfies(partition -> {
                            assertThat(partition.partition()).isZero();
                            assertThat(partition.committedStart()).isEqualTo(2);
                            assertThat(partition.logEnd()).isEqualTo(10);
                            assertThat(partition.lag()).isEqualTo(7);
                            assertThat(partition.consumers()).isEqualTo(1);
                            assertThat(partition.leaderEpoch()).isGreaterThanOrEqualTo(0);
                        });
                    });
                });
                List<DescribedSubscription> viaAdmin = admin.admin().describeSubscriptions(null).get(20, TimeUnit.SECONDS);
                assertThat(viaAdmin).filteredOn(s -> s.destination().equals(queue)).singleElement()
                        .satisfies(s -> assertThat(s.partitions()).extracting(DescribedPartition::lag).containsExactly(7L));

                // Hazelcast goes away under both brokers (as if it crashed); the brokers are not told
                for (HazelcastInstance instance : Hazelcast.getAllHazelcastInstances()) {
                    instance.getLifecycleService().terminate();
                }
                await().atMost(WAIT).until(() -> !first.offsetCache().isAvailable() && !second.offsetCache().isAvailable());

                client.produce(queue, "m10", "m11", "m12", "m13", "m14");
                assertThat(client.ack(key, queue, session, got.sessionEpoch(), List.of(new DeliveryRange(2, 2, 0))).error())
                        .isEqualTo(Errors.NONE);
                SubscriptionTestClient.Acquired rest = client.acquire(key, queue, session, got.sessionEpoch(), 100, 0);
                assertThat(rest.values().values()).containsExactly("m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11",
                        "m12", "m13", "m14");
                assertThat(rest.counts().values()).containsOnly(0);
                assertThat(client.ack(key, queue, session, rest.sessionEpoch(), rest.ranges()).error()).isEqualTo(Errors.NONE);
                assertThat(client.acquire(key, queue, UUID.randomUUID(), 0, 100, 0).values()).isEmpty();

                for (PartitaBroker broker : List.of(leader, other)) {
                    DescribeSubscriptionsResponse unavailable = describe(admin, broker, queue);
                    assertThat(unavailable.error()).isEqualTo(Errors.OFFSET_CACHE_UNAVAILABLE);
                    assertThat(unavailable.errorMessage()).contains("Broker " + broker.config().brokerId())
                            .contains("not running").contains("delivery is unaffected");
                    assertThat(unavailable.subscriptions()).isEmpty();
                }
                assertThatThrownBy(() -> admin.admin().describeSubscriptions(List.of(queue)).get(20, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(ApiException.class,
                                e -> assertThat(e.error()).isEqualTo(Errors.OFFSET_CACHE_UNAVAILABLE));
            }
        }
    }

    private static int leaderOf(PartitaClient client, TopicKey topic) throws Exception {
        MetadataResponse metadata = client.admin().metadata(List.of(topic)).get(20, TimeUnit.SECONDS);
        return metadata.topics().stream().filter(t -> t.topic().equals(topic)).flatMap(t -> t.partitions().stream())
                .filter(p -> p.partition() == 0 && p.error() == Errors.NONE).mapToInt(MetadataResponse.PartitionMetadata::leaderId)
                .findFirst().orElse(-1);
    }
}
