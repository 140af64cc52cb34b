package dev.partita.broker.partition;

import dev.partita.broker.NamedThreadFactory;
import dev.partita.broker.zk.LogPartition;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A fixed set of single-threaded executors ({@code partita-partition-N}); each partition is hashed
 * to one of them for its whole life, so that thread is the one writer of the partition's log and of
 * its leader state, and its tasks run in submission order. No locks on the append path.
 *
 * <p>Thread-safe.
 */
public final class PartitionExecutors implements AutoCloseable {

    private final ExecutorService[] executors;

    public PartitionExecutors(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        executors = new ExecutorService[threads];
        NamedThreadFactory factory = NamedThreadFactory.numbered("partita-partition");
        for (int i = 0; i < threads; i++) {
            executors[i] = Executors.newSingleThreadExecutor(factory);
        }
    }

    /** The executor that owns {@code partition}. */
    public Executor executorFor(LogPartition partition) {
        return executors[Math.floorMod(partition.hashCode(), executors.length)];
    }

    /** Runs {@code task} on the partition's thread; a task that throws fails the future. */
    public <T> CompletableFuture<T> submit(LogPartition partition, Supplier<T> task) {
        try {
            return CompletableFuture.supplyAsync(task, executorFor(partition));
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Runs {@code task} on the partition's thread, ignoring rejection after shutdown. */
    public void execute(LogPartition partition, Runnable task) {
        try {
            executorFor(partition).execute(task);
        } catch (RejectedExecutionException e) {
            // Shutting down: the partition is being closed and nothing waits for this task.
        }
    }

    /** Lets queued tasks finish (bounded), then stops the threads. */
    @Override
    public void close() {
        for (ExecutorService e : executors) {
            e.shutdown();
        }
        for (ExecutorService e : executors) {
            try {
                if (!e.awaitTermination(10, TimeUnit.SECONDS)) {
                    e.shutdownNow();
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                e.shutdownNow();
            }
        }
    }
}
