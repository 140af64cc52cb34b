package dev.partita.broker.partition;

import dev.partita.broker.NamedThreadFactory;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes old segments of the partitions this broker leads, by size and age (whole segments), every
 * {@code log.retention.check.interval.ms}. Storage never deletes at or above the retention floor
 * given here. For now the floor is the partition's high watermark: no record that is not yet
 * committed is ever deleted, and there are no subscriptions whose unconsumed records would hold it
 * lower yet (the JMS provider adds queue and durable-subscription floors).
 *
 * <p>A {@link RetentionFloor} may lower the floor further (queues and durable subscriptions will
 * hold it at their oldest unconsumed record); the high watermark always caps it.
 *
 * <p>{@link #poll} holds the logic and takes the time (STYLE.md 7); {@link #start} runs it on a
 * {@code partita-retention} thread. Each partition's deletion runs on that partition's thread.
 */
public final class RetentionManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RetentionManager.class);

    private final ReplicaManager replicas;
    private final long intervalMs;
    private final RetentionFloor floor;
    private long nextCheckMs;
    private ScheduledExecutorService thread;

    /** Retention with the high watermark as the only floor. */
    public RetentionManager(ReplicaManager replicas, long intervalMs) {
        this(replicas, intervalMs, Partition::highWatermark);
    }

    public RetentionManager(ReplicaManager replicas, long intervalMs, RetentionFloor floor) {
        this.replicas = replicas;
        this.intervalMs = intervalMs;
        this.floor = floor;
    }

    /**
     * Runs a retention pass if one is due.
     *
     * @return the time of the next pass
     */
    public synchronized long poll(long nowMs) {
        if (nowMs < nextCheckMs) {
            return nextCheckMs;
        }
        for (Partition p : replicas.partitions()) {
            if (!p.isLeader()) {
                continue;
            }
            replicas.executors().execute(p.id(), () -> {
                try {
                    long retentionFloor = Math.min(p.highWatermark(), floor.floor(p));
                    int deleted = p.log().deleteOldSegments(retentionFloor, nowMs);
                    if (deleted > 0) {
                        log.info("Retention deleted {} segment(s) of {}; log now starts at {}", deleted, p.id(), p.logStartOffset());
                    }
                } catch (RuntimeException e) {
                    log.warn("Retention of {} failed: {}", p.id(), e.toString());
                }
            });
        }
        nextCheckMs = nowMs + intervalMs;
        return nextCheckMs;
    }

    /** Runs {@link #poll} on its own thread every interval. */
    public synchronized void start(Clock clock) {
        thread = Executors.newSingleThreadScheduledExecutor(NamedThreadFactory.single("partita-retention").daemon());
        thread.scheduleWithFixedDelay(() -> poll(clock.millis()), intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
