package dev.partita.broker.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.partita.broker.zk.BrokerRegistration;
import dev.partita.broker.zk.InvalidReplicationFactorException;
import dev.partita.broker.zk.PartitionState;
import dev.partita.broker.zk.TopicInfo;
import dev.partita.broker.zk.ZkCodec;
import dev.partita.broker.zk.ZkPaths;
import dev.partita.broker.zk.ZkTestSupport;
import dev.partita.protocol.message.TopicKey;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Three brokers' coordinators against one ZooKeeper: the controller's whole job, end to end. */
@Timeout(90)
class ControllerIT {

    private static final Duration WAIT = ZkTestSupport.TIMEOUT;
    private static TestingServer server;
    private final ZkPaths paths = ZkTestSupport.freshPaths();
    private final Map<Integer, ClusterCoordinator> brokers = new TreeMap<>();

    @BeforeAll
    static void startZooKeeper() throws Exception {
        server = new TestingServer(true);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        server.close();
    }

    @AfterEach
    void stopBrokers() {
        brokers.values().forEach(ClusterCoordinator::close);
    }

    private ClusterCoordinator startBroker(int id) {
        return startBroker(id, null);
    }

    private ClusterCoordinator startBroker(int id, String rack) {
        ClusterCoordinator coordinator = ClusterCoordinator.start(new ClusterCoordinator.Settings(
                server.getConnectString(), paths.root(), new BrokerRegistration(id, "localhost", 7000 + id, rack),
                Duration.ofSeconds(10), Duration.ofSeconds(10)));
        brokers.put(id, coordinator);
        return coordinator;
    }

    private void stopBroker(int id) {
        brokers.remove(id).close();
    }

    private ClusterCoordinator awaitController() {
        return await().until(() -> brokers.values().stream().filter(b -> b.controller().isActive()).findFirst().orElse(null),
                c -> c != null);
    }

    private ClusterCoordinator anyBroker() {
        return brokers.values().iterator().next();
    }

    @Test
    void newTopicGetsLeadersSpreadOverTheBrokersAndFailsOverFromTheIsr() {
        for (int id = 0; id < 3; id++) {
            startBroker(id);
        }
        ClusterCoordinator controller = awaitController();
        await().untilAsserted(() -> assertThat(anyBroker().brokers().liveBrokers()).containsOnlyKeys(0, 1, 2));
        TopicInfo topic = brokers.get(1).topics().createTopic(TopicKey.topic("prices"), 6, (short) 3, Map.of());

        SortedMap<Integer, PartitionState> states = brokers.get(2).partitionStates().awaitLeaders(topic.logId(), 6, WAIT);
        assertThat(states).hasSize(6);
        Map<Integer, Long> ledBy = new TreeMap<>();
        states.values().forEach(s -> {
            assertThat(s.replicas()).containsExactlyInAnyOrder(0, 1, 2);
            assertThat(s.leader()).isEqualTo(s.replicas().get(0));
            assertThat(s.isr()).isEqualTo(s.replicas());
            assertThat(s.leaderEpoch()).isZero();
            assertThat(s.controllerEpoch()).isEqualTo(controller.election().controllerEpoch());
            ledBy.merge(s.leader(), 1L, Long::sum);
        });
        assertThat(ledBy).as("two partitions led by each broker").containsOnly(Map.entry(0, 2L), Map.entry(1, 2L), Map.entry(2, 2L));

        int victim = controller.self().id() == 0 ? 1 : 0; // a broker that is not the controller
        stopBroker(victim);

        await().untilAsserted(() -> {
            SortedMap<Integer, PartitionState> after = anyBroker().partitionStates().states(topic.logId());
            assertThat(after).hasSize(6);
            after.forEach((p, s) -> {
                PartitionState before = states.get(p);
                assertThat(s.isr()).doesNotContain(victim).hasSize(2);
                assertThat(s.leader()).isNotEqualTo(victim).isNotEqualTo(PartitionState.NO_LEADER);
                if (before.leader() == victim) {
                    assertThat(s.leaderEpoch()).as("new leader, next epoch").isEqualTo(1);
                    assertThat(s.leader()).isEqualTo(before.replicas().get(1));
                } else {
                    assertThat(s.leader()).isEqualTo(before.leader());
                    assertThat(s.leaderEpoch()).isZero();
                }
            });
        });
    }

    @Test
    void theNextControllerTakesOverWithAHigherEpoch() {
        startBroker(0);
        startBroker(1);
        ClusterCoordinator first = awaitController();
        int firstEpoch = first.election().controllerEpoch();
        int other = first.self().id() == 0 ? 1 : 0;
        TopicInfo before = brokers.get(other).topics().createTopic(TopicKey.queue("q1"), 2, (short) 2, Map.of());
        brokers.get(other).partitionStates().awaitLeaders(before.logId(), 2, WAIT);

        stopBroker(first.self().id());

        ClusterCoordinator second = awaitController();
        assertThat(second.self().id()).isEqualTo(other);
        assertThat(second.election().controllerEpoch()).isEqualTo(firstEpoch + 1);
        await().untilAsserted(() -> assertThat(second.partitionStates().states(before.logId()).values())
                .allSatisfy(s -> {
                    assertThat(s.leader()).isEqualTo(other);
                    assertThat(s.isr()).containsExactly(other);
                    assertThat(s.controllerEpoch()).isEqualTo(firstEpoch + 1);
                }));
        TopicInfo after = second.topics().createTopic(TopicKey.queue("q2"), 1, (short) 1, Map.of());
        assertThat(second.partitionStates().awaitLeaders(after.logId(), 1, WAIT).get(0).leader()).isEqualTo(other);
    }

    @Test
    void anOfflinePartitionWaitsForItsOwnReplicaAndNeverElectsAnother() {
        startBroker(0);
        startBroker(1);
        awaitController();
        await().untilAsserted(() -> assertThat(anyBroker().brokers().liveBrokers()).hasSize(2));
        TopicInfo topic = brokers.get(0).topics().createTopic(TopicKey.queue("single"), 2, (short) 1, Map.of());
        SortedMap<Integer, PartitionState> states = brokers.get(0).partitionStates().awaitLeaders(topic.logId(), 2, WAIT);
        int partitionOn1 = states.get(0).leader() == 1 ? 0 : 1;
        assertThat(states.get(partitionOn1).leader()).isEqualTo(1);

        stopBroker(1);
        await().untilAsserted(() -> {
            PartitionState offline = brokers.get(0).partitionStates().states(topic.logId()).get(partitionOn1);
            assertThat(offline.leader()).isEqualTo(PartitionState.NO_LEADER);
            assertThat(offline.leaderEpoch()).isEqualTo(1);
            assertThat(offline.isr()).containsExactly(1);
        });

        startBroker(1);
        await().untilAsserted(() -> {
            PartitionState back = brokers.get(0).partitionStates().states(topic.logId()).get(partitionOn1);
            assertThat(back.leader()).isEqualTo(1);
            assertThat(back.leaderEpoch()).isEqualTo(2);
        });
    }

    @Test
    void deletingATopicRemovesItsPartitionState() throws Exception {
        ClusterCoordinator broker = startBroker(0);
        awaitController();
        TopicKey key = TopicKey.queue("doomed");
        TopicInfo topic = broker.topics().createTopic(key, 3, (short) 1, Map.of());
        broker.partitionStates().awaitLeaders(topic.logId(), 3, WAIT);

        broker.topics().deleteTopic(key);

        broker.partitionStates().awaitRemoved(topic.logId(), WAIT);
        assertThat(broker.client().checkExists().forPath(paths.log(topic.logId()))).isNull();
        TopicInfo again = broker.topics().createTopic(key, 1, (short) 1, Map.of());
        assertThat(broker.partitionStates().awaitLeaders(again.logId(), 1, WAIT)).hasSize(1);
    }

    @Test
    void tooFewBrokersIsReportedToTheWaiterAndRepairedWhenBrokersJoin() throws Exception {
        ClusterCoordinator broker = startBroker(0);
        awaitController();
        // a registration asking for more replicas than live brokers (as if one died right after the check)
        TopicInfo wide = new TopicInfo(TopicKey.topic("wide"), "twidewidewide2", 1, (short) 2, Map.of());
        broker.client().create().forPath(paths.destination(wide.topic()), ZkCodec.encode(wide));

        assertThatThrownBy(() -> broker.partitionStates().awaitLeaders(wide.logId(), 1, WAIT))
                .isInstanceOf(InvalidReplicationFactorException.class).hasMessageContaining("topic:wide");

        startBroker(1);
        await().untilAsserted(() -> assertThat(broker.partitionStates().assignmentError(wide.logId())).isEmpty());
        SortedMap<Integer, PartitionState> states = broker.partitionStates().awaitLeaders(wide.logId(), 1, WAIT);
        assertThat(states.get(0).replicas()).containsExactlyInAnyOrder(0, 1);
    }
    @Test
    void replicasOfAPartitionGoToDifferentRacks() {
        startBroker(0, "rack-a");
        startBroker(1, "rack-a");
        startBroker(2, "rack-b");
        startBroker(3, "rack-b");
        awaitController();
        await().untilAsserted(() -> assertThat(anyBroker().brokers().liveBrokers()).hasSize(4));
        TopicInfo topic = anyBroker().topics().createTopic(TopicKey.queue("spread"), 8, (short) 2, Map.of());
        SortedMap<Integer, PartitionState> states = anyBroker().partitionStates().awaitLeaders(topic.logId(), 8, WAIT);
        assertThat(states.values()).allSatisfy(s ->
                assertThat(s.replicas().stream().map(id -> id < 2 ? "rack-a" : "rack-b").distinct()).hasSize(2));
    }
}
