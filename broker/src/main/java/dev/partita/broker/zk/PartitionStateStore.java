package dev.partita.broker.zk;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partition state (replicas, leader, leader epoch, ISR) of every log, under {@code logs/}.
 *
 * <p>Every broker reads and watches it (a {@link org.apache.curator.framework.recipes.cache.CuratorCache}
 * of the subtree) to learn which partitions it leads, and waits here for a new destination's leaders.
 * Only the controller writes it, through {@link PartitionStateWriter}.
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
