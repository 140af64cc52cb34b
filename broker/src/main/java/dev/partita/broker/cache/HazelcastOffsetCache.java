package dev.partita.broker.cache;

import com.hazelcast.cluster.Address;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.projection.Projections;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import dev.partita.broker.NamedThreadFactory;
import dev.partita.broker.zk.CacheMemberRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offset cache on an embedded Hazelcast member: one member per broker, members found through
 * ZooKeeper ({@link ZooKeeperDiscovery}), one distributed map {@value HazelcastMemberConfig#MAP_NAME}
 * from {@link OffsetKey} to {@link OffsetEntry}. The Hazelcast cluster is named after the ZooKeeper
 * root and the random cluster id kept in ZooKeeper, so two Partita clusters never merge.
 *
 * <p>Writes go through {@link OffsetWriter} (never blocking the caller); each is applied on the key's
 * owner only if it is newer by (leader epoch, state offset). {@link #get} is asynchronous in
 * Hazelcast; {@link #describe} and {@link #lagTotals} are queries run on the single thread
 * {@code partita-offset-cache-query} with a short queue (a full queue fails the read at once). Every
 * read is bounded by the request timeout.
 *
 * <p>Thread-safe.
 */
public final class HazelcastOffsetCache implements OffsetCache {

    private static final Logger log = LoggerFactory.getLogger(HazelcastOffsetCache.class);
    private static final int QUERY_QUEUE = 64;

    private final HazelcastInstance member;
    private final IMap<OffsetKey, OffsetEntry> map;
    private final OffsetWriter writer;
    private final ExecutorService queries;
    private final long requestTimeoutMs;

    private HazelcastOffsetCache(HazelcastInstance member, OffsetCacheConfig settings) {
        this.member = member;
        this.map = member.getMap(HazelcastMemberConfig.MAP_NAME);
        this.requestTimeoutMs = settings.requestTimeout().toMillis();
        this.writer = new OffsetWriter(map, settings.writeQueueCapacity(), settings.maxInFlightWrites(),
                settings.requestTimeout().dividedBy(10));
        this.queries = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUERY_QUEUE),
                NamedThreadFactory.single("partita-offset-cache-query").daemon());
    }

    /**
     * Starts this broker's member and waits (at most {@code settings.startupTimeout()}) until it has
     * joined the other brokers' members or, finding none, formed a cluster of its own.
     *
     * @param zkRoot the ZooKeeper root the brokers share (part of the cluster name)
     * @throws OffsetCacheStartException if the member does not start in time or fails to
     */
    public static HazelcastOffsetCache start(OffsetCacheConfig settings, CacheMemberRegistry registry, int brokerId,
                                             String zkRoot) {
        // Hazelcast's static loggers read this before any config does; only set if the operator did not
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", "slf4j");
        }
        String clusterName = "partita" + zkRoot + "#" + registry.clusterId();
        ZooKeeperDiscovery discovery = new ZooKeeperDiscovery(registry, brokerId, settings.startupTimeout());
        com.hazelcast.config.Config config = HazelcastMemberConfig.build(settings, clusterName,
                "partita-cache-" + brokerId + "-" + Long.toHexString(System.nanoTime()), discovery);
        CompletableFuture<HazelcastInstance> starting = new CompletableFuture<>();
        Thread starter = NamedThreadFactory.single("partita-offset-cache-start").daemon().newThread(() -> {
            try {
                starting.complete(Hazelcast.newHazelcastInstance(config));
            } catch (Throwable e) { // anything Hazelcast throws means "no cache", never a broker failure
                starting.completeExceptionally(e);
            }
        });
        starter.start();
        try {
            HazelcastInstance member = starting.get(settings.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
            log.info("Offset cache member {} started in cluster '{}' with {} member(s)", member.getCluster().getLocalMember()
                    .getAddress(), clusterName, member.getCluster().getMembers().size());
            return new HazelcastOffsetCache(member, settings);
        } catch (TimeoutException e) {
            starting.thenAccept(HazelcastInstance::shutdown); // it may still come up: then it goes at once
            throw new OffsetCacheStartException("Offset cache member did not start within " + settings.startupTimeout(), e);
        } catch (ExecutionException e) {
            throw new OffsetCacheStartException("Offset cache member failed to start: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            starting.thenAccept(HazelcastInstance::shutdown);
            throw new OffsetCacheStartException("Interrupted while the offset cache member started", e);
        }
    }

    @Override
    public void put(OffsetKey key, OffsetEntry entry) {
        writer.put(key, entry);
    }

    @Override
    public CompletableFuture<Optional<OffsetEntry>> get(OffsetKey key) {
        try {
            return bounded(map.getAsync(key).toCompletableFuture().thenApply(Optional::ofNullable), "get " + key);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new OffsetCacheUnavailableException("Offset cache unavailable: " + e, e));
        }
    }

    @Override
    public CompletableFuture<SortedMap<OffsetKey, OffsetEntry>> describe(SubscriptionGeneration subscription) {
        Predicate<OffsetKey, OffsetEntry> ofSubscription = Predicates.and(
                Predicates.equal("__key.subscription", subscription.subscription()),
                Predicates.equal("__key.generation", subscription.generation()));
        return query("describe " + subscription, () -> {
            SortedMap<OffsetKey, OffsetEntry> result = new TreeMap<>();
            for (Map.Entry<OffsetKey, OffsetEntry> entry : map.entrySet(ofSubscription)) {
                result.put(entry.getKey(), entry.getValue());
            }
            return result;
        });
    }

    @Override
    public CompletableFuture<SortedMap<OffsetKey, OffsetEntry>> entries(Collection<String> logIds) {
        Predicate<OffsetKey, OffsetEntry> ofLogs = logIds.isEmpty() ? Predicates.alwaysTrue()
                : Predicates.in("__key.logId", logIds.toArray(new String[0]));
        return query("entries of " + (logIds.isEmpty() ? "every log" : logIds), () -> {
            SortedMap<OffsetKey, OffsetEntry> result = new TreeMap<>();
            for (Map.Entry<OffsetKey, OffsetEntry> entry : map.entrySet(ofLogs)) {
                result.put(entry.getKey(), entry.getValue());
            }
            return result;
        });
    }

    @Override
    public CompletableFuture<List<LagTotal>> lagTotals() {
        return query("lag totals", () -> {
            // only the three attributes travel, not whole entries
            Collection<Object[]> rows = map.project(Projections.multiAttribute("__key.subscription", "__key.generation", "lag"));
            SortedMap<SubscriptionGeneration, long[]> sums = new TreeMap<>();
            for (Object[] row : rows) {
                long[] sum = sums.computeIfAbsent(new SubscriptionGeneration((String) row[0], (Long) row[1]), k -> new long[2]);
                sum[0]++;
                sum[1] += (Long) row[2];
            }
            List<LagTotal> totals = new ArrayList<>(sums.size());
            sums.forEach((subscription, sum) -> totals.add(new LagTotal(subscription, (int) sum[0], sum[1])));
            return totals;
        });
    }

    private <T> CompletableFuture<T> query(String what, Supplier<T> query) {
        try {
            return bounded(CompletableFuture.supplyAsync(query, queries), what);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new OffsetCacheUnavailableException("Offset cache busy: " + what + " not run", e));
        }
    }

    private <T> CompletableFuture<T> bounded(CompletableFuture<T> read, String what) {
        return read.orTimeout(requestTimeoutMs, TimeUnit.MILLISECONDS).handle((value, error) -> {
            if (error == null) {
                return value;
            }
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            throw new OffsetCacheUnavailableException("Offset cache " + what + " failed: " + cause, cause);
        });
    }

    @Override
    public boolean isAvailable() {
        return member.getLifecycleService().isRunning();
    }

    @Override
    public OffsetCacheStats stats() {
        return writer.stats();
    }

    /** This member's address (host and the port it bound). */
    public Address address() {
        return member.getCluster().getLocalMember().getAddress();
    }

    /** How many members this member currently sees in its cluster (itself included); 0 once stopped. */
    public int clusterSize() {
        return isAvailable() ? member.getCluster().getMembers().size() : 0;
    }

    /** The embedded member (tests terminate it to play a crash). */
    HazelcastInstance member() {
        return member;
    }

    /** Stops the writer and the query thread, then leaves the cluster gracefully (bounded by Hazelcast's graceful-shutdown wait). */
    @Override
    public void close() {
        writer.close();
        queries.shutdownNow();
        try {
            member.shutdown();
        } catch (RuntimeException e) {
            log.warn("Offset cache member did not shut down cleanly", e);
        }
    }
}
