package dev.partita.client;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The single thread ({@code partita-client-callback-N}) on which every future handed to user code
 * completes, in order. Keeps user code off the I/O threads; a callback that blocks delays only
 * other callbacks, never network I/O. Blocking calls that wait for callbacks ({@code flush},
 * {@code close} of a producer) check {@link #inCallbackThread()} and refuse to deadlock.
 *
 * <p>Thread-safe.
 */
public final class CallbackExecutor implements Executor {

    private final ExecutorService executor;
    private volatile Thread thread;

    public CallbackExecutor(String threadName) {
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, threadName);
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    @Override
    public void execute(Runnable command) {
        executor.execute(command);
    }

    /** True when called from a callback: waiting for another callback here would wait forever. */
    public boolean inCallbackThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs the callbacks already queued, then stops; waits up to {@code timeoutMs}. */
    public boolean shutdown(long timeoutMs) throws InterruptedException {
        executor.shutdown();
        if (inCallbackThread()) {
            return false;
        }
        return executor.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
    }

    public void shutdownNow() {
        executor.shutdownNow();
    }
}
