package dev.partita.broker.cache;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster-wide cache of subscription progress per partition (committed start, log end, lag),
 * written by partition leaders after a state change commits and read by any broker to answer
 * describe, lag and admin queries without asking every leader.
 *
 * <p><b>A cache, never a source of truth:</b> no delivery, acknowledgement or retention decision
 * reads it. Writes are fire-and-forget: {@link #put} never blocks and never throws, and a write the
 * cache cannot take (queue full, Hazelcast down or slow) is dropped and counted in {@link #stats}.
 * Reads may be stale, incomplete, or fail with {@link OffsetCacheUnavailableException}.
 *
 * <p>Every write is versioned by (leader epoch, state offset): an entry is replaced only by a
 * strictly newer one, whatever order writes arrive in.
 *
 * <p>Implementations are thread-safe.
 */
public interface OffsetCache extends AutoCloseable {

    /**
     * How often a leader rewrites an entry that did not change, so that entries of subscriptions or
     * leaders that are gone can expire (the Hazelcast map's entries live 60 s after their last write).
     */
    long REFRESH_INTERVAL_MS = 15_000;

    /** Offers a write; returns at once. Safe to call from a partition thread. */
    void put(OffsetKey key, OffsetEntry entry);

    /** The cached entry of one key, if any. */
    CompletableFuture<Optional<OffsetEntry>> get(OffsetKey key);

    /** Every cached partition of one subscription generation, ordered by (log id, partition). */
    CompletableFuture<SortedMap<OffsetKey, OffsetEntry>> describe(SubscriptionGeneration subscription);

    /**
     * Every cached entry of the given logs ({@code logIds} empty: of every log), ordered by key.
     * Administrative: it reads the whole map (or the logs' part of it) in one query.
     */
    CompletableFuture<SortedMap<OffsetKey, OffsetEntry>> entries(Collection<String> logIds);

    /** The summed lag of every cached subscription generation, ordered by subscription. */
    CompletableFuture<List<LagTotal>> lagTotals();

    /** Whether the cache currently takes writes and answers reads (false for the no-op cache). */
    boolean isAvailable();

    OffsetCacheStats stats();

    /** Leaves the cluster and stops the cache's threads; later writes are dropped. */
    @Override
    void close();
}
