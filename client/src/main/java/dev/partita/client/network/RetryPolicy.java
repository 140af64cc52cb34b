package dev.partita.client.network;

import dev.partita.protocol.message.ApiException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs an asynchronous call again after {@code backoffMs} while it fails with a retriable
 * {@link ApiException}, until {@code timeoutMs} have passed since the first attempt; then the last
 * error is the result. Non-retriable errors are the result at once. Stateless and thread-safe.
 */
public final class RetryPolicy {

    private final ScheduledExecutorService scheduler;
    private final long backoffMs;
    private final long timeoutMs;

    public RetryPolicy(ScheduledExecutorService scheduler, long backoffMs, long timeoutMs) {
        this.scheduler = scheduler;
        this.backoffMs = backoffMs;
        this.timeoutMs = timeoutMs;
    }

    public <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> attempt) {
        CompletableFuture<T> result = new CompletableFuture<>();
        run(attempt, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs), result);
        return result;
    }

    private <T> void run(Supplier<CompletableFuture<T>> attempt, long deadlineNanos, CompletableFuture<T> result) {
        CompletableFuture<T> future;
        try {
            future = attempt.get();
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        future.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
                return;
            }
            Throwable cause = Futures.unwrap(error);
            boolean retriable = cause instanceof ApiException api && api.isRetriable();
            if (!retriable || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs) >= deadlineNanos) {
                result.completeExceptionally(cause);
                return;
            }
            try {
                scheduler.schedule(() -> run(attempt, deadlineNanos, result), backoffMs, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(cause);
            }
        });
    }
}
