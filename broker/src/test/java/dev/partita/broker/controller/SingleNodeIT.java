package dev.partita.broker.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.partita.broker.zk.BrokerRegistration;
import dev.partita.broker.zk.EmbeddedZooKeeper;
import dev.partita.broker.zk.PartitionState;
import dev.partita.broker.zk.TopicInfo;
import dev.partita.broker.zk.ZkCodec;
import dev.partita.broker.zk.ZkPaths;
import dev.partita.broker.zk.ZkTestSupport;
import java.nio.charset.StandardCharsets;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import dev.partita.protocol.message.TopicKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What {@code bin/partita server} does: one broker, its own embedded ZooKeeper, restarts. */
@Timeout(60)
class SingleNodeIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    private static ClusterCoordinator startBroker(EmbeddedZooKeeper zk) {
        return ClusterCoordinator.start(new ClusterCoordinator.Settings(zk.connectString(), ZkPaths.DEFAULT_ROOT,
                new BrokerRegistration(0, "localhost", 7676, null), Duration.ofSeconds(6), Duration.ofSeconds(5)));
    }

    @Test
    void aSingleBrokerLeadsItsTopicsAcrossRestartsOfBrokerAndZooKeeper() throws Exception {
        Path zkDir = dataDir.resolve("zookeeper");
        TopicInfo orders;
        try (EmbeddedZooKeeper zk = new EmbeddedZooKeeper(zkDir, "127.0.0.1", 0, 500).start()) {
            try (ClusterCoordinator broker = startBroker(zk)) {
                await().until(broker.election()::isController);
                assertThat(broker.election().controllerEpoch()).isEqualTo(1);
                assertThat(broker.election().controllerId()).isZero();
                orders = broker.topics().getOrCreateTopic(TopicKey.queue("orders"), 2, (short) 1, Map.of());
                SortedMap<Integer, PartitionState> states = broker.partitionStates().awaitLeaders(orders.logId(), 2, WAIT);
                assertThat(states.values()).allSatisfy(s -> {
                    assertThat(s.leader()).isZero();
                    assertThat(s.isr()).containsExactly(0);
                    assertThat(s.controllerEpoch()).isEqualTo(1);
                });
            }
            try (ClusterCoordinator broker = startBroker(zk)) { // graceful restart of the broker
                await().until(broker.election()::isController);
                assertThat(broker.election().controllerEpoch()).isEqualTo(2);
                assertThat(broker.topics().topic(TopicKey.queue("orders"))).contains(orders);
                assertThat(broker.partitionStates().awaitLeaders(orders.logId(), 2, WAIT).values())
                        .allSatisfy(s -> assertThat(s.leader()).isZero());
            }
        }
        try (EmbeddedZooKeeper zk = new EmbeddedZooKeeper(zkDir, "127.0.0.1", 0, 500).start();
             ClusterCoordinator broker = startBroker(zk)) { // ZooKeeper restarted from its files
            await().until(broker.election()::isController);
            assertThat(broker.election().controllerEpoch()).isEqualTo(3);
            assertThat(broker.topics().getOrCreateTopic(TopicKey.queue("orders"), 5, (short) 1, Map.of())).isEqualTo(orders);
            assertThat(broker.partitionStates().awaitLeaders(orders.logId(), 2, WAIT).values())
                    .allSatisfy(s -> assertThat(s.leader()).isZero());
            assertThat(broker.brokers().liveBrokers()).containsOnlyKeys(0);
        }
    }
    @Test
    void aRestartAfterACrashTakesOverTheNodesItsDeadRunLeft() throws Exception {
        try (EmbeddedZooKeeper zk = new EmbeddedZooKeeper(dataDir.resolve("zookeeper"), "127.0.0.1", 0, 500).start()) {
            ZkPaths paths = ZkPaths.defaults();
            try (ClusterCoordinator first = startBroker(zk)) { // lays out the paths
                await().until(first.election()::isController);
            }
            // the crashed run: its session is still open on the server, holding broker 0's
            // registration and the first place in the election, and nobody will ever close it
            try (CuratorFramework deadRun = ZkTestSupport.connect(zk.connectString())) {
                deadRun.create().withMode(CreateMode.EPHEMERAL).forPath(paths.broker(0),
                        ZkCodec.encode(new BrokerRegistration(0, "old", 1, null)));
                deadRun.create().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                        .forPath(paths.controllerElection() + "/_c_dead-latch-", "0".getBytes(StandardCharsets.UTF_8));

                // on this JVM's embedded server the default settings remove the dead run's nodes
                try (ClusterCoordinator restarted = startBroker(zk)) {
                    await().atMost(WAIT).until(restarted.election()::isController);
                    Stat registration = restarted.client().checkExists().forPath(paths.broker(0));
                    assertThat(registration.getEphemeralOwner())
                            .isEqualTo(restarted.client().getZookeeperClient().getZooKeeper().getSessionId());
                    assertThat(restarted.brokers().broker(0)).map(BrokerRegistration::host).contains("localhost");
                }
            }
        }
    }
}
