package dev.partita.bench.workload;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Bounds the records in flight and records the latency of each from {@link #beforeSend()} to
 * {@link #acknowledged(long, Throwable)}. The sending thread calls {@code beforeSend}; any client
 * thread may call {@code acknowledged}. Thread-safe (a semaphore and HdrHistogram's wait-free
 * {@link Recorder}).
 */
public final class SendTracker {

    /** Latencies above one minute are clamped: the phase timeout fails such a run anyway. */
    private static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.MINUTES.toMicros(1);

    private final int maxInFlight;
    private final Semaphore inFlight;
    private final Recorder latencies = new Recorder(HIGHEST_TRACKABLE_MICROS, 3);
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();

    public SendTracker(int maxInFlight) {
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** Waits for room in flight, then returns the send's start time to pass to {@link #acknowledged}. */
    public long beforeSend(Duration timeout) throws InterruptedException {
        throwIfFailed();
        if (!inFlight.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new BenchRunException("no acknowledgement for " + timeout + " with " + maxInFlight + " records in flight");
        }
        return System.nanoTime();
    }

    /** Called once per record from the client's completion callback. */
    public void acknowledged(long startNanos, Throwable error) {
        if (error != null) {
            firstError.compareAndSet(null, error);
        } else {
            long micros = (System.nanoTime() - startNanos) / 1000;
            latencies.recordValue(Math.min(Math.max(micros, 0), HIGHEST_TRACKABLE_MICROS));
            acknowledged.incrementAndGet();
        }
        inFlight.release();
    }

    /** Waits until every record sent is acknowledged; throws the first send error if any. */
    public void awaitAll(Duration timeout) throws InterruptedException {
        if (!inFlight.tryAcquire(maxInFlight, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new BenchRunException("records still unacknowledged after " + timeout);
        }
        inFlight.release(maxInFlight);
        throwIfFailed();
    }

    public long acknowledgedCount() {
        return acknowledged.get();
    }

    /** Every latency recorded so far, in microseconds. */
    public Histogram latencyMicros() {
        return latencies.getIntervalHistogram();
    }

    private void throwIfFailed() {
        Throwable error = firstError.get();
        if (error != null) {
            throw new BenchRunException("a send failed: " + error, error);
        }
    }
}
