package dev.partita.broker.cache;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cache a broker runs with when the cache is disabled or its Hazelcast member could not start:
 * every write is dropped (and counted), every read answers empty. Thread-safe.
 */
public final class NoOpOffsetCache implements OffsetCache {

    private final AtomicLong dropped = new AtomicLong();

    @Override
    public void put(OffsetKey key, OffsetEntry entry) {
        dropped.incrementAndGet();
    }

    @Override
    public CompletableFuture<Optional<OffsetEntry>> get(OffsetKey key) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    @Override
    public CompletableFuture<SortedMap<OffsetKey, OffsetEntry>> describe(SubscriptionGeneration subscription) {
        return CompletableFuture.completedFuture(Collections.emptySortedMap());
    }

    @Override
    public CompletableFuture<SortedMap<OffsetKey, OffsetEntry>> entries(Collection<String> logIds) {
        return CompletableFuture.completedFuture(Collections.emptySortedMap());
    }

    @Override
    public CompletableFuture<List<LagTotal>> lagTotals() {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public boolean isAvailable() {
        return false;
    }

    @Override
    public OffsetCacheStats stats() {
        return new OffsetCacheStats(0, 0, 0, 0, dropped.get(), 0);
    }

    @Override
    public void close() {
        // nothing to stop
    }
}
