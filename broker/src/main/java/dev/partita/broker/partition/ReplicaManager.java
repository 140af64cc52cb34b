package dev.partita.broker.partition;

import dev.partita.broker.zk.LogPartition;
import dev.partita.broker.zk.PartitionState;
import dev.partita.broker.zk.PartitionStateListener;
import dev.partita.storage.log.Log;
import dev.partita.storage.log.LogConfig;
import dev.partita.storage.manager.FlushListener;
import dev.partita.storage.manager.LogManager;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions this broker hosts. Follows the partition state the controller writes (as a
 * {@link PartitionStateListener}): where this broker is named leader it opens or creates the local
 * log and makes it leader with the leader epoch; where another broker leads it stops taking writes;
 * where the state disappears (destination deleted) it deletes the local log. Every such change and
 * every write of a partition runs on that partition's thread.
 *
 * <p>Also the storage's {@link FlushListener}: a flush moves the high watermark of a single-replica
 * partition, which completes waiting {@code acks=ALL} produces and long-poll fetches.
 *
 * <p>Thread-safe: the partition map is concurrent; per-partition work is confined to its thread.
 */
public final class ReplicaManager implements PartitionStateListener, FlushListener {

    private static final Logger log = LoggerFactory.getLogger(ReplicaManager.class);

    private final int brokerId;
    private final LogManager logManager;
    private final PartitionExecutors executors;
    private final DelayedOperations delayed;
    private final Function<String, LogConfig> logConfigs;
    private final Function<LogPartition, Optional<PartitionState>> currentState;
    private final BooleanSupplier coordinationConnected;
    private final Map<LogPartition, Partition> partitions = new ConcurrentHashMap<>();
    /** Log -> partition, for flush callbacks; guarded by itself. */
    private final Map<Log, Partition> byLog = new IdentityHashMap<>();
    /** What unconsumed data holds in each partition; none until the subscriptions are wired in. */
    private volatile RetentionFloor retentionFloor = partition -> Long.MAX_VALUE;
    private volatile boolean closed;

    /**
     * @param logConfigs   the log settings of a log id (broker defaults overlaid with its destination's configs)
     * @param currentState the latest partition state this broker's ZooKeeper cache holds
     * @param coordinationConnected whether this broker is connected to ZooKeeper now
     */
    public ReplicaManager(int brokerId, LogManager logManager,
                          PartitionExecutors executors, DelayedOperations delayed,
                          Function<String, LogConfig> logConfigs,
                          Function<LogPartition, Optional<PartitionState>> currentState,
                          BooleanSupplier coordinationConnected) {
        this.brokerId = brokerId;
        this.logManager = logManager;
        this.executors = executors;
        this.delayed = delayed;
        this.logConfigs = logConfigs;
        this.currentState = currentState;
        this.coordinationConnected = coordinationConnected;
    }

    public int brokerId() {
        return brokerId;
    }

    public PartitionExecutors executors() {
        return executors;
    }

    public DelayedOperations delayedOperations() {
        return delayed;
    }

    /** The partition if this broker hosts it. */
    public Optional<Partition> partition(LogPartition id) {
        return Optional.ofNullable(partitions.get(id));
    }

    /** The partition if this broker leads it now. */
    public Optional<Partition> leaderPartition(LogPartition id) {
        Partition p = partitions.get(id);
        return p != null && p.isLeader() ? Optional.of(p) : Optional.empty();
    }

    /**
     * Partition thread only: the partition if this broker leads it, first applying the latest state
     * in the cache when its notification is still queued (a request right after the topic was
     * created must not bounce with NOT_LEADER_OR_FOLLOWER).
     */
    public Optional<Partition> leaderPartitionCaughtUp(LogPartition id) {
        Partition p = partitions.get(id);
        if (p != null && p.isLeader()) {
            return Optional.of(p);
        }
        currentState.apply(id).ifPresent(state -> apply(id, state));
        return leaderPartition(id);
    }

    /**
     * Whether this broker may take writes as a leader: only while connected to ZooKeeper. A broker
     * cut off from ZooKeeper cannot know whether the controller has moved its leaderships away
     * (its session may be expiring), so it refuses writes with a retriable error until it is back.
     */
    public boolean mayLead() {
        return coordinationConnected.getAsBoolean();
    }

    public Collection<Partition> partitions() {
        return List.copyOf(partitions.values());
    }

    /** The floor of the partitions' queue and durable subscriptions, for {@link #unconsumedBytes}. */
    public void useRetentionFloor(RetentionFloor floor) {
        this.retentionFloor = floor;
    }

    /**
     * Partition thread: the bytes of {@code partition} from its retention floor (oldest message a
     * queue or durable subscription has not consumed) to the log end; 0 when nothing holds it.
     */
    public long unconsumedBytes(Partition partition) {
        long floor = Math.max(retentionFloor.floor(partition), partition.logStartOffset());
        return floor >= partition.logEndOffset() ? 0 : partition.log().sizeInBytesFrom(floor);
    }

    /** Applies every state known at start (the listener then hears changes). */
    public void applyAll(Map<LogPartition, PartitionState> states) {
        states.forEach(this::onPartitionStateChanged);
    }

    @Override
    public void onPartitionStateChanged(LogPartition id, PartitionState state) {
        if (closed) {
            return;
        }
        executors.execute(id, () -> apply(id, state));
    }

    /** Partition thread. */
    private void apply(LogPartition id, PartitionState state) {
        if (closed) {
            return;
        }
        try {
            if (state == null) {
                removeAndDelete(id);
            } else if (state.leader() == brokerId) {
                Partition p = partitions.computeIfAbsent(id, this::open);
                if (p.makeLeader(state.leaderEpoch())) {
                    log.info("Leading {} in epoch {} from offset {}", id, state.leaderEpoch(), p.logEndOffset());
                    delayed.wake(id);
                }
            } else if (state.replicas().contains(brokerId)) {
                Partition p = partitions.computeIfAbsent(id, this::open);
                if (p.isLeader()) {
                    log.info("No longer leading {}: leader is now {} in epoch {}", id, state.leader(), state.leaderEpoch());
                }
                p.makeFollower(state.leaderEpoch());
                delayed.wake(id);
            } else {
                Partition p = partitions.remove(id);
                if (p != null) {
                    forget(p);
                    p.makeFollower(state.leaderEpoch());
                    delayed.wake(id);
                    log.info("{} moved off this broker; keeping its local log", id);
                }
            }
        } catch (RuntimeException e) {
            log.error("Applying the state of {} failed: {}", id, state, e);
        }
    }

    private Partition open(LogPartition id) {
        LogConfig config = logConfigs.apply(id.logId());
        Log partitionLog = logManager.getOrCreateLog(id.logId(), id.partition(), config); // updates a log opened with defaults
        Partition p = new Partition(id, partitionLog);
        synchronized (byLog) {
            byLog.put(partitionLog, p);
        }
        return p;
    }

    private void forget(Partition p) {
        synchronized (byLog) {
            byLog.remove(p.log());
        }
    }

    private void removeAndDelete(LogPartition id) {
        Partition p = partitions.remove(id);
        if (p != null) {
            forget(p);
            p.makeFollower(Integer.MAX_VALUE);
            delayed.wake(id);
        }
        if (logManager.getLog(id.logId(), id.partition()).isPresent()) {
            logManager.deleteLog(id.logId(), id.partition());
            log.info("Deleted the local log of {} (its destination was deleted)", id);
        }
    }

    /**
     * After an append on the partition thread: moves the high watermark if the append is already
     * durable (per-batch flush, or no flush policy). Under group commit the log itself asks the
     * flusher for an fsync, and {@link #onFlushed} moves the high watermark later.
     */
    void afterAppend(Partition p) {
        if (p.maybeAdvanceHighWatermark()) {
            delayed.wake(p.id());
        }
    }

    /** Flusher thread: hop to the partition's thread to move its high watermark. */
    @Override
    public void onFlushed(Log flushedLog, long flushedOffset) {
        Partition p;
        synchronized (byLog) {
            p = byLog.get(flushedLog);
        }
        if (p == null) {
            return;
        }
        executors.execute(p.id(), () -> {
            if (p.maybeAdvanceHighWatermark()) {
                delayed.wake(p.id());
            }
        });
    }

    /** Runs a task on a partition's thread. */
    public <T> CompletableFuture<T> onPartitionThread(LogPartition id, java.util.function.Supplier<T> task) {
        return executors.submit(id, task);
    }

    /**
     * Flushes every log and moves every high watermark (graceful shutdown: waiting {@code acks=ALL}
     * produces complete). Runs each partition's part on its thread and waits.
     */
    public void flushAll() {
        CompletableFuture<?>[] all = partitions.values().stream()
                .map(p -> executors.submit(p.id(), () -> {
                    p.log().flush();
                    if (p.maybeAdvanceHighWatermark()) {
                        delayed.wake(p.id());
                    }
                    return null;
                }))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(all).join();
        } catch (RuntimeException e) {
            log.warn("Flushing logs at shutdown failed", e);
        }
    }

    /** Stops following partition state; the logs themselves are closed by the log manager. */
    public void close() {
        closed = true;
    }
}
