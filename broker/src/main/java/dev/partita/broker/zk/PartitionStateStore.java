package dev.partita.broker.zk;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partition state (replicas, leader, leader epoch, ISR) of every log, under {@code logs/}.
 *
 * <p>Every broker reads and watches it (a {@link org.apache.curator.framework.recipes.cache.CuratorCache}
 * of the subtree) to learn which partitions it leads. Only the controller writes it, through the
 * {@code write*} methods taking its {@link ControllerEpochFence}: each write is one ZooKeeper
 * transaction whose first operation checks the version of {@code controller_epoch}, so once a newer
 * controller has bumped the epoch a deposed controller's writes fail with
 * {@link StaleControllerEpochException} and change nothing. State updates are also compare-and-set on
 * the state node's own version.
 *
 * <p>Thread-safe. Listeners run on the cache thread.
 */
public final class PartitionStateStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PartitionStateStore.class);

    private final CuratorFramework client;
    private final ZkPaths paths;
    private final ZkCache cache;
    private final Map<LogPartition, PartitionState> states = new ConcurrentHashMap<>();
    private final Map<String, String> errors = new ConcurrentHashMap<>();
    private final List<PartitionStateListener> listeners = new CopyOnWriteArrayList<>();
    private final Object changed = new Object();

    public PartitionStateStore(CuratorFramework client, ZkPaths paths) {
        this.client = client;
        this.paths = paths;
        this.cache = new ZkCache(client, paths.logs(), this::onChange, this::signal);
    }

    public void start() {
        ZkSupport.ensureBasePaths(client, paths);
        cache.start();
    }

    public void awaitInitialized(Duration timeout) {
        cache.awaitInitialized(timeout);
    }

    // ---- reads (from the cache) ----

    public Optional<PartitionState> state(LogPartition partition) {
        return Optional.ofNullable(states.get(partition));
    }

    /** The partitions of one log that the cache knows, by partition number. */
    public SortedMap<Integer, PartitionState> states(String logId) {
        SortedMap<Integer, PartitionState> result = new TreeMap<>();
        states.forEach((p, s) -> {
            if (p.logId().equals(logId)) {
                result.put(p.partition(), s);
            }
        });
        return result;
    }

    /** Every partition state the cache knows (a broker reconciles its local logs against this). */
    public Map<LogPartition, PartitionState> allStates() {
        return new HashMap<>(states);
    }

    /** Why the controller could not assign the log's replicas, if it recorded an error. */
    public Optional<String> assignmentError(String logId) {
        return Optional.ofNullable(errors.get(logId));
    }

    public void addListener(PartitionStateListener listener) {
        listeners.add(listener);
    }

    public void removeListener(PartitionStateListener listener) {
        listeners.remove(listener);
    }

    /**
     * Waits until each partition {@code 0..partitions-1} of the log has a leader.
     *
     * @return the states, by partition
     * @throws InvalidReplicationFactorException if the controller recorded that it cannot assign replicas
     * @throws CoordinationTimeoutException      if not every partition has a leader in time
     */
    public SortedMap<Integer, PartitionState> awaitLeaders(String logId, int partitions, Duration timeout) {
        return await(timeout, "leaders of log " + logId, () -> {
            String error = errors.get(logId);
            if (error != null) {
                throw new InvalidReplicationFactorException(error);
            }
            SortedMap<Integer, PartitionState> found = states(logId);
            for (int p = 0; p < partitions; p++) {
                PartitionState state = found.get(p);
                if (state == null || !state.hasLeader()) {
                    return null;
                }
            }
            return found;
        });
    }

    /** Waits until the controller has removed every partition of the log (after its destination was deleted). */
    public void awaitRemoved(String logId, Duration timeout) {
        await(timeout, "removal of log " + logId,
                () -> states(logId).isEmpty() && !errors.containsKey(logId) ? Boolean.TRUE : null);
    }

    private interface Condition<T> {
        T check(); // null = not yet
    }

    private <T> T await(Duration timeout, String what, Condition<T> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            while (true) {
                T result = condition.check();
                if (result != null) {
                    return result;
                }
                long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMs <= 0) {
                    throw new CoordinationTimeoutException("Timed out after " + timeout + " waiting for " + what);
                }
                try {
                    changed.wait(leftMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CoordinationException("Interrupted waiting for " + what, e);
                }
            }
        }
    }

    // ---- reads (from ZooKeeper, for the controller) ----

    /** Every log under {@code logs/} as ZooKeeper has it now. */
    public Map<String, LogSnapshot> readAll() {
        return ZkSupport.call("read partition states", () -> {
            Map<String, LogSnapshot> all = new HashMap<>();
            for (String logId : children(paths.logs())) {
                SortedMap<Integer, PartitionState> partitions = new TreeMap<>();
                for (String p : children(paths.partitions(logId))) {
                    int partition = Integer.parseInt(p);
                    Stat stat = new Stat();
                    try {
                        byte[] bytes = client.getData().storingStatIn(stat).forPath(paths.partitionState(logId, partition));
                        partitions.put(partition, ZkCodec.decodePartitionState(bytes, stat.getVersion()));
                    } catch (KeeperException.NoNodeException gone) {
                        // removed meanwhile
                    }
                }
                String error = null;
                try {
                    error = new String(client.getData().forPath(paths.logError(logId)), StandardCharsets.UTF_8);
                } catch (KeeperException.NoNodeException none) {
                    // no error recorded
                }
                all.put(logId, new LogSnapshot(logId, partitions, error));
            }
            return all;
        });
    }

    private List<String> children(String path) throws Exception {
        try {
            return client.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }

    // ---- writes (controller only, fenced) ----

    /** Creates the partition states of a newly assigned log (and clears an assignment error it had). */
    public void writeNewLog(ControllerEpochFence fence, String logId, Map<Integer, PartitionState> initial) {
        fencedWrite(fence, "create partition states of " + logId, () -> {
            List<CuratorOp> ops = new ArrayList<>();
            if (client.checkExists().forPath(paths.log(logId)) == null) {
                ops.add(client.transactionOp().create().forPath(paths.log(logId)));
            }
            if (client.checkExists().forPath(paths.logError(logId)) != null) {
                ops.add(client.transactionOp().delete().forPath(paths.logError(logId)));
            }
            ops.add(client.transactionOp().create().forPath(paths.partitions(logId)));
            for (Map.Entry<Integer, PartitionState> e : new TreeMap<>(initial).entrySet()) {
                ops.add(client.transactionOp().create().forPath(paths.partition(logId, e.getKey())));
                ops.add(client.transactionOp().create().forPath(paths.partitionState(logId, e.getKey()), ZkCodec.encode(e.getValue())));
            }
            return ops;
        });
    }

    /** Records why the log's replicas cannot be assigned; {@link #awaitLeaders} reports it. */
    public void writeAssignmentError(ControllerEpochFence fence, String logId, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        fencedWrite(fence, "record assignment error of " + logId, () -> {
            List<CuratorOp> ops = new ArrayList<>();
            if (client.checkExists().forPath(paths.log(logId)) == null) {
                ops.add(client.transactionOp().create().forPath(paths.log(logId)));
            }
            if (client.checkExists().forPath(paths.logError(logId)) == null) {
                ops.add(client.transactionOp().create().forPath(paths.logError(logId), text));
            } else {
                ops.add(client.transactionOp().setData().forPath(paths.logError(logId), text));
            }
            return ops;
        });
    }

    /** Replaces one partition's state if its node still has the version {@code current} was read at. */
    public void writeState(ControllerEpochFence fence, LogPartition partition, PartitionState current, PartitionState next) {
        fencedWrite(fence, "update state of " + partition, () -> List.of(client.transactionOp().setData()
                .withVersion(current.zkVersion())
                .forPath(paths.partitionState(partition.logId(), partition.partition()), ZkCodec.encode(next))));
    }

    /** Removes everything under {@code logs/<logId>} (its destination was deleted). */
    public void writeLogRemoval(ControllerEpochFence fence, String logId) {
        fencedWrite(fence, "remove log " + logId, () -> {
            List<CuratorOp> ops = new ArrayList<>();
            for (String p : children(paths.partitions(logId))) {
                int partition = Integer.parseInt(p);
                for (String child : children(paths.partition(logId, partition))) {
                    ops.add(client.transactionOp().delete().forPath(paths.partition(logId, partition) + "/" + child));
                }
                ops.add(client.transactionOp().delete().forPath(paths.partition(logId, partition)));
            }
            if (client.checkExists().forPath(paths.partitions(logId)) != null) {
                ops.add(client.transactionOp().delete().forPath(paths.partitions(logId)));
            }
            if (client.checkExists().forPath(paths.logError(logId)) != null) {
                ops.add(client.transactionOp().delete().forPath(paths.logError(logId)));
            }
            if (client.checkExists().forPath(paths.log(logId)) != null) {
                ops.add(client.transactionOp().delete().forPath(paths.log(logId)));
            }
            return ops;
        });
    }

    private interface OpsBuilder {
        List<CuratorOp> build() throws Exception;
    }

    private void fencedWrite(ControllerEpochFence fence, String what, OpsBuilder builder) {
        ZkSupport.call(what, () -> {
            List<CuratorOp> ops = new ArrayList<>();
            ops.add(client.transactionOp().check().withVersion(fence.zkVersion()).forPath(paths.controllerEpoch()));
            ops.addAll(builder.build());
            try {
                client.transaction().forOperations(ops);
                return null;
            } catch (KeeperException e) {
                Stat epoch = client.checkExists().forPath(paths.controllerEpoch());
                if (epoch == null || epoch.getVersion() != fence.zkVersion()) {
                    throw new StaleControllerEpochException("Controller epoch " + fence.epoch()
                            + " is stale: a newer controller was elected; " + what + " rejected");
                }
                throw new CoordinationException("Controller write (" + what + ") conflicted: " + e.getMessage(), e);
            }
        });
    }

    // ---- cache events ----

    private void onChange(ZkCache.Change change) {
        String path = change.path();
        if (!path.startsWith(paths.logs() + "/")) {
            return;
        }
        if (path.endsWith("/error") && path.equals(paths.logError(logIdOf(path)))) {
            String logId = logIdOf(path);
            if (change.after() != null) {
                errors.put(logId, new String(change.after().getData(), StandardCharsets.UTF_8));
            } else {
                errors.remove(logId);
            }
            signal();
            return;
        }
        Optional<LogPartition> partition = paths.partitionOf(path);
        if (partition.isEmpty()) {
            return;
        }
        PartitionState state = decode(change.after());
        if (state != null) {
            states.put(partition.get(), state);
        } else {
            states.remove(partition.get());
        }
        signal();
        for (PartitionStateListener listener : listeners) {
            try {
                listener.onPartitionStateChanged(partition.get(), state);
            } catch (RuntimeException e) {
                log.error("Partition state listener failed", e);
            }
        }
    }

    private String logIdOf(String path) {
        String rest = path.substring(paths.logs().length() + 1);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private void signal() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    private static PartitionState decode(ChildData node) {
        if (node == null || node.getData() == null) {
            return null;
        }
        try {
            return ZkCodec.decodePartitionState(node.getData(), node.getStat().getVersion());
        } catch (CoordinationException e) {
            log.warn("Ignoring unreadable partition state {}: {}", node.getPath(), e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        cache.close();
    }
}
