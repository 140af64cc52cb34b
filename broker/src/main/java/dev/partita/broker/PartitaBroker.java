package dev.partita.broker;

import dev.partita.broker.cache.BackgroundOffsetCache;
import dev.partita.broker.cache.OffsetCache;
import dev.partita.broker.cache.OffsetCacheConfig;
import dev.partita.broker.cache.OffsetCaches;
import dev.partita.broker.config.BrokerConfig;
import dev.partita.broker.controller.ClusterCoordinator;
import dev.partita.broker.delivery.DeliveryConfig;
import dev.partita.broker.partition.Appender;
import dev.partita.broker.partition.DelayedOperations;
import dev.partita.broker.partition.DelayedOperationsDriver;
import dev.partita.broker.partition.Fetcher;
import dev.partita.broker.partition.PartitionExecutors;
import dev.partita.broker.partition.ReplicaManager;
import dev.partita.broker.partition.DestinationQuota;
import dev.partita.broker.partition.RetentionManager;
import dev.partita.broker.server.NettyServer;
import dev.partita.broker.server.RequestDispatcher;
import dev.partita.broker.server.RequestHandler;
import dev.partita.broker.server.auth.Authenticator;
import dev.partita.broker.server.auth.UserStore;
import dev.partita.broker.server.handler.ApiVersionsHandler;
import dev.partita.broker.server.handler.CreateTopicsHandler;
import dev.partita.broker.server.handler.DeleteTopicsHandler;
import dev.partita.broker.server.handler.FetchHandler;
import dev.partita.broker.server.handler.ListOffsetsHandler;
import dev.partita.broker.server.handler.MetadataHandler;
import dev.partita.broker.server.handler.ProduceHandler;
import dev.partita.broker.server.handler.SaslAuthenticateHandler;
import dev.partita.broker.server.handler.SaslHandshakeHandler;
import dev.partita.broker.server.handler.TopicService;
import dev.partita.broker.subscription.DescribeSubscriptionsHandler;
import dev.partita.broker.subscription.SubscriptionHandlers;
import dev.partita.broker.subscription.SubscriptionManager;
import dev.partita.broker.zk.BrokerRegistration;
import dev.partita.broker.zk.EmbeddedZooKeeper;
import dev.partita.broker.zk.TopicInfo;
import dev.partita.broker.zk.ZkPaths;
import dev.partita.storage.file.FileIO;
import dev.partita.storage.log.LogConfig;
import dev.partita.storage.manager.GroupCommitFlusher;
import dev.partita.storage.manager.LogManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Partita broker. {@link #start} brings it up in dependency order:
 *
 * <ol>
 *   <li>the embedded ZooKeeper server, unless {@code zookeeper.connect} names an ensemble;</li>
 *   <li>storage: the log manager (recovering logs after a crash) and the group-commit flusher;</li>
 *   <li>the Netty listener (the port must be known before the broker registers it);</li>
 *   <li>cluster membership: ZooKeeper session, registration, controller election;</li>
 *   <li>the replica manager following partition state, then the request handlers;</li>
 *   <li>the offset cache (unless {@code cache.enabled=false}): its Hazelcast member starts in the
 *       background, the subscriptions publish their progress to it, DESCRIBE_SUBSCRIPTIONS reads it.</li>
 * </ol>
 *
 * {@link #close} stops it in reverse: stop accepting and reading requests, flush every log (so
 * waiting {@code acks=ALL} produces complete), answer waiting fetches, wait for in-flight requests,
 * leave the offset cache's cluster, close connections, close the logs (writing the clean-shutdown
 * marker), deregister, stop ZooKeeper.
 *
 * <p>Thread-safe: {@link #start} and {@link #close} are synchronized; {@link #close} is idempotent.
 */
public final class PartitaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PartitaBroker.class);

    /** Subdirectory of the data directory holding the embedded ZooKeeper's files. */
    public static final String ZOOKEEPER_DIR = "zookeeper";

    private final BrokerConfig config;
    private final FileIO io;
    private final Clock clock;

    private EmbeddedZooKeeper embeddedZooKeeper;
    private LogManager logManager;
    private GroupCommitFlusher flusher;
    private PartitionExecutors partitionExecutors;
    private DelayedOperations delayed;
    private DelayedOperationsDriver delayedDriver;
    private Authenticator authenticator;
    private RequestDispatcher dispatcher;
    private NettyServer server;
    private ClusterCoordinator coordinator;
    private ReplicaManager replicaManager;
    private TopicService topicService;
    private RetentionManager retention;
    private SubscriptionManager subscriptions;
    private OffsetCache offsetCache;
    private InetSocketAddress boundAddress;
    private String zookeeperConnect;
    private boolean started;
    private boolean closed;

    public PartitaBroker(BrokerConfig config) {
        this(config, FileIO.real(), Clock.systemUTC());
    }

    /** With an injected file layer (fault injection in tests) and clock. */
    public PartitaBroker(BrokerConfig config, FileIO io, Clock clock) {
        this.config = config;
        this.io = io;
        this.clock = clock;
    }

    /**
     * Starts every part; on failure stops what was started and rethrows.
     *
     * @throws IllegalStateException if started twice
     */
    public synchronized PartitaBroker start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        try {
            doStart();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("Interrupted while starting", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        } catch (Exception e) {
            // Netty rethrows a bind failure (port in use) as the checked exception it is.
            close();
            throw new IllegalStateException("Cannot start broker " + config.brokerId() + ": " + e, e);
        }
        return this;
    }

    private void doStart() throws InterruptedException {
        Path dataDir = config.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir, e);
        }
        zookeeperConnect = config.zookeeperConnect();
        if (config.embeddedZooKeeper()) {
            embeddedZooKeeper = new EmbeddedZooKeeper(dataDir.resolve(ZOOKEEPER_DIR), config.host(), config.zookeeperEmbeddedPort());
            try {
                embeddedZooKeeper.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the embedded ZooKeeper on port " + config.zookeeperEmbeddedPort(), e);
            }
            zookeeperConnect = embeddedZooKeeper.connectString();
        }

        logManager = LogManager.open(dataDir, io, clock, config.logDefaults());
        flusher = logManager.flusher();
        if (!logManager.hadCleanShutdown() && !logManager.allLogs().isEmpty()) {
            log.warn("No clean-shutdown marker in {}: logs were recovered", dataDir);
        }
        flusher.start();

        partitionExecutors = new PartitionExecutors(config.numPartitionThreads());
        delayed = new DelayedOperations();
        delayedDriver = new DelayedOperationsDriver(delayed, clock);
        delayedDriver.start();

        authenticator = new Authenticator(loadUsers(), config.allowAnonymous());
        dispatcher = new RequestDispatcher(authenticator, config.requestMaxHandlingMs(), List.of(
                new ApiVersionsHandler(), new SaslHandshakeHandler(), new SaslAuthenticateHandler()));
        server = new NettyServer(dispatcher, config.maxFrameBytes(), config.numIoThreads(), config.maxInFlightRequestBytes());
        boundAddress = server.start(config.host(), config.port());

        BrokerRegistration self = new BrokerRegistration(config.brokerId(), config.advertisedHost(),
                boundAddress.getPort(), config.rack().orElse(null));
        coordinator = ClusterCoordinator.start(new ClusterCoordinator.Settings(zookeeperConnect, ZkPaths.DEFAULT_ROOT, self,
                Duration.ofMillis(config.zookeeperSessionTimeoutMs()), Duration.ofMillis(config.zookeeperConnectionTimeoutMs())));

        replicaManager = new ReplicaManager(config.brokerId(), logManager, partitionExecutors, delayed, this::logConfigFor,
                coordinator.partitionStates()::state, coordinator::isConnected);
        flusher.addListener(replicaManager);
        coordinator.partitionStates().addListener(replicaManager);
        replicaManager.applyAll(coordinator.partitionStates().allStates());

        topicService = new TopicService(config, coordinator.topics(), coordinator.partitionStates(),
                coordinator.brokers(), coordinator.election());
        List<RequestHandler<?>> handlers = List.of(
                new MetadataHandler(topicService),
                new CreateTopicsHandler(topicService),
                new DeleteTopicsHandler(topicService),
                new ProduceHandler(topicService, new Appender(replicaManager, clock),
                        new DestinationQuota(config.destinationMaxUnconsumedBytes(), config.destinationFullBlockMs())),
                new FetchHandler(topicService, new Fetcher(replicaManager, clock)),
                new ListOffsetsHandler(topicService, replicaManager));
        dispatcher.install(handlers);
        subscriptions = new SubscriptionManager(replicaManager, logManager, config.logDefaults(), new DeliveryConfig(
                DeliveryConfig.DEFAULT_MAX_DELIVERY_COUNT, config.sessionLeaseTimeoutMs(),
                Math.max(DeliveryConfig.DEFAULT_SESSION_RETENTION_MS, config.sessionLeaseTimeoutMs())), clock).start();
        flusher.addListener(subscriptions);
        replicaManager.useRetentionFloor(subscriptions); // full destinations are measured from it
        dispatcher.install(SubscriptionHandlers.all(subscriptions, topicService, coordinator));
        offsetCache = startOffsetCache();
        if (config.offsetCache().enabled()) {
            subscriptions.publishOffsetsTo(offsetCache); // disabled: not even computed
        }
        dispatcher.install(List.of(new DescribeSubscriptionsHandler(offsetCache, coordinator.topics()::topics, config.brokerId())));
        dispatcher.markReady();

        retention = new RetentionManager(replicaManager, config.retentionCheckIntervalMs(), subscriptions);
        retention.start(clock);
        log.info(describe());
    }

    /** The offset cache: its Hazelcast member starts in the background, so the broker serves meanwhile. */
    private OffsetCache startOffsetCache() {
        OffsetCacheConfig settings = config.offsetCache();
        if (!settings.enabled()) {
            return OffsetCaches.startOrNoOp(settings, coordinator.cacheMembers(), config.brokerId(), ZkPaths.DEFAULT_ROOT);
        }
        return new BackgroundOffsetCache(() -> OffsetCaches.startOrNoOp(settings, coordinator.cacheMembers(),
                config.brokerId(), ZkPaths.DEFAULT_ROOT), OffsetCaches.START_RETRY_DELAY);
    }

    private Optional<UserStore> loadUsers() {
        if (config.usersFile().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UserStore.load(config.usersFile().get()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the users file " + config.usersFile().get(), e);
        }
    }

    /** Broker log defaults overlaid with the destination's own configs. */
    private LogConfig logConfigFor(String logId) {
        Optional<TopicInfo> topic = coordinator.topics().topics().stream().filter(t -> t.logId().equals(logId)).findFirst();
        if (topic.isEmpty()) {
            topic = coordinator.topics().readTopics().stream().filter(t -> t.logId().equals(logId)).findFirst();
        }
        return topic.map(t -> LogConfig.fromProperties(t.configs(), config.logDefaults())).orElse(config.logDefaults());
    }

    /** One line saying where the broker listens, for humans. */
    public synchronized String describe() {
        String zk = embeddedZooKeeper != null ? "ZooKeeper embedded at " + zookeeperConnect : "ZooKeeper " + zookeeperConnect;
        return "Partita broker " + config.brokerId() + " listening on " + config.host() + ":" + port()
                + " (data " + config.dataDir() + ", " + zk + ")";
    }

    public BrokerConfig config() {
        return config;
    }

    /** The port the broker listens on (the one picked when the config says 0). */
    public synchronized int port() {
        if (boundAddress == null) {
            throw new IllegalStateException("not started");
        }
        return boundAddress.getPort();
    }

    /** {@code host:port} for clients. */
    public String bootstrapServers() {
        return config.advertisedHost() + ":" + port();
    }

    /** The ZooKeeper connect string in use (the embedded server's when there is one). */
    public synchronized String zookeeperConnect() {
        return zookeeperConnect;
    }

    public synchronized ReplicaManager replicaManager() {
        return replicaManager;
    }

    public synchronized ClusterCoordinator coordinator() {
        return coordinator;
    }

    /** The offset cache this broker publishes to and answers DescribeSubscriptions from (null before start). */
    public synchronized OffsetCache offsetCache() {
        return offsetCache;
    }

    /** Stops the broker cleanly (see the class comment). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = clock.millis() + config.shutdownTimeoutMs();
        if (server != null) {
            server.stopAccepting();
            server.pauseReading();
        }
        if (retention != null) {
            retention.close();
        }
        if (replicaManager != null) {
            replicaManager.flushAll();
        }
        closeQuietly(subscriptions, "subscriptions");
        closeQuietly(offsetCache, "offset cache"); // leaves the Hazelcast cluster while ZooKeeper is still there
        if (delayed != null) {
            delayed.completeAll();
        }
        if (dispatcher != null) {
            awaitInFlight(deadline);
        }
        closeQuietly(server, "network server");
        closeQuietly(delayedDriver, "delayed operations");
        if (replicaManager != null) {
            replicaManager.close();
        }
        closeQuietly(partitionExecutors, "partition threads");
        closeQuietly(logManager, "logs");
        closeQuietly(topicService, "topic service");
        closeQuietly(coordinator, "cluster membership");
        closeQuietly(authenticator, "authenticator");
        closeQuietly(embeddedZooKeeper, "embedded ZooKeeper");
        log.info("Partita broker {} stopped", config.brokerId());
    }

    private void awaitInFlight(long deadline) {
        while (dispatcher.inFlight() > 0 && clock.millis() < deadline) {
            try {
                Thread.sleep(10); // shutdown only: a handful of polls at most
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (dispatcher.inFlight() > 0) {
            log.warn("{} requests still in flight at shutdown; their connections are closed", dispatcher.inFlight());
        }
    }

    private static void closeQuietly(AutoCloseable part, String what) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            log.warn("Closing the {} failed", what, e);
        }
    }
}
