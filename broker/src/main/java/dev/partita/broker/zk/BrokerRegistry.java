package dev.partita.broker.zk;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live brokers of the cluster. Each broker registers itself as an ephemeral node
 * {@code brokers/ids/<id>} through Curator's {@link PersistentNode}, which creates the node again
 * after a session loss; the node disappears when the broker's session ends, which is how the
 * controller learns that a broker died. Everyone's view of the live set comes from a
 * {@link org.apache.curator.framework.recipes.cache.CuratorCache}.
 *
 * <p>Thread-safe. Listeners run on the cache thread.
 */
public final class BrokerRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerRegistry.class);

    private final CuratorFramework client;
    private final ZkPaths paths;
    private final ZkCache cache;
    private final List<BrokerListener> listeners = new CopyOnWriteArrayList<>();
    private volatile SortedMap<Integer, BrokerRegistration> live = Collections.emptySortedMap();
    private PersistentNode registration;

    public BrokerRegistry(CuratorFramework client, ZkPaths paths) {
        this.client = client;
        this.paths = paths;
        this.cache = new ZkCache(client, paths.brokerIds(), change -> refresh(false), () -> refresh(true));
    }

    /** Starts watching the live brokers (creates the base paths if this is a new cluster). */
    public void start() {
        ZkSupport.ensureBasePaths(client, paths);
        cache.start();
    }

    public void awaitInitialized(Duration timeout) {
        cache.awaitInitialized(timeout);
    }

    /**
     * Registers this broker and waits until its node exists. The node is kept (re-created after a
     * session loss) until {@link #close}.
     *
     * <p>If another session holds this broker id's node (a crashed earlier run whose session has not
     * timed out yet, or a second broker configured with the same id), it first waits up to
     * {@code waitForPrevious} for that node to go.
     *
     * @throws DuplicateBrokerIdException if the node is still held by another session after that wait
     */
    public synchronized void register(BrokerRegistration self, Duration timeout, Duration waitForPrevious) {
        if (registration != null) {
            throw new IllegalStateException("already registered");
        }
        awaitNoOtherOwner(self.id(), waitForPrevious);
        registration = new PersistentNode(client, CreateMode.EPHEMERAL, false, paths.broker(self.id()), ZkCodec.encode(self));
        registration.start();
        boolean created = ZkSupport.call("register broker " + self.id(),
                () -> registration.waitForInitialCreate(timeout.toMillis(), TimeUnit.MILLISECONDS));
        if (!created) {
            throw new CoordinationTimeoutException("Broker " + self.id() + " not registered within " + timeout);
        }
        log.info("Registered broker {} at {}:{}", self.id(), self.host(), self.port());
    }

    /** Registers without waiting for another session's node of the same id (see the 3-argument form). */
    public void register(BrokerRegistration self, Duration timeout) {
        register(self, timeout, Duration.ZERO);
    }

    private void awaitNoOtherOwner(int brokerId, Duration wait) {
        String path = paths.broker(brokerId);
        long deadline = System.nanoTime() + wait.toNanos();
        boolean logged = false;
        while (true) {
            java.util.concurrent.CountDownLatch changed = new java.util.concurrent.CountDownLatch(1);
            org.apache.zookeeper.data.Stat stat = ZkSupport.call("check broker " + brokerId,
                    () -> client.checkExists().usingWatcher((org.apache.zookeeper.Watcher) event -> changed.countDown()).forPath(path));
            long ours = ZkSupport.call("read session", () -> client.getZookeeperClient().getZooKeeper().getSessionId());
            if (stat == null || stat.getEphemeralOwner() == ours) {
                return;
            }
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                throw new DuplicateBrokerIdException("Broker id " + brokerId + " is registered by another ZooKeeper session (0x"
                        + Long.toHexString(stat.getEphemeralOwner()) + "): another broker uses this id, or a crashed run's"
                        + " session has not expired yet (waited " + wait + ")");
            }
            if (!logged) {
                log.warn("Broker id {} is still registered by session 0x{}; waiting up to {} for it to go",
                        brokerId, Long.toHexString(stat.getEphemeralOwner()), wait);
                logged = true;
            }
            ZkSupport.call("wait for broker " + brokerId + " to deregister",
                    () -> changed.await(leftMs, TimeUnit.MILLISECONDS));
        }
    }

    /** Every live broker by id, as last seen by the cache. */
    public SortedMap<Integer, BrokerRegistration> liveBrokers() {
        return live;
    }

    public Optional<BrokerRegistration> broker(int id) {
        return Optional.ofNullable(live.get(id));
    }

    /** The live brokers read from ZooKeeper now, not from the cache (the controller plans from this). */
    public SortedMap<Integer, BrokerRegistration> readLiveBrokers() {
        return ZkSupport.call("read brokers", () -> {
            SortedMap<Integer, BrokerRegistration> result = new TreeMap<>();
            for (String child : client.getChildren().forPath(paths.brokerIds())) {
                try {
                    BrokerRegistration broker = ZkCodec.decodeBroker(client.getData().forPath(paths.brokerIds() + "/" + child));
                    result.put(broker.id(), broker);
                } catch (org.apache.zookeeper.KeeperException.NoNodeException gone) {
                    // died meanwhile
                }
            }
            return Collections.unmodifiableSortedMap(result);
        });
    }

    /** The live broker ids read from ZooKeeper now, not from the cache. */
    public List<Integer> readLiveBrokerIds() {
        return ZkSupport.call("list brokers", () -> client.getChildren().forPath(paths.brokerIds())).stream()
                .map(Integer::valueOf).sorted().toList();
    }

    public void addListener(BrokerListener listener) {
        listeners.add(listener);
    }

    public void removeListener(BrokerListener listener) {
        listeners.remove(listener);
    }

    private void refresh(boolean loaded) {
        SortedMap<Integer, BrokerRegistration> next = new TreeMap<>();
        String prefix = paths.brokerIds() + "/";
        cache.stream().filter(node -> node.getPath().startsWith(prefix)).forEach(node -> decode(node, next));
        SortedMap<Integer, BrokerRegistration> snapshot = Collections.unmodifiableSortedMap(next);
        boolean changed = !snapshot.equals(live);
        live = snapshot;
        if (!loaded && (!changed || !cache.isInitialized())) {
            return; // listeners hear the full set once the first load is done, then each change
        }
        for (BrokerListener listener : listeners) {
            try {
                listener.onBrokersChanged(snapshot);
            } catch (RuntimeException e) {
                log.error("Broker listener failed", e);
            }
        }
    }

    private static void decode(ChildData node, SortedMap<Integer, BrokerRegistration> into) {
        try {
            BrokerRegistration broker = ZkCodec.decodeBroker(node.getData());
            into.put(broker.id(), broker);
        } catch (CoordinationException e) {
            log.warn("Ignoring unreadable broker node {}: {}", node.getPath(), e.getMessage());
        }
    }

    /** Deregisters this broker (its node is deleted) and stops watching. */
    @Override
    public synchronized void close() {
        if (registration != null) {
            try {
                registration.close();
            } catch (java.io.IOException e) {
                if (client.getState() == org.apache.curator.framework.imps.CuratorFrameworkState.STARTED) {
                    log.warn("Removing this broker's registration failed", e);
                } // else the session is already closed, and its ephemeral node went with it
            }
            registration = null;
        }
        cache.close();
    }
}
