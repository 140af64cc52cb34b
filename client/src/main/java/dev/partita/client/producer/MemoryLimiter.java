package dev.partita.client.producer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds the bytes of records a producer holds between {@code send} and their acknowledgement.
 * {@link #reserve} blocks while the bound would be exceeded, so a producer faster than its
 * brokers slows down instead of growing its heap. Waiters are woken
 * together when memory is freed and compete for it (no fairness: a fair lock costs every send).
 *
 * <p>Thread-safe.
 */
final class MemoryLimiter {

    private final long capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private long used; // guarded by lock
    private boolean closed; // guarded by lock

    MemoryLimiter(long capacity) {
        this.capacity = capacity;
    }

    long capacity() {
        return capacity;
    }

    /**
     * Reserves {@code bytes}, waiting up to {@code maxWaitMs} for others to release memory. A request
     * larger than the whole capacity fails at once.
     *
     * @throws BufferExhaustedException if not enough memory was freed in time or the limiter closed
     */
    void reserve(long bytes, long maxWaitMs) throws InterruptedException {
        if (bytes > capacity) {
            throw new BufferExhaustedException("a record of " + bytes + " bytes is larger than the producer's buffer memory ("
                    + capacity + " bytes)");
        }
        long remainingNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
        lock.lockInterruptibly();
        try {
            while (!closed && used + bytes > capacity) {
                if (remainingNanos <= 0) {
                    throw new BufferExhaustedException("no buffer memory freed within " + maxWaitMs + " ms ("
                            + used + " of " + capacity + " bytes in use)");
                }
                remainingNanos = freed.awaitNanos(remainingNanos);
            }
            if (closed) {
                throw new BufferExhaustedException("producer closed while waiting for buffer memory");
            }
            used += bytes;
        } finally {
            lock.unlock();
        }
    }

    void release(long bytes) {
        lock.lock();
        try {
            used -= bytes;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long used() {
        lock.lock();
        try {
            return used;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter; they fail. */
    void close() {
        lock.lock();
        try {
            closed = true;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
