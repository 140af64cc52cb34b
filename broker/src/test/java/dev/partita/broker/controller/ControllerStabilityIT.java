package dev.partita.broker.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.partita.broker.zk.BrokerRegistration;
import dev.partita.broker.zk.ZkPaths;
import dev.partita.broker.zk.ZkTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A short ZooKeeper outage (sessions survive) must not move the controller. */
@Timeout(60)
class ControllerStabilityIT {

    private final List<ClusterCoordinator> brokers = new ArrayList<>();
    private TestingServer server;

    @AfterEach
    void stop() throws Exception {
        brokers.forEach(ClusterCoordinator::close);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theControllerKeepsItsRoleAndEpochThroughADisconnect() throws Exception {
        server = new TestingServer(true);
        ZkPaths paths = ZkTestSupport.freshPaths();
        for (int id = 0; id < 2; id++) {
            brokers.add(ClusterCoordinator.start(new ClusterCoordinator.Settings(server.getConnectString(), paths.root(),
                    new BrokerRegistration(id, "localhost", 7000 + id, null), Duration.ofSeconds(15), Duration.ofSeconds(10))));
        }
        ClusterCoordinator controller = await().until(
                () -> brokers.stream().filter(b -> b.election().isController()).findFirst().orElse(null), c -> c != null);
        int epoch = controller.election().fence().epoch();

        server.stop(); // every broker is disconnected; the sessions live on in the server's data
        await().until(() -> brokers.stream().noneMatch(ClusterCoordinator::isConnected));
        server.restart();
        await().until(() -> brokers.stream().allMatch(ClusterCoordinator::isConnected));

        await().untilAsserted(() -> {
            assertThat(controller.election().isController()).isTrue();
            assertThat(controller.election().fence().epoch()).isEqualTo(epoch);
            assertThat(brokers).filteredOn(b -> b.election().isController()).containsExactly(controller);
        });
    }
}
