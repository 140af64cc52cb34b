package dev.partita.client.network;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Small helpers for the client's {@link CompletableFuture} plumbing. Stateless. */
public final class Futures {

    private Futures() {
    }

    /** The real cause behind the wrappers that {@code CompletableFuture} stages add. */
    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    public static <T> CompletableFuture<T> failed(Throwable error) {
        return CompletableFuture.failedFuture(error);
    }

    /**
     * A future that completes like {@code source} but on {@code executor}, with the unwrapped
     * cause on failure: how user-facing futures leave the event loop. If the executor refuses
     * (shutting down) the completion runs on the completing thread.
     */
    public static <T> CompletableFuture<T> completeOn(CompletableFuture<T> source, Executor executor) {
        CompletableFuture<T> result = new CompletableFuture<>();
        source.whenComplete((value, error) -> {
            Runnable completion = () -> {
                if (error != null) {
                    result.completeExceptionally(unwrap(error));
                } else {
                    result.complete(value);
                }
            };
            try {
                executor.execute(completion);
            } catch (RejectedExecutionException e) {
                completion.run();
            }
        });
        return result;
    }
}
