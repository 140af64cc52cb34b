package dev.partita.storage.manager;

import dev.partita.storage.log.FlushRequester;
import dev.partita.storage.log.Log;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: logs with {@code flush.policy=group-commit} report every append here
 * ({@link #requestFlush}); {@link #poll} fsyncs each dirty log once. Each {@link Log#flush()}
 * covers every append that finished before it began, so appends arriving during an fsync share
 * the next one: under load, many appends per fsync; when idle, an append waits for one fsync.
 * After each flush the {@link FlushListener}s learn the new flushed offset.
 *
 * <p>The logic is in {@link #poll(long)} (no thread, no sleeping) so a deterministic test or
 * simulation can drive it; {@link #start()} runs it on a thread named {@code partita-flusher}
 * that waits for requests.
 *
 * <p>Thread-safe: {@link #requestFlush} from any thread, {@link #poll} from one thread at a time.
 */
public final class GroupCommitFlusher implements FlushRequester, AutoCloseable {

    public static final String THREAD_NAME = "partita-flusher";
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitFlusher.class);

    private final Clock clock;
    private final Set<Log> dirty = ConcurrentHashMap.newKeySet();
    private final List<FlushListener> listeners = new CopyOnWriteArrayList<>();
    private final Object signal = new Object();
    private boolean signalled;
    private volatile boolean running;
    private Thread thread;

    public GroupCommitFlusher(Clock clock) {
        this.clock = clock;
    }

    public void addListener(FlushListener listener) {
        listeners.add(listener);
    }

    public void removeListener(FlushListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void requestFlush(Log log) {
        dirty.add(log);
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    /** Whether some log waits for an fsync. */
    public boolean hasPendingFlushes() {
        return !dirty.isEmpty();
    }

    /**
     * Fsyncs every log that asked since the last poll and notifies the listeners.
     *
     * @return when to poll next: {@code nowMs} if more requests arrived meanwhile, else
     *         {@link Long#MAX_VALUE} (wait for the next request)
     */
    public long poll(long nowMs) {
        List<Log> batch = new ArrayList<>(dirty);
        for (Log log : batch) {
            dirty.remove(log);
            if (log.isClosed()) {
                continue;
            }
            try {
                log.flush();
            } catch (RuntimeException e) {
                if (log.isClosed()) {
                    continue; // closed while we flushed it: its close flushed it
                }
                LOG.error("group commit of {} failed", log, e);
                for (FlushListener listener : listeners) {
                    notify(listener, log, l -> l.onFlushFailed(log, e));
                }
                continue;
            }
            long flushed = log.flushedOffset();
            for (FlushListener listener : listeners) {
                notify(listener, log, l -> l.onFlushed(log, flushed));
            }
        }
        return dirty.isEmpty() ? Long.MAX_VALUE : nowMs;
    }

    /**
     * One listener's failure must neither hide a successful fsync from the others (produces
     * waiting for it would time out) nor be reported as a failed fsync.
     */
    private static void notify(FlushListener listener, Log log, java.util.function.Consumer<FlushListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            LOG.error("flush listener {} failed for {}", listener, log, e);
        }
    }

    /** Starts the {@code partita-flusher} thread. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            long next;
            try {
                next = poll(clock.millis());
            } catch (RuntimeException e) {
                LOG.error("flusher poll failed", e);
                next = clock.millis() + 100;
            }
            synchronized (signal) {
                long now = clock.millis();
                while (running && !signalled && next > now) {
                    try {
                        signal.wait(next == Long.MAX_VALUE ? 0 : Math.max(1, next - now));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    now = clock.millis();
                    if (next != Long.MAX_VALUE) {
                        break;
                    }
                }
                signalled = false;
            }
        }
    }

    /** Stops the thread after its current poll; a final {@link #poll} flushes what is left. */
    @Override
    public void close() {
        Thread toJoin;
        synchronized (this) {
            toJoin = thread;
            thread = null;
            running = false;
        }
        synchronized (signal) {
            signal.notifyAll();
        }
        if (toJoin != null) {
            try {
                toJoin.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        poll(clock.millis());
    }
}
