package dev.partita.broker.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.partita.protocol.message.TopicKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TopicRegistryIT {

    private static TestingServer server;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final ZkPaths paths = ZkTestSupport.freshPaths();
    private TopicRegistry one;
    private TopicRegistry two;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        server = new TestingServer(true);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        server.close();
    }

    /** Two brokers' registries on two sessions; one live broker so replication factor 1 is valid. */
    @BeforeEach
    void twoRegistries() {
        one = registry();
        two = registry();
        BrokerRegistry brokers = closeLater(new BrokerRegistry(closeLater(ZkTestSupport.connect(server.getConnectString())), paths));
        brokers.start();
        brokers.register(new BrokerRegistration(0, "localhost", 7676, null), ZkTestSupport.TIMEOUT);
    }

    private TopicRegistry registry() {
        CuratorFramework client = closeLater(ZkTestSupport.connect(server.getConnectString()));
        TopicRegistry registry = closeLater(new TopicRegistry(client, paths));
        registry.start();
        registry.awaitInitialized(ZkTestSupport.TIMEOUT);
        return registry;
    }

    @AfterEach
    void closeAll() throws Exception {
        while (!toClose.isEmpty()) {
            toClose.pop().close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        toClose.push(resource);
        return resource;
    }

    @Test
    void createThenLookUpFromAnotherBroker() {
        TopicInfo created = one.createTopic(TopicKey.queue("orders"), 3, (short) 1, Map.of("flush.policy", "per-batch"));
        assertThat(created.logId()).startsWith("q").matches(LogIds::isValid);
        assertThat(one.topic(TopicKey.queue("orders"))).contains(created);
        await().untilAsserted(() -> assertThat(two.topic(TopicKey.queue("orders"))).contains(created));
        assertThat(two.readTopic(TopicKey.queue("orders"))).contains(created);
        assertThat(two.topic(TopicKey.topic("orders"))).as("queue X and topic X are different").isEmpty();

        TopicInfo topicOfSameName = two.createTopic(TopicKey.topic("orders"), 1, (short) 1, Map.of());
        assertThat(topicOfSameName.logId()).startsWith("t").isNotEqualTo(created.logId());
        assertThat(one.readTopics()).containsExactlyInAnyOrder(created, topicOfSameName);
        await().untilAsserted(() -> assertThat(one.topics()).containsExactlyInAnyOrder(created, topicOfSameName));
    }

    @Test
    void racingCreatorsAgreeOnOneLogId() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 20; i++) {
                TopicKey key = TopicKey.queue("race-" + i);
                CyclicBarrier start = new CyclicBarrier(2);
                Callable<Object> viaOne = () -> createOrExisting(one, key, start);
                Callable<Object> viaTwo = () -> createOrExisting(two, key, start);
                Future<Object> a = pool.submit(viaOne);
                Future<Object> b = pool.submit(viaTwo);
                Object ra = a.get(20, TimeUnit.SECONDS);
                Object rb = b.get(20, TimeUnit.SECONDS);
                List<Object> results = List.of(ra, rb);
                assertThat(results).filteredOn(TopicInfo.class::isInstance).as("exactly one creator wins").hasSize(1);
                assertThat(results).filteredOn(TopicAlreadyExistsException.class::isInstance).hasSize(1);
                TopicInfo winner = (TopicInfo) (ra instanceof TopicInfo ? ra : rb);
                TopicAlreadyExistsException loser = (TopicAlreadyExistsException) (ra instanceof TopicInfo ? rb : ra);
                assertThat(loser.existing()).isEqualTo(winner);
            }
            for (int i = 0; i < 10; i++) { // auto-create: both get the same registration, nobody fails
                TopicKey key = TopicKey.topic("auto-" + i);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<TopicInfo> a = pool.submit(() -> { start.await(); return one.getOrCreateTopic(key, 1, (short) 1, Map.of()); });
                Future<TopicInfo> b = pool.submit(() -> { start.await(); return two.getOrCreateTopic(key, 2, (short) 1, Map.of()); });
                assertThat(a.get(20, TimeUnit.SECONDS)).isEqualTo(b.get(20, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Object createOrExisting(TopicRegistry registry, TopicKey key, CyclicBarrier start) throws Exception {
        start.await();
        try {
            return registry.createTopic(key, 1, (short) 1, Map.of());
        } catch (TopicAlreadyExistsException e) {
            return e;
        }
    }

    @Test
    void oddNamesAreStoredAndListedAsGiven() {
        List<String> names = List.of(".", "..", "a/b/c", "zookeeper", "with space", "100%", "日本語 ✓", "emoji \uD83D\uDE00",
                "tab\tnewline\n", "nul\u0000", "x".repeat(TopicRegistry.MAX_NAME_BYTES));
        List<TopicInfo> created = new ArrayList<>();
        for (String name : names) {
            created.add(one.createTopic(TopicKey.queue(name), 1, (short) 1, Map.of()));
        }
        await().untilAsserted(() -> assertThat(two.topics()).containsExactlyInAnyOrderElementsOf(created));
        for (TopicInfo info : created) {
            assertThat(two.topic(info.topic())).contains(info);
            assertThat(two.readTopic(info.topic())).contains(info);
        }
    }

    @Test
    void invalidRequestsFailWithTypedErrors() {
        assertThatThrownBy(() -> one.createTopic(TopicKey.queue(""), 1, (short) 1, Map.of()))
                .isInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> one.createTopic(TopicKey.queue("é".repeat(TopicRegistry.MAX_NAME_BYTES / 2 + 1)), 1, (short) 1, Map.of()))
                .isInstanceOf(InvalidTopicException.class).hasMessageContaining("bytes");
        assertThatThrownBy(() -> one.createTopic(TopicKey.queue("bad\uD800"), 1, (short) 1, Map.of()))
                .isInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> one.createTopic(TopicKey.queue("p0"), 0, (short) 1, Map.of()))
                .isInstanceOf(InvalidPartitionsException.class);
        assertThatThrownBy(() -> one.createTopic(TopicKey.queue("r0"), 1, (short) 0, Map.of()))
                .isInstanceOf(InvalidReplicationFactorException.class);
        assertThatThrownBy(() -> one.createTopic(TopicKey.queue("r2"), 1, (short) 2, Map.of()))
                .isInstanceOf(InvalidReplicationFactorException.class).hasMessageContaining("live brokers (1)");
        assertThat(one.readTopics()).isEmpty();
    }

    @Test
    void deleteFreesTheNameForANewLog() {
        List<String> seenByTwo = new CopyOnWriteArrayList<>();
        two.addListener(new TopicListener() {
            @Override
            public void onTopicCreated(TopicInfo topic) {
                seenByTwo.add("created " + topic.logId());
            }

            @Override
            public void onTopicDeleted(TopicInfo topic) {
                seenByTwo.add("deleted " + topic.logId());
            }
        });
        TopicKey key = TopicKey.queue("short-lived");
        TopicInfo first = one.createTopic(key, 1, (short) 1, Map.of());
        assertThat(two.deleteTopic(key)).isEqualTo(first);
        assertThat(two.topic(key)).isEmpty();
        assertThat(one.readTopic(key)).isEmpty();
        assertThatThrownBy(() -> one.deleteTopic(key)).isInstanceOf(UnknownTopicException.class);

        TopicInfo second = one.createTopic(key, 2, (short) 1, Map.of());
        assertThat(second.logId()).isNotEqualTo(first.logId());
        await().untilAsserted(() -> assertThat(seenByTwo).containsExactly(
                "created " + first.logId(), "deleted " + first.logId(), "created " + second.logId()));
        await().untilAsserted(() -> assertThat(two.topic(key)).contains(second));
    }
    @Test
    void anUnreadableNodeIsSkippedNotFatal() throws Exception {
        TopicInfo good = one.createTopic(TopicKey.queue("good"), 1, (short) 1, Map.of());
        try (CuratorFramework client = ZkTestSupport.connect(server.getConnectString())) {
            client.create().forPath(paths.destination(TopicKey.queue("garbage")), new byte[] {1, 2, 3});
        }
        assertThat(two.readTopics()).containsExactly(good);
        await().untilAsserted(() -> assertThat(two.topics()).containsExactly(good));
        assertThat(two.topic(TopicKey.queue("garbage"))).isEmpty();
    }
}
