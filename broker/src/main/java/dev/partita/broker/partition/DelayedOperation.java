package dev.partita.broker.partition;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request that waits for something (a high watermark to pass an offset, data to arrive) up to a
 * deadline: a long-poll fetch or an {@code acks=ALL} produce. It completes exactly once, either when
 * {@link #tryComplete} finds its condition met (called whenever a watched partition changes) or when
 * {@link DelayedOperations#poll} finds its deadline passed ({@link #onExpiration}).
 *
 * <p>Thread-safe: {@link #tryComplete} may race with expiry on other threads; {@link #claim}
 * decides which one answers.
 */
public abstract class DelayedOperation {

    private final long deadlineMs;
    private final AtomicBoolean completed = new AtomicBoolean();

    protected DelayedOperation(long deadlineMs) {
        this.deadlineMs = deadlineMs;
    }

    public final long deadlineMs() {
        return deadlineMs;
    }

    public final boolean isCompleted() {
        return completed.get();
    }

    /**
     * Completes the operation if its condition holds now. Returns whether it is completed (by this
     * call or an earlier one). Implementations call {@link #claim} before answering.
     */
    public abstract boolean tryComplete();

    /** The deadline passed: answer with what there is. Called once, after a successful claim. */
    protected abstract void onExpiration();

    /** Answer now whatever the condition (shutdown). Called once, after a successful claim. */
    protected void onForcedCompletion() {
        onExpiration();
    }

    /** Takes the right to answer; true for exactly one caller. */
    protected final boolean claim() {
        return completed.compareAndSet(false, true);
    }

    final void expire() {
        if (claim()) {
            onExpiration();
        }
    }

    final void forceComplete() {
        if (claim()) {
            onForcedCompletion();
        }
    }
}
