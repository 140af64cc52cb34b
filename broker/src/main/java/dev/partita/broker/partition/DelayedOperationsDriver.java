package dev.partita.broker.partition;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread ({@code partita-delayed-ops}) that expires waiting requests: it calls
 * {@link DelayedOperations#poll} and sleeps until the next deadline or until an earlier one is
 * added. The logic lives in {@link DelayedOperations}; this only owns the thread.
 */
public final class DelayedOperationsDriver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DelayedOperationsDriver.class);
    /** Upper bound of one sleep, so a changed clock is noticed. */
    private static final long MAX_SLEEP_MS = 1000;

    private final DelayedOperations operations;
    private final Clock clock;
    private final Thread thread;
    private final Object signal = new Object();
    private boolean wakeUp;
    private volatile boolean running = true;

    public DelayedOperationsDriver(DelayedOperations operations, Clock clock) {
        this.operations = operations;
        this.clock = clock;
        this.thread = new Thread(this::run, "partita-delayed-ops");
        this.thread.setDaemon(true);
        operations.setDeadlineListener(this::signal);
    }

    public void start() {
        thread.start();
    }

    private void signal() {
        synchronized (signal) {
            wakeUp = true;
            signal.notifyAll();
        }
    }

    private void run() {
        while (running) {
            try {
                long now = clock.millis();
                long next = operations.poll(now);
                long sleep = Math.min(MAX_SLEEP_MS, Math.max(1, next - now));
                synchronized (signal) {
                    if (!wakeUp && running) {
                        signal.wait(sleep);
                    }
                    wakeUp = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Expiring delayed operations failed", e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        signal();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
