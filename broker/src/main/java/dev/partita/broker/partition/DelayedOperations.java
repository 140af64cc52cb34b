package dev.partita.broker.partition;

import dev.partita.broker.zk.LogPartition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waiting requests by the partitions they watch and by deadline. Whoever changes a partition
 * (its high watermark moves) calls {@link #wake}; a driver calls {@link #poll} with the time and
 * gets the next deadline back, so tests drive expiry with a fake clock (no thread of its own here;
 * see {@link DelayedOperationsDriver}).
 *
 * <p>Thread-safe: the maps sit behind this object's monitor; operations complete outside it.
 * Completed operations are dropped lazily from the watch lists and the deadline queue. One
 * operation that throws is logged and never keeps the others of the same call from being answered
 * (they are already out of the queues: skipping them would leave their requests unanswered forever).
 */
public final class DelayedOperations {

    private static final Logger log = LoggerFactory.getLogger(DelayedOperations.class);

    private final Map<LogPartition, List<DelayedOperation>> watchers = new HashMap<>();
    private final PriorityQueue<DelayedOperation> byDeadline =
            new PriorityQueue<>(Comparator.comparingLong(DelayedOperation::deadlineMs));
    private Runnable onEarlierDeadline = () -> { };

    /** Called (outside the monitor) when an operation is added whose deadline may be the earliest. */
    public synchronized void setDeadlineListener(Runnable listener) {
        this.onEarlierDeadline = listener;
    }

    /**
     * Parks an operation that could not complete yet, watching {@code partitions}. Checks it once
     * more after parking, so a change that happened between the caller's check and this call is
     * not missed.
     */
    public void watch(DelayedOperation op, Collection<LogPartition> partitions) {
        Runnable listener;
        synchronized (this) {
            for (LogPartition p : partitions) {
                watchers.computeIfAbsent(p, k -> new ArrayList<>()).add(op);
            }
            DelayedOperation earliest = byDeadline.peek();
            byDeadline.add(op);
            listener = earliest == null || op.deadlineMs() < earliest.deadlineMs() ? onEarlierDeadline : null;
        }
        op.tryComplete();
        if (listener != null) {
            listener.run();
        }
    }

    /** A watched partition changed: tries to complete everything that watches it. */
    public void wake(LogPartition partition) {
        List<DelayedOperation> candidates;
        synchronized (this) {
            List<DelayedOperation> list = watchers.get(partition);
            if (list == null) {
                return;
            }
            list.removeIf(DelayedOperation::isCompleted);
            if (list.isEmpty()) {
                watchers.remove(partition);
                return;
            }
            candidates = new ArrayList<>(list);
        }
        for (DelayedOperation op : candidates) {
            each(op, DelayedOperation::tryComplete, "completing");
        }
    }

    /**
     * Expires every operation whose deadline is at or before {@code nowMs}.
     *
     * @return the next deadline, or {@link Long#MAX_VALUE} if nothing waits
     */
    public long poll(long nowMs) {
        List<DelayedOperation> expired = new ArrayList<>();
        long next;
        synchronized (this) {
            while (!byDeadline.isEmpty()
                    && (byDeadline.peek().isCompleted() || byDeadline.peek().deadlineMs() <= nowMs)) {
                DelayedOperation op = byDeadline.poll();
                if (!op.isCompleted()) {
                    expired.add(op);
                }
            }
            next = byDeadline.isEmpty() ? Long.MAX_VALUE : byDeadline.peek().deadlineMs();
            if (!expired.isEmpty()) {
                watchers.values().forEach(list -> list.removeIf(op -> expired.contains(op) || op.isCompleted()));
                watchers.values().removeIf(List::isEmpty);
            }
        }
        for (DelayedOperation op : expired) {
            each(op, DelayedOperation::expire, "expiring");
        }
        return next;
    }

    /** Answers every waiting operation now (shutdown). */
    public void completeAll() {
        List<DelayedOperation> all;
        synchronized (this) {
            all = new ArrayList<>(byDeadline);
            byDeadline.clear();
            watchers.clear();
        }
        for (DelayedOperation op : all) {
            each(op, DelayedOperation::forceComplete, "force-completing");
        }
    }

    private static void each(DelayedOperation op, Consumer<DelayedOperation> step, String what) {
        try {
            step.accept(op);
        } catch (RuntimeException e) {
            log.error("{} the delayed operation {} failed; the others go on", what, op, e);
        }
    }

    /** Operations parked and not yet completed. */
    public synchronized int waiting() {
        return (int) byDeadline.stream().filter(op -> !op.isCompleted()).count();
    }
}
