package dev.partita.broker.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class BrokerRegistryIT {

    private static TestingServer server;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final ZkPaths paths = ZkTestSupport.freshPaths();

    @BeforeAll
    static void startZooKeeper() throws Exception {
        server = new TestingServer(true);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        server.close();
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

    private BrokerRegistry startRegistry(CuratorFramework client, List<SortedMap<Integer, BrokerRegistration>> seen) {
        BrokerRegistry registry = closeLater(new BrokerRegistry(client, paths));
        registry.addListener(seen::add);
        registry.start();
        registry.awaitInitialized(ZkTestSupport.TIMEOUT);
        return registry;
    }

    @Test
    void brokersSeeEachOtherAndAStoppedBrokerDisappears() {
        CuratorFramework clientA = ZkTestSupport.connect(server.getConnectString());
        CuratorFramework clientB = closeLater(ZkTestSupport.connect(server.getConnectString()));
        List<SortedMap<Integer, BrokerRegistration>> seenByB = new CopyOnWriteArrayList<>();
        BrokerRegistry a = new BrokerRegistry(clientA, paths);
        a.start();
        BrokerRegistry b = startRegistry(clientB, seenByB);
        a.register(new BrokerRegistration(1, "host-1", 7001, "rack-a"), ZkTestSupport.TIMEOUT);
        b.register(new BrokerRegistration(2, "host-2", 7002, null), ZkTestSupport.TIMEOUT);

        await().untilAsserted(() -> assertThat(b.liveBrokers()).containsOnlyKeys(1, 2));
        await().untilAsserted(() -> assertThat(a.liveBrokers()).containsOnlyKeys(1, 2));
        assertThat(b.broker(1)).contains(new BrokerRegistration(1, "host-1", 7001, "rack-a"));
        assertThat(a.readLiveBrokerIds()).containsExactly(1, 2);

        a.close(); // broker 1 shuts down: it deregisters, then ends its session
        clientA.close();
        await().untilAsserted(() -> assertThat(b.liveBrokers()).containsOnlyKeys(2));
        assertThat(seenByB.get(seenByB.size() - 1)).containsOnlyKeys(2);
    }

    @Test
    void registrationComesBackAfterTheSessionExpires() throws Exception {
        CuratorFramework clientA = closeLater(ZkTestSupport.connect(server.getConnectString()));
        CuratorFramework clientB = closeLater(ZkTestSupport.connect(server.getConnectString()));
        List<SortedMap<Integer, BrokerRegistration>> seenByB = new CopyOnWriteArrayList<>();
        BrokerRegistry a = startRegistry(clientA, new CopyOnWriteArrayList<>());
        BrokerRegistry b = startRegistry(clientB, seenByB);
        a.register(new BrokerRegistration(1, "host-1", 7001, null), ZkTestSupport.TIMEOUT);
        await().untilAsserted(() -> assertThat(b.liveBrokers()).containsKey(1));
        long firstSession = clientA.getZookeeperClient().getZooKeeper().getSessionId();

        ZkTestSupport.expireSession(clientA, server.getConnectString());

        await().untilAsserted(() -> assertThat(seenByB).anySatisfy(live -> assertThat(live).doesNotContainKey(1)));
        await().untilAsserted(() -> {
            Stat stat = clientB.checkExists().forPath(paths.broker(1));
            assertThat(stat).isNotNull();
            assertThat(stat.getEphemeralOwner()).isNotEqualTo(firstSession)
                    .isEqualTo(clientA.getZookeeperClient().getZooKeeper().getSessionId());
        });
        await().untilAsserted(() -> assertThat(b.liveBrokers()).containsKey(1));
    }

    @Test
    void closingTheRegistryDeregisters() {
        CuratorFramework client = closeLater(ZkTestSupport.connect(server.getConnectString()));
        BrokerRegistry watcher = startRegistry(client, new CopyOnWriteArrayList<>());
        BrokerRegistry self = new BrokerRegistry(client, paths);
        self.start();
        self.register(new BrokerRegistration(7, "h", 1, null), ZkTestSupport.TIMEOUT);
        await().untilAsserted(() -> assertThat(watcher.liveBrokers()).containsKey(7));
        self.close();
        await().untilAsserted(() -> assertThat(watcher.liveBrokers()).isEmpty());
    }
    @Test
    void aRestartedBrokerWaitsForTheSessionOfItsCrashedRunToEnd() throws Exception {
        // the previous incarnation crashed: its ephemeral node lives until its session times out
        CuratorFramework previous = ZkTestSupport.connect(server.getConnectString());
        previous.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(paths.broker(3),
                ZkCodec.encode(new BrokerRegistration(3, "old-host", 1, null)));

        CuratorFramework client = closeLater(ZkTestSupport.connect(server.getConnectString()));
        BrokerRegistry restarted = startRegistry(client, new CopyOnWriteArrayList<>());
        CompletableFuture<Void> registering = CompletableFuture.runAsync(() ->
                restarted.register(new BrokerRegistration(3, "new-host", 2, null), ZkTestSupport.TIMEOUT, ZkTestSupport.TIMEOUT));
        assertThat(registering).as("waits while the old session holds the id").isNotDone();

        previous.close(); // the old session ends, and its node with it
        registering.get(ZkTestSupport.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Stat stat = client.checkExists().forPath(paths.broker(3));
        assertThat(stat.getEphemeralOwner()).isEqualTo(client.getZookeeperClient().getZooKeeper().getSessionId());
        await().untilAsserted(() -> assertThat(restarted.broker(3)).map(BrokerRegistration::host).contains("new-host"));
    }

    @Test
    void aSecondBrokerWithTheSameIdIsRefused() {
        CuratorFramework first = closeLater(ZkTestSupport.connect(server.getConnectString()));
        BrokerRegistry live = startRegistry(first, new CopyOnWriteArrayList<>());
        live.register(new BrokerRegistration(4, "first", 1, null), ZkTestSupport.TIMEOUT);

        CuratorFramework second = closeLater(ZkTestSupport.connect(server.getConnectString()));
        BrokerRegistry duplicate = startRegistry(second, new CopyOnWriteArrayList<>());
        assertThatThrownBy(() -> duplicate.register(new BrokerRegistration(4, "second", 2, null),
                ZkTestSupport.TIMEOUT, Duration.ofMillis(300)))
                .isInstanceOf(DuplicateBrokerIdException.class).hasMessageContaining("Broker id 4");
        assertThat(live.broker(4)).map(BrokerRegistration::host).contains("first");
    }
}
