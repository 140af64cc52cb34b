package dev.partita.broker.subscription;

import dev.partita.broker.NamedThreadFactory;
import dev.partita.broker.delivery.ConnectionId;
import dev.partita.broker.delivery.DeliveryConfig;
import dev.partita.broker.delivery.DeliveryLeader;
import dev.partita.broker.delivery.Run;
import dev.partita.broker.delivery.SessionId;
import dev.partita.broker.delivery.StateLog.StateKey;
import dev.partita.broker.partition.Appender;
import dev.partita.broker.partition.Partition;
import dev.partita.broker.partition.ReplicaManager;
import dev.partita.broker.partition.RetentionFloor;
import dev.partita.broker.server.handler.TopicService;
import dev.partita.broker.zk.LogPartition;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.Errors;
import dev.partita.storage.log.Log;
import dev.partita.storage.log.LogConfig;
import dev.partita.storage.manager.FlushListener;
import dev.partita.storage.manager.LogManager;
import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions this broker serves as partition leader: one {@link StatePartition} (with its
 * {@code p.state} log, {@code <logId>.state-<partition>} in the data directory) per data partition
 * it leads, created on first use; the connections' signs of life; a timer that runs each state
 * partition's lease upkeep on the partition's thread; and the flush listener that commits state
 * records once the state log is fsynced.
 *
 * <p>Thread-safe: the maps are concurrent; every state partition is used only on its data
 * partition's thread ({@link #onLeaderThread}).
 */
public final class SubscriptionManager implements FlushListener, RetentionFloor, AutoCloseable {

    /** Suffix of a data partition's log id that names its state log. */
    public static final String STATE_LOG_SUFFIX = ".state";

    private static final Logger log = LoggerFactory.getLogger(SubscriptionManager.class);

    /** What a task on the partition thread gets: the led data partition and its state partition. */
    record Led(Partition data, StatePartition state) {
    }

    private final ReplicaManager replicas;
    private final LogManager logManager;
    private final LogConfig stateLogConfig;
    private final DeliveryConfig deliveryConfig;
    private final Clock clock;
    private final Map<LogPartition, StatePartition> states = new ConcurrentHashMap<>();
    /** State log -> its data partition, for flush callbacks; guarded by itself. */
    private final Map<Log, LogPartition> byLog = new IdentityHashMap<>();
    private final Map<ConnectionId, Long> lastSeen = new ConcurrentHashMap<>();
    private final Set<SessionId> expiredSessions = ConcurrentHashMap.newKeySet();
    /** Where each private subscription was created, so closing its consumer can drop it everywhere. */
    private final Map<StateKey, Set<LogPartition>> privatePartitions = new ConcurrentHashMap<>();
    private final ConsumerSelectors selectors = new ConsumerSelectors();
    /** Connections whose silence past a lease was reported to the registries (until they speak again). */
    private final Set<ConnectionId> expiredConnections = ConcurrentHashMap.newKeySet();
    private volatile Registries registries;
    private volatile Predicate<String> isQueueLog = logId -> false;
    private volatile Function<String, Map<String, String>> destinationConfigs = logId -> Map.of();
    private volatile DeadLetters deadLetters;
    private volatile TemporaryDestinations temporaries;
    private volatile OffsetPublisher offsets;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(NamedThreadFactory.single("partita-subscription-leases").daemon());

    public SubscriptionManager(ReplicaManager replicas, LogManager logManager, LogConfig stateLogConfig,
                               DeliveryConfig deliveryConfig, Clock clock) {
        this.replicas = replicas;
        this.logManager = logManager;
        this.stateLogConfig = stateLogConfig;
        this.deliveryConfig = deliveryConfig;
        this.clock = clock;
    }

    /** Starts the lease timer (a tick every fifth of the lease timeout, at most every second). */
    public SubscriptionManager start() {
        long tick = Math.max(10, Math.min(1000, deliveryConfig.leaseTimeoutMs() / 5));
        timer.scheduleWithFixedDelay(this::tickAll, tick, tick, TimeUnit.MILLISECONDS);
        return this;
    }

    ConsumerSelectors selectors() {
        return selectors;
    }

    public DeliveryConfig deliveryConfig() {
        return deliveryConfig;
    }

    ReplicaManager replicas() {
        return replicas;
    }

    long nowMs() {
        return clock.millis();
    }

    Clock clock() {
        return clock;
    }

    /** The temporary destinations this broker holds: they go with their owner's lease. */
    void useTemporaryDestinations(TemporaryDestinations temporaries) {
        this.temporaries = temporaries;
    }

    /** The registries whose consumers and client IDs a silent connection loses. */
    void useRegistries(Registries registries) {
        this.registries = registries;
    }

    /** A request or heartbeat of {@code connection} arrived: its sessions' leases go on. */
    void touch(ConnectionId connection) {
        lastSeen.put(connection, clock.millis());
        expiredConnections.remove(connection);
    }

    /** Whether a lease expiry of {@code session} was committed on this broker since the last call that said so. */
    boolean takeLeaseExpired(SessionId session) {
        return expiredSessions.remove(session);
    }

    /** The state partition's change counter (-1 when it does not exist), for parked acquires. */
    long version(LogPartition id) {
        StatePartition state = states.get(id);
        return state == null ? -1 : state.version();
    }

    /**
     * Runs {@code task} on the partition's thread with the partition led by this broker and its
     * state rebuilt for the current leader epoch; fails with NOT_LEADER_OR_FOLLOWER otherwise.
     */
    <T> CompletableFuture<T> onLeaderThread(LogPartition id, Function<Led, CompletableFuture<T>> task) {
        return replicas.onPartitionThread(id, () -> {
            if (!replicas.mayLead()) {
                throw new ApiException(Errors.NOT_LEADER_OR_FOLLOWER, "Broker " + replicas.brokerId()
                        + " is disconnected from ZooKeeper and takes no writes until it reconnects");
            }
            Partition data = replicas.leaderPartitionCaughtUp(id).orElseThrow(() -> new ApiException(
                    Errors.NOT_LEADER_OR_FOLLOWER, "Broker " + replicas.brokerId() + " is not the leader of " + id));
            StatePartition state = states.computeIfAbsent(id, this::open);
            state.lead(data.leaderEpoch(), clock.millis());
            return task.apply(new Led(data, state));
        }).thenCompose(Function.identity());
    }

    /**
     * Creates the subscription on one partition unless it exists: a queue's starts at the log
     * start (it has every message of the queue), others at the log end (nothing sent after the
     * subscribe returns is missed). Completes with its start once committed.
     */
    CompletableFuture<Long> subscribe(LogPartition id, StateKey key, boolean fromLogStart, boolean registered) {
        return onLeaderThread(id, led -> {
            if (registered) {
                led.state().dropOtherGenerations(key); // a replaced generation is never served again
            }
            DeliveryLeader existing = led.state().leader(key).orElse(null);
            if (existing != null) {
                return CompletableFuture.completedFuture(existing.state().start());
            }
            long start = fromLogStart ? led.data().logStartOffset() : led.data().logEndOffset();
            return led.state().create(key, start).thenApply(result -> start);
        });
    }

    /** Remembers a private subscription's partitions (see {@link #dropPrivate}). */
    void privateSubscribed(StateKey key, LogPartition id) {
        privatePartitions.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(id);
    }

    /**
     * Ends a private subscription (its consumer closed) on every partition it was created on.
     *
     * @return whether this broker knew it
     */
    CompletableFuture<Boolean> dropPrivate(StateKey key) {
        TemporaryDestinations temporary = temporaries;
        if (temporary != null && temporary.isLiveQueueSubscription(key)) {
            return CompletableFuture.completedFuture(true); // a temporary queue's subscription outlives its consumers
        }
        Set<LogPartition> partitions = privatePartitions.remove(key);
        selectors.forget(key);
        if (partitions == null) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<?>[] drops = partitions.stream().map(id -> onLeaderThread(id, led -> {
            led.state().drop(key);
            return CompletableFuture.completedFuture(null);
        }).exceptionally(failure -> null)).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(drops).thenApply(ignored -> true);
    }

    /**
     * Forgets the delivery state of a deleted durable subscription on the partitions this broker
     * leads, so it no longer holds their retention floor (nor keeps them full: produces waiting for
     * space are woken). In memory only: after a restart the state log brings it back (a limit, see
     * broker/README.md).
     */
    CompletableFuture<Void> dropDeleted(dev.partita.broker.zk.SubscriptionInfo deleted) {
        StateKey key = StateKeys.of(deleted.key(), deleted.generation());
        CompletableFuture<?>[] drops = states.keySet().stream().filter(id -> id.logId().equals(deleted.logId()))
                .map(id -> onLeaderThread(id, led -> {
                    led.state().drop(key);
                    replicas.delayedOperations().wake(id);
                    return CompletableFuture.completedFuture(null);
                }).exceptionally(failure -> null))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(drops);
    }

    /**
     * The destinations' configs by log id ({@code max.delivery.count}, {@code dead.letter.queue})
     * and the topic service that resolves dead-letter queues: from now on messages that reach their
     * maximum delivery count are moved to the dead-letter queue.
     */
    void useDestinations(TopicService topics, Function<String, Map<String, String>> configs) {
        this.destinationConfigs = configs;
        this.deadLetters = new DeadLetters(this, topics, new Appender(replicas, clock), configs);
    }

    /**
     * From now on the lease timer also publishes each led partition's subscription progress to
     * {@code cache} (see {@link OffsetPublisher}); nothing here reads it back.
     */
    public void publishOffsetsTo(dev.partita.broker.cache.OffsetCache cache) {
        this.offsets = new OffsetPublisher(cache);
    }

    /** Tells which logs are queues' (their subscription exists, and holds retention, from the start). */
    void useQueueLogs(Predicate<String> isQueueLog) {
        this.isQueueLog = isQueueLog;
    }

    /**
     * Partition thread (retention): the lowest start of the partition's queue and durable
     * subscriptions; a queue whose subscription has no state yet keeps everything. A partition
     * with a state log but no state loaded yet (after a restart) is replayed first, so retention
     * never runs ahead of subscriptions it has not seen.
     */
    @Override
    public long floor(Partition partition) {
        LogPartition id = partition.id();
        boolean queue = isQueueLog.test(id.logId());
        StatePartition state = states.get(id);
        if (state == null && logManager.getLog(id.logId() + STATE_LOG_SUFFIX, id.partition()).isPresent()) {
            state = states.computeIfAbsent(id, this::open);
        }
        if (!partition.isLeader()) {
            return partition.logStartOffset(); // only leaders delete; keep everything otherwise
        }
        if (state == null) {
            return queue ? partition.logStartOffset() : Long.MAX_VALUE;
        }
        state.lead(partition.leaderEpoch(), clock.millis());
        long floor = state.retentionFloor();
        return queue && !state.hasQueueSubscription() ? Math.min(floor, partition.logStartOffset()) : floor;
    }

    private StatePartition open(LogPartition id) {
        Log stateLog = logManager.getOrCreateLog(id.logId() + STATE_LOG_SUFFIX, id.partition(), stateLogConfig);
        synchronized (byLog) {
            byLog.put(stateLog, id);
        }
        DeliveryConfig config = new DeliveryConfig(
                DeadLetters.maxDeliveryCount(destinationConfigs.apply(id.logId()), deliveryConfig.maxDeliveryCount()),
                deliveryConfig.leaseTimeoutMs(), deliveryConfig.sessionRetentionMs());
        return new StatePartition(stateLog, config, expiredSessions::add,
                () -> replicas.delayedOperations().wake(id));
    }

    /** Flusher thread: commits the state records the flush made durable, on the partition's thread. */
    @Override
    public void onFlushed(Log flushedLog, long flushedOffset) {
        LogPartition id;
        synchronized (byLog) {
            id = byLog.get(flushedLog);
        }
        if (id == null) {
            return;
        }
        replicas.executors().execute(id, () -> {
            StatePartition state = states.get(id);
            if (state != null) {
                state.checkCommitted();
            }
        });
    }

    private void tickAll() {
        long now = clock.millis();
        lastSeen.values().removeIf(seen -> seen + deliveryConfig.sessionRetentionMs() < now);
        Registries known = registries;
        if (known != null) {
            lastSeen.forEach((connection, seen) -> {
                if (seen + deliveryConfig.leaseTimeoutMs() <= now && expiredConnections.add(connection)) {
                    known.expire(connection);
                    TemporaryDestinations temporary = temporaries;
                    if (temporary != null) {
                        temporary.expire(connection);
                    }
                }
            });
        }
        for (Map.Entry<LogPartition, StatePartition> entry : states.entrySet()) {
            replicas.executors().execute(entry.getKey(), () -> {
                try {
                    Partition led = replicas.leaderPartition(entry.getKey()).orElse(null);
                    if (led != null) {
                        entry.getValue().tick(clock.millis(), lastSeen::get);
                        moveDeadLetters(led, entry.getValue());
                    }
                    publishOffsets(entry.getKey(), led, entry.getValue());
                } catch (RuntimeException e) {
                    log.warn("Lease upkeep of {} failed: {}", entry.getKey(), e.toString());
                }
            });
        }
    }

    /** Partition thread: the offset cache learns this partition's progress (off every request's path). */
    private void publishOffsets(LogPartition id, Partition led, StatePartition state) {
        OffsetPublisher publisher = offsets;
        if (publisher == null) {
            return;
        }
        if (led == null) {
            publisher.forget(id);
        } else {
            publisher.publish(led, state, clock.millis());
        }
    }

    /** Partition thread: starts moving what reached the maximum delivery count (each run once at a time). */
    private void moveDeadLetters(Partition led, StatePartition state) {
        DeadLetters movers = deadLetters;
        if (movers == null) {
            return;
        }
        state.leaders().forEach((key, leader) -> {
            List<Run> pending = leader.state().deadLetterPending();
            if (!pending.isEmpty()) {
                movers.move(led, key, pending);
            }
        });
    }

    /**
     * Stops the timer, flushes every state log (answering what that commits) and fails what still
     * waits; the logs themselves are closed by the log manager.
     */
    @Override
    public void close() {
        timer.shutdownNow();
        Registries known = registries;
        if (known != null) {
            known.close();
        }
        for (Map.Entry<LogPartition, StatePartition> entry : states.entrySet()) {
            replicas.executors().execute(entry.getKey(), () -> {
                StatePartition state = entry.getValue();
                try {
                    state.stateLog().flush();
                    state.checkCommitted();
                } catch (RuntimeException e) {
                    log.warn("Flushing the state log of {} at shutdown failed: {}", entry.getKey(), e.toString());
                }
                state.failPending(new IllegalStateException("the broker is shutting down"));
            });
        }
    }
}
