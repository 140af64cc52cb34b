package dev.partita.broker.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ControllerElectionIT {

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

    /** One contender: its own ZooKeeper session, election and partition-state writer. */
    private final class Contender {
        final CuratorFramework client = ZkTestSupport.connect(server.getConnectString());
        final ControllerElection election;
        final PartitionStateWriter states = new PartitionStateWriter(client, paths);
        final List<String> events = new CopyOnWriteArrayList<>();

        Contender(int brokerId) {
            toClose.push(client);
            election = new ControllerElection(client, paths, brokerId);
            toClose.push(election);
            election.addListener(new ControllerListener() {
                @Override
                public void onElected(ControllerEpochFence fence) {
                    events.add("elected:" + fence.epoch());
                }

                @Override
                public void onResigned() {
                    events.add("resigned");
                }
            });
            election.start();
        }
    }

    @Test
    void oneOfTwoWinsAndTheEpochBumpsOnFailover() {
        Contender one = new Contender(1);
        Contender two = new Contender(2);
        await().until(() -> one.election.isController() || two.election.isController());
        Contender winner = one.election.isController() ? one : two;
        Contender loser = winner == one ? two : one;
        assertThat(loser.election.isController()).isFalse();
        assertThat(winner.election.fence().epoch()).isEqualTo(1);
        int winnerId = winner.election.brokerId();
        await().untilAsserted(() -> assertThat(loser.election.controllerId()).isEqualTo(winnerId));
        assertThat(loser.election.controllerEpoch()).isEqualTo(1);

        winner.election.close(); // the controller steps down (as on shutdown)

        await().until(loser.election::isController);
        assertThat(loser.election.fence().epoch()).isEqualTo(2);
        assertThat(loser.election.controllerId()).isEqualTo(loser.election.brokerId());
        assertThat(winner.events).containsExactly("elected:1", "resigned");
        assertThat(loser.events).containsExactly("elected:2");
    }

    @Test
    void aDeposedControllersWritesAreRejected() throws Exception {
        Contender one = new Contender(1);
        await().until(one.election::isController);
        ControllerEpochFence oldFence = one.election.fence();
        Contender two = new Contender(2);

        // broker 1's session dies (e.g. a long GC pause): broker 2 takes over with a higher epoch
        ZkTestSupport.expireSession(one.client, server.getConnectString());
        await().until(two.election::isController);
        ControllerEpochFence newFence = two.election.fence();
        assertThat(newFence.epoch()).isGreaterThan(oldFence.epoch());
        await().untilAsserted(() -> assertThat(one.events).contains("resigned"));

        PartitionState state = new PartitionState(List.of(1), 1, 0, List.of(1), oldFence.epoch(), -1);
        assertThatThrownBy(() -> one.states.writeNewLog(oldFence, "qstale", Map.of(0, state)))
                .isInstanceOf(StaleControllerEpochException.class);
        assertThatThrownBy(() -> one.states.writeAssignmentError(oldFence, "qstale", "nope"))
                .isInstanceOf(StaleControllerEpochException.class);
        assertThat(one.client.checkExists().forPath(paths.log("qstale"))).as("nothing written").isNull();

        two.states.writeNewLog(newFence, "qfresh", Map.of(0, state));
        assertThat(two.client.checkExists().forPath(paths.partitionState("qfresh", 0))).isNotNull();
        LogPartition partition = new LogPartition("qfresh", 0);
        PartitionState read = two.states.readAll().get("qfresh").partitions().get(0);
        assertThatThrownBy(() -> one.states.writeState(oldFence, partition, read, read))
                .isInstanceOf(StaleControllerEpochException.class);
        assertThatThrownBy(() -> one.states.writeLogRemoval(oldFence, "qfresh"))
                .isInstanceOf(StaleControllerEpochException.class);
        assertThat(two.client.checkExists().forPath(paths.log("qfresh"))).isNotNull();
        assertThat(one.election.isController()).isFalse();
    }
}
