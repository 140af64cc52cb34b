package dev.partita.broker.cache;

import dev.partita.broker.NamedThreadFactory;
import java.util.Collection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An offset cache whose member starts in the background, so a broker's startup never waits for
 * Hazelcast: until the start ends it behaves as the no-op cache (writes dropped and counted, reads
 * empty), then as whatever the start produced (the Hazelcast cache, or the no-op cache if it failed).
 * With a retry delay, a start that produced no running cache (a member that could not join in time
 * on a loaded machine, say) is tried again after that delay, until one runs or the cache is closed.
 * Closing it before the start ends stops the member as soon as it is up.
 *
 * <p>Thread-safe. The start (and its retries) runs on the thread {@code partita-offset-cache-init}.
 */
public final class BackgroundOffsetCache implements OffsetCache {

    private static final Logger log = LoggerFactory.getLogger(BackgroundOffsetCache.class);

    private final NoOpOffsetCache starting = new NoOpOffsetCache();
    private volatile OffsetCache delegate = starting;
    private final CompletableFuture<OffsetCache> started = new CompletableFuture<>();
    private boolean closed; // guarded by this
    private int retries; // guarded by this

    /** Starts {@code start} (typically {@code () -> OffsetCaches.startOrNoOp(...)}) on its own thread, once. */
    public BackgroundOffsetCache(Supplier<OffsetCache> start) {
        this(start, null);
    }

    /**
     * Starts {@code start} on its own thread and, while it produces no running cache, again every
     * {@code retryAfter} ({@code null}: once only).
     */
    public BackgroundOffsetCache(Supplier<OffsetCache> start, Duration retryAfter) {
        Thread thread = NamedThreadFactory.single("partita-offset-cache-init").daemon().newThread(() -> {
            while (true) {
                OffsetCache cache;
                try {
                    cache = start.get();
                } catch (RuntimeException e) {
                    cache = new NoOpOffsetCache();
                }
                if (retryAfter == null || cache.isAvailable() || !waitToRetry(cache, retryAfter)) {
                    install(cache);
                    return;
                }
            }
        });
        thread.start();
    }

    /** After a start that produced no running cache: false if closed meanwhile, true once it is time to retry. */
    private boolean waitToRetry(OffsetCache failed, Duration retryAfter) {
        failed.close();
        long deadline = System.nanoTime() + retryAfter.toNanos();
        synchronized (this) {
            long left;
            while (!closed && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            if (closed) {
                return false;
            }
            retries++;
        }
        log.info("Offset cache: starting the member again ({} retry)", retries);
        return true;
    }

    /** How many times the start was tried again. */
    public synchronized int retries() {
        return retries;
    }

    private void install(OffsetCache cache) {
        synchronized (this) {
            if (!closed) {
                delegate = cache;
                started.complete(cache);
                return;
            }
        }
        cache.close(); // closed while starting: the member leaves at once
        started.complete(cache);
    }

    /** Completes with the cache the start produced, once it has ended (with retries: once one runs, or at close). */
    public CompletableFuture<OffsetCache> started() {
        return started;
    }

    @Override
    public void put(OffsetKey key, OffsetEntry entry) {
        delegate.put(key, entry);
    }

    @Override
    public CompletableFuture<Optional<OffsetEntry>> get(OffsetKey key) {
        return delegate.get(key);
    }

    @Override
    public CompletableFuture<SortedMap<OffsetKey, OffsetEntry>> describe(SubscriptionGeneration subscription) {
        return delegate.describe(subscription);
    }

    @Override
    public CompletableFuture<SortedMap<OffsetKey, OffsetEntry>> entries(Collection<String> logIds) {
        return delegate.entries(logIds);
    }

    @Override
    public CompletableFuture<List<LagTotal>> lagTotals() {
        return delegate.lagTotals();
    }

    @Override
    public boolean isAvailable() {
        return delegate.isAvailable();
    }

    /** The current cache's counters, plus the writes dropped while the member was still starting. */
    @Override
    public OffsetCacheStats stats() {
        OffsetCache now = delegate;
        OffsetCacheStats current = now.stats();
        long droppedWhileStarting = now == starting ? 0 : starting.stats().dropped();
        return new OffsetCacheStats(current.accepted(), current.coalesced(), current.applied(), current.superseded(),
                current.dropped() + droppedWhileStarting, current.failed());
    }

    @Override
    public void close() {
        OffsetCache current;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            current = delegate;
            notifyAll(); // a start waiting to be retried gives up
        }
        current.close();
    }
}
