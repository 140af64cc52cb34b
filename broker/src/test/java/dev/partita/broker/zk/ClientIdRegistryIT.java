package dev.partita.broker.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.broker.delivery.ConnectionId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
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

/** Client-ID uniqueness across two brokers: two registries on two ZooKeeper sessions sharing one server. */
@Timeout(60)
class ClientIdRegistryIT {

    private static TestingServer server;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final ZkPaths paths = ZkTestSupport.freshPaths();
    private ClientIdRegistry brokerOne;
    private ClientIdRegistry brokerTwo;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        server = new TestingServer(true);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        server.close();
    }

    @BeforeEach
    void twoBrokers() {
        brokerOne = registry();
        brokerTwo = registry();
    }

    private ClientIdRegistry registry() {
        CuratorFramework client = ZkTestSupport.connect(server.getConnectString());
        toClose.push(client);
        ClientIdRegistry registry = new ClientIdRegistry(client, paths);
        registry.start();
        return registry;
    }

    @AfterEach
    void closeAll() throws Exception {
        while (!toClose.isEmpty()) {
            toClose.pop().close();
        }
    }

    private static ConnectionId newConnection() {
        return ConnectionId.of(UUID.randomUUID());
    }

    @Test
    void aSecondConnectionCannotClaimAHeldIdOnAnyBroker() {
        ConnectionId first = newConnection();
        ConnectionId second = newConnection();
        assertThat(brokerOne.claim("app-1", first, 1)).isEqualTo(new ClientIdClaim("app-1", first, 1));

        assertThatThrownBy(() -> brokerTwo.claim("app-1", second, 2))
                .isInstanceOf(ClientIdInUseException.class).hasMessageContaining("app-1");
        assertThatThrownBy(() -> brokerOne.claim("app-1", second, 1)).isInstanceOf(ClientIdInUseException.class);
        assertThat(brokerTwo.holder("app-1")).contains(new ClientIdClaim("app-1", first, 1));
        assertThat(brokerTwo.claim("app-2", second, 2).connection()).as("other IDs stay free").isEqualTo(second);
    }

    @Test
    void theHolderMayClaimAgainAndMoveToAnotherBroker() {
        ConnectionId connection = newConnection();
        brokerOne.claim("mover", connection, 1);
        assertThat(brokerOne.claim("mover", connection, 1)).isEqualTo(new ClientIdClaim("mover", connection, 1));
        // the logical connection reconnected through broker 2
        assertThat(brokerTwo.claim("mover", connection, 2)).isEqualTo(new ClientIdClaim("mover", connection, 2));
        assertThat(brokerOne.holder("mover")).contains(new ClientIdClaim("mover", connection, 2));
    }

    @Test
    void onlyTheHolderReleasesAndThenAnotherConnectionMayClaim() {
        ConnectionId holder = newConnection();
        ConnectionId other = newConnection();
        brokerOne.claim("shared-name", holder, 1);

        assertThat(brokerTwo.release("shared-name", other)).as("a non-holder frees nothing").isFalse();
        assertThat(brokerTwo.holder("shared-name")).map(ClientIdClaim::connection).contains(holder);

        assertThat(brokerTwo.release("shared-name", holder)).as("the holder closes, via any broker").isTrue();
        assertThat(brokerOne.holder("shared-name")).isEmpty();
        assertThat(brokerOne.release("shared-name", holder)).as("released twice").isFalse();
        assertThat(brokerOne.claim("shared-name", other, 1).connection()).isEqualTo(other);
    }

    @Test
    void leaseExpiryFreesEveryIdOfThatConnectionOnly() {
        ConnectionId expired = newConnection();
        ConnectionId alive = newConnection();
        brokerOne.claim("a", expired, 1);
        brokerTwo.claim("b/with slash", expired, 2);
        brokerTwo.claim("c", alive, 2);

        assertThat(brokerTwo.expire(expired)).containsExactlyInAnyOrder("a", "b/with slash");
        assertThat(brokerOne.holder("a")).isEmpty();
        assertThat(brokerOne.holder("b/with slash")).isEmpty();
        assertThat(brokerOne.holder("c")).map(ClientIdClaim::connection).contains(alive);
        assertThat(brokerOne.expire(expired)).isEmpty();
        assertThat(brokerOne.claim("a", alive, 1).connection()).isEqualTo(alive);
    }

    @Test
    void oddIdsAreTheirOwnNodes() {
        ConnectionId connection = newConnection();
        List<String> ids = List.of(".", "..", "a/b", "100%", "日本語", "emoji \uD83D\uDE00", "nul\u0000", "x".repeat(1000));
        for (String id : ids) {
            assertThat(brokerOne.claim(id, connection, 1).clientId()).isEqualTo(id);
        }
        for (String id : ids) {
            assertThat(brokerTwo.holder(id)).map(ClientIdClaim::clientId).contains(id);
        }
        assertThat(brokerTwo.expire(connection)).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void invalidIdsAreRefused() {
        ConnectionId connection = newConnection();
        for (String bad : new String[] {"", "x".repeat(1001), "unpaired \uD800"}) {
            assertThatThrownBy(() -> brokerOne.claim(bad, connection, 1)).isInstanceOf(InvalidClientIdException.class);
            assertThat(brokerOne.release(bad, connection)).isFalse();
            assertThat(brokerOne.holder(bad)).isEmpty();
        }
    }

    @Test
    void whenTwoBrokersClaimAtOnceExactlyOneConnectionWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 30; round++) {
                String clientId = "race-" + round;
                ConnectionId viaOne = newConnection();
                ConnectionId viaTwo = newConnection();
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Object> a = pool.submit(() -> claimOrFailure(brokerOne, clientId, viaOne, 1, start));
                Future<Object> b = pool.submit(() -> claimOrFailure(brokerTwo, clientId, viaTwo, 2, start));
                List<Object> results = new ArrayList<>(List.of(a.get(20, TimeUnit.SECONDS), b.get(20, TimeUnit.SECONDS)));

                assertThat(results).as("round %d", round).filteredOn(ClientIdClaim.class::isInstance).hasSize(1);
                assertThat(results).as("round %d", round).filteredOn(ClientIdInUseException.class::isInstance).hasSize(1);
                ClientIdClaim winner = (ClientIdClaim) results.stream().filter(ClientIdClaim.class::isInstance)
                        .findFirst().orElseThrow();
                assertThat(brokerOne.holder(clientId)).contains(winner);
                assertThat(brokerTwo.holder(clientId)).contains(winner);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Object claimOrFailure(ClientIdRegistry registry, String clientId, ConnectionId connection,
                                         int brokerId, CyclicBarrier start) throws Exception {
        start.await();
        try {
            return registry.claim(clientId, connection, brokerId);
        } catch (ClientIdInUseException e) {
            return e;
        }
    }
}
