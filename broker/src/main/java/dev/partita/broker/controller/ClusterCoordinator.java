package dev.partita.broker.controller;

import dev.partita.broker.zk.BrokerRegistration;
import dev.partita.broker.zk.BrokerRegistry;
import dev.partita.broker.zk.CacheMemberRegistry;
import dev.partita.broker.zk.ClientIdRegistry;
import dev.partita.broker.zk.ControllerElection;
import dev.partita.broker.zk.EmbeddedZooKeeper;
import dev.partita.broker.zk.PartitionStateStore;
import dev.partita.broker.zk.PartitionStateWriter;
import dev.partita.broker.zk.PreviousSession;
import dev.partita.broker.zk.SubscriptionRegistry;
import dev.partita.broker.zk.TopicRegistry;
import dev.partita.broker.zk.ZkClients;
import dev.partita.broker.zk.ZkPaths;
import java.time.Duration;
import java.util.Objects;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker's membership in the cluster, wired in the right order: ZooKeeper session, the
 * registries and their caches, this broker's registration, the controller and the election.
 * The broker starts one after its listener is bound (the registration publishes the port) and closes
 * it before stopping its partitions.
 *
 * <pre>
 * ClusterCoordinator zk = ClusterCoordinator.start(new ClusterCoordinator.Settings(
 *         connectString, ZkPaths.DEFAULT_ROOT, new BrokerRegistration(id, host, port, rack),
 *         sessionTimeout, connectionTimeout));
 * TopicInfo info = zk.topics().getOrCreateTopic(key, partitions, replicationFactor, configs);
 * zk.partitionStates().awaitLeaders(info.logId(), info.partitions(), timeout);
 * zk.partitionStates().addListener((partition, state) -> ...); // then apply allStates() once
 * </pre>
 *
 * <p>Controllership ends only with a lost session, not a short disconnect; a leader that must stop
 * writing while disconnected watches {@link #addConnectionListener} ({@code SUSPENDED}/{@code LOST}).
 * Against a shared ensemble, starting may wait up to two session timeouts for a crashed run's
 * registration to expire; on this JVM's embedded ZooKeeper it removes the leftovers at once
 * ({@link Settings#replacePreviousSession}).
 *
 *
 * <p>Thread-safe; {@link #close} is idempotent.
 */
public final class ClusterCoordinator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterCoordinator.class);

    /**
     * @param connectString     ZooKeeper {@code host:port,...} (an embedded server's {@code connectString()})
     * @param root              root path of this cluster in ZooKeeper ({@link ZkPaths#DEFAULT_ROOT})
     * @param self              what this broker registers
     * @param sessionTimeout    ZooKeeper session timeout: how long a dead broker keeps its registration
     * @param connectionTimeout how long to wait for ZooKeeper at start
     * @param replacePreviousSession remove the registration and election node that a crashed earlier
     *                          run of this broker id left behind instead of waiting for its session to
     *                          expire ({@link PreviousSession}); set it only with the embedded ZooKeeper
     *                          (the 5-argument constructor sets it exactly then)
     */
    public record Settings(String connectString, String root, BrokerRegistration self,
                           Duration sessionTimeout, Duration connectionTimeout, boolean replacePreviousSession) {
        public Settings {
            Objects.requireNonNull(connectString, "connectString");
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(self, "self");
        }

        /**
         * A crashed run's leftovers are removed at once if {@code connectString} names an
         * {@link EmbeddedZooKeeper} this JVM started, and waited out otherwise (shared ensemble).
         */
        public Settings(String connectString, String root, BrokerRegistration self,
                        Duration sessionTimeout, Duration connectionTimeout) {
            this(connectString, root, self, sessionTimeout, connectionTimeout, EmbeddedZooKeeper.runsInThisProcess(connectString));
        }

        public Settings(String connectString, BrokerRegistration self) {
            this(connectString, ZkPaths.DEFAULT_ROOT, self, ZkClients.DEFAULT_SESSION_TIMEOUT, ZkClients.DEFAULT_CONNECTION_TIMEOUT);
        }
    }

    private final CuratorFramework client;
    private final ZkPaths paths;
    private final BrokerRegistration self;
    private final BrokerRegistry brokers;
    private final TopicRegistry topics;
    private final PartitionStateStore partitionStates;
    private final ControllerElection election;
    private final Controller controller;
    private final SubscriptionRegistry subscriptions;
    private final ClientIdRegistry clientIds;
    private final CacheMemberRegistry cacheMembers;
    private boolean closed;

    private ClusterCoordinator(CuratorFramework client, ZkPaths paths, BrokerRegistration self) {
        this.client = client;
        this.paths = paths;
        this.self = self;
        this.brokers = new BrokerRegistry(client, paths);
        this.topics = new TopicRegistry(client, paths);
        this.partitionStates = new PartitionStateStore(client, paths);
        this.election = new ControllerElection(client, paths, self.id());
        this.controller = new Controller(election, brokers, topics, new PartitionStateWriter(client, paths));
        this.subscriptions = new SubscriptionRegistry(client, paths);
        this.clientIds = new ClientIdRegistry(client, paths);
        this.cacheMembers = new CacheMemberRegistry(client, paths);
    }

    /**
     * Connects, loads the caches, registers this broker and joins the controller election.
     *
     * @throws dev.partita.broker.zk.CoordinationException (or its timeout subclass) if ZooKeeper is unreachable
     * @throws dev.partita.broker.zk.DuplicateBrokerIdException if another session keeps this broker id
     *         registered for longer than two session timeouts
     */
    public static ClusterCoordinator start(Settings settings) {
        Duration timeout = settings.connectionTimeout();
        CuratorFramework client = ZkClients.connect(settings.connectString(), settings.sessionTimeout(), timeout);
        ClusterCoordinator coordinator = new ClusterCoordinator(client, new ZkPaths(settings.root()), settings.self());
        try {
            coordinator.brokers.start();
            coordinator.topics.start();
            coordinator.partitionStates.start();
            coordinator.subscriptions.start();
            coordinator.clientIds.start();
            coordinator.brokers.awaitInitialized(timeout);
            coordinator.topics.awaitInitialized(timeout);
            coordinator.partitionStates.awaitInitialized(timeout);
            if (settings.replacePreviousSession()) {
                PreviousSession.release(client, coordinator.paths, settings.self().id());
            }
            // a crashed run's registration goes when its session expires: wait that long, not forever
            coordinator.brokers.register(settings.self(), timeout, settings.sessionTimeout().multipliedBy(2));
            coordinator.controller.start();
            coordinator.election.start();
        } catch (RuntimeException e) {
            coordinator.close();
            throw e;
        }
        log.info("Broker {} joined the cluster at {}{}", settings.self().id(), settings.connectString(), settings.root());
        return coordinator;
    }

    public BrokerRegistration self() {
        return self;
    }

    public ZkPaths paths() {
        return paths;
    }

    /** The Curator client, for recipes added later (producer-id blocks, subscriptions...). */
    public CuratorFramework client() {
        return client;
    }

    public BrokerRegistry brokers() {
        return brokers;
    }

    public TopicRegistry topics() {
        return topics;
    }

    public PartitionStateStore partitionStates() {
        return partitionStates;
    }

    /** Durable and shared subscriptions (blocking ZooKeeper calls). */
    public SubscriptionRegistry subscriptions() {
        return subscriptions;
    }

    /** Client IDs, unique across the cluster (blocking ZooKeeper calls). */
    public ClientIdRegistry clientIds() {
        return clientIds;
    }

    /** Where the brokers' offset-cache members are reachable (this broker's member registers through it). */
    public CacheMemberRegistry cacheMembers() {
        return cacheMembers;
    }

    public ControllerElection election() {
        return election;
    }

    public Controller controller() {
        return controller;
    }

    /** Whether the ZooKeeper session is connected now; a leader should refuse writes while it is not. */
    public boolean isConnected() {
        return client.getZookeeperClient().isConnected();
    }

    /** Adds a listener of the ZooKeeper connection (SUSPENDED, LOST, RECONNECTED...). */
    public void addConnectionListener(java.util.function.Consumer<ConnectionState> listener) {
        client.getConnectionStateListenable().addListener((c, state) -> listener.accept(state));
    }

    /** Leaves the election (resigning if controller), deregisters and closes the session. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        controller.close();
        election.close();
        partitionStates.close();
        topics.close();
        brokers.close();
        cacheMembers.close();
        client.close();
        log.info("Broker {} left the cluster", self.id());
    }
}
