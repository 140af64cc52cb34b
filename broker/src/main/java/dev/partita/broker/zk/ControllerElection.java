package dev.partita.broker.zk;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects the cluster's controller with Curator's {@link LeaderLatch} (participant id = broker id)
 * and gives each new controller a higher controller epoch.
 *
 * <p>On winning the latch this broker bumps {@code controller_epoch} with one multi-op that checks
 * the node's version (compare-and-set) and that its own latch node still exists (so a broker whose
 * session already expired cannot bump after its successor). The resulting
 * {@link ControllerEpochFence} goes with every controller write; a newer controller's bump changes
 * the node's version, which fails the deposed controller's writes.
 *
 * <p>Thread-safe. Latch callbacks, the bump and the listener calls run on one thread
 * ({@code partita-controller-election}). {@link #controllerId()} and {@link #controllerEpoch()} come
 * from a cache of {@code controller_epoch}: they name the last controller that bumped the epoch,
 * which may have died since (no one else elected yet).
 */
public final class ControllerElection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControllerElection.class);
    private static final long BUMP_RETRY_MS = 200;

    private final CuratorFramework client;
    private final ZkPaths paths;
    private final int brokerId;
    private final List<ControllerListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread;
    private final ZkCache epochCache;
    private volatile ZkCodec.ControllerEpoch lastSeen = new ZkCodec.ControllerEpoch(0, -1);
    private volatile ControllerEpochFence fence;
    private volatile boolean closed;
    private volatile LeaderLatch latch;

    public ControllerElection(CuratorFramework client, ZkPaths paths, int brokerId) {
        this.client = client;
        this.paths = paths;
        this.brokerId = brokerId;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "partita-controller-election-" + brokerId);
            t.setDaemon(true);
            return t;
        });
        this.epochCache = new ZkCache(client, paths.controllerEpoch(), change -> {
            if (change.after() != null && change.after().getData() != null) {
                lastSeen = ZkCodec.decodeControllerEpoch(change.after().getData());
            }
        }, () -> { });
    }

    /** Joins the election. Listeners added before this hear every change. */
    public synchronized void start() {
        ZkSupport.ensureBasePaths(client, paths);
        epochCache.start();
        latch = new LeaderLatch(client, paths.controllerElection(), String.valueOf(brokerId));
        latch.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                takeOver();
            }

            @Override
            public void notLeader() {
                resign("lost the election latch");
            }
        }, thread);
        ZkSupport.call("join controller election", () -> {
            latch.start();
            return null;
        });
    }

    public void addListener(ControllerListener listener) {
        listeners.add(listener);
    }

    /** True while this broker holds the latch and has bumped the epoch. */
    public boolean isController() {
        LeaderLatch current = latch;
        return fence != null && current != null && current.hasLeadership();
    }

    /** The fence of this broker's current term as controller, or null if it is not the controller. */
    public ControllerEpochFence fence() {
        return isController() ? fence : null;
    }

    /** Id of the broker that last became controller, or -1 if none ever did. */
    public int controllerId() {
        ControllerEpochFence mine = fence;
        return mine != null ? mine.controllerId() : lastSeen.controllerId();
    }

    /** The highest controller epoch seen (0 before the first election). */
    public int controllerEpoch() {
        ControllerEpochFence mine = fence;
        return Math.max(mine != null ? mine.epoch() : 0, lastSeen.epoch());
    }

    public int brokerId() {
        return brokerId;
    }

    private void takeOver() {
        if (closed || !latch.hasLeadership()) {
            return;
        }
        try {
            ControllerEpochFence won = bumpEpoch();
            fence = won;
            log.info("Broker {} is now the controller with epoch {}", brokerId, won.epoch());
            for (ControllerListener listener : listeners) {
                try {
                    listener.onElected(won);
                } catch (RuntimeException e) {
                    log.error("Controller listener failed on election", e);
                }
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
            log.warn("Broker {} won the latch but could not bump the controller epoch; retrying: {}", brokerId, e.toString());
            if (!closed) {
                try {
                    thread.schedule(this::takeOver, BUMP_RETRY_MS, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    // closed meanwhile: nothing to retry
                }
            }
        }
    }

    private ControllerEpochFence bumpEpoch() throws Exception {
        String ourLatchNode = latch.getOurPath();
        Stat stat = new Stat();
        byte[] current = null;
        try {
            current = client.getData().storingStatIn(stat).forPath(paths.controllerEpoch());
        } catch (KeeperException.NoNodeException firstController) {
            // the cluster's first controller creates the node below
        }
        int nextEpoch = current == null ? 1 : ZkCodec.decodeControllerEpoch(current).epoch() + 1;
        byte[] value = ZkCodec.encode(new ZkCodec.ControllerEpoch(nextEpoch, brokerId));
        CuratorOp write = current == null
                ? client.transactionOp().create().forPath(paths.controllerEpoch(), value)
                : client.transactionOp().setData().withVersion(stat.getVersion()).forPath(paths.controllerEpoch(), value);
        client.transaction().forOperations(client.transactionOp().check().forPath(ourLatchNode), write);
        int newVersion = current == null ? 0 : stat.getVersion() + 1;
        return new ControllerEpochFence(nextEpoch, newVersion, brokerId);
    }

    private void resign(String why) {
        ControllerEpochFence old = fence;
        if (old == null) {
            return;
        }
        fence = null;
        log.info("Broker {} is no longer the controller (epoch {}): {}", brokerId, old.epoch(), why);
        for (ControllerListener listener : listeners) {
            try {
                listener.onResigned();
            } catch (RuntimeException e) {
                log.error("Controller listener failed on resignation", e);
            }
        }
    }

    /** Leaves the election; a controller resigns first (its listeners hear it). Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            thread.submit(() -> resign("closing")).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Resigning on close did not finish cleanly", e);
        }
        synchronized (this) {
            if (latch != null) {
                try {
                    latch.close();
                } catch (IOException | IllegalStateException e) {
                    log.warn("Closing the election latch failed", e);
                }
            }
        }
        epochCache.close();
        thread.shutdownNow();
    }
}
