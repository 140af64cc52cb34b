package dev.partita.broker.cache;

import com.hazelcast.map.IMap;
import dev.partita.broker.NamedThreadFactory;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side of the Hazelcast cache: takes writes from any thread without blocking and sends them
 * to the owning members from its own thread {@code partita-offset-cache-writer}.
 *
 * <p>Writes wait in a map keyed by {@link OffsetKey} that keeps only the newest entry per key, so a
 * busy partition costs one slot however often it writes; once {@code capacity} distinct keys wait,
 * writes of further keys are dropped. The writer thread sends each waiting entry with
 * {@code IMap.submitToKey} (asynchronous: the versioned compare runs on the owner) and keeps at most
 * {@code maxInFlight} sends unanswered; if Hazelcast does not answer in time, it drops instead of
 * waiting longer. Hazelcast itself (partition lookups, invocations) never runs on a caller's thread.
 *
 * <p>Thread-safe. The capacity bound is approximate by at most the number of concurrent writers.
 */
final class OffsetWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OffsetWriter.class);
    private static final long POLL_MS = 100;

    private final IMap<OffsetKey, OffsetEntry> map;
    private final int capacity;
    private final Semaphore inFlight;
    private final long sendWaitMs;
    private final ConcurrentHashMap<OffsetKey, OffsetEntry> waiting = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<OffsetKey> order = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong coalesced = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong superseded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    OffsetWriter(IMap<OffsetKey, OffsetEntry> map, int capacity, int maxInFlight, Duration sendWait) {
        this.map = map;
        this.capacity = capacity;
        this.inFlight = new Semaphore(maxInFlight);
        this.sendWaitMs = sendWait.toMillis();
        this.thread = NamedThreadFactory.single("partita-offset-cache-writer").newThread(this::run);
        thread.setDaemon(true); // a cache must never keep a JVM alive
        thread.start();
    }

    /** Queues the write (or merges it with a waiting one of the same key); never blocks, never throws. */
    void put(OffsetKey key, OffsetEntry entry) {
        if (!running) {
            dropped.incrementAndGet();
            return;
        }
        boolean[] added = {false};
        boolean[] full = {false};
        waiting.compute(key, (k, current) -> {
            if (current != null) {
                return current.newest(entry);
            }
            if (waiting.size() >= capacity) {
                full[0] = true;
                return null;
            }
            added[0] = true;
            return entry;
        });
        if (full[0]) {
            dropped.incrementAndGet();
            return;
        }
        accepted.incrementAndGet();
        if (added[0]) {
            order.add(key);
        } else {
            coalesced.incrementAndGet();
        }
    }

    OffsetCacheStats stats() {
        return new OffsetCacheStats(accepted.get(), coalesced.get(), applied.get(), superseded.get(), dropped.get(), failed.get());
    }

    /** Writes waiting to be sent (distinct keys). */
    int waiting() {
        return waiting.size();
    }

    private void run() {
        while (running) {
            try {
                OffsetKey key = order.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (key != null) {
                    OffsetEntry entry = waiting.remove(key);
                    if (entry != null) {
                        send(key, entry);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.warn("Offset cache writer: unexpected failure", e);
            }
        }
    }

    private void send(OffsetKey key, OffsetEntry entry) throws InterruptedException {
        if (!inFlight.tryAcquire(sendWaitMs, TimeUnit.MILLISECONDS)) {
            dropped.incrementAndGet(); // Hazelcast is slow to answer: a cache drops rather than queue more
            return;
        }
        try {
            map.submitToKey(key, new CacheSerialization.VersionedPut(entry)).whenComplete((stored, error) -> {
                inFlight.release();
                if (error != null) {
                    failed.incrementAndGet();
                    log.debug("Offset cache write of {} failed", key, error);
                } else if (Boolean.TRUE.equals(stored)) {
                    applied.incrementAndGet();
                } else {
                    superseded.incrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            inFlight.release(); // the member is shutting down or gone
            dropped.incrementAndGet();
            log.debug("Offset cache write of {} not sent", key, e);
        }
    }

    /** Stops the writer thread; waiting writes are dropped (and counted). */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dropped.addAndGet(waiting.size());
        waiting.clear();
        order.clear();
    }
}
