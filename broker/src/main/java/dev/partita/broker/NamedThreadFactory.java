package dev.partita.broker;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Names the broker's threads {@code <prefix>-<n>} (or exactly {@code <prefix>} for a single thread),
 * so a thread dump reads like the thread table in {@code docs/architecture.md}. Thread-safe.
 */
public final class NamedThreadFactory implements ThreadFactory {

    private final String prefix;
    private final boolean numbered;
    private final boolean daemon;
    private final BiFunction<Runnable, String, Thread> constructor;
    private final AtomicInteger next = new AtomicInteger();

    private NamedThreadFactory(String prefix, boolean numbered, boolean daemon,
                               BiFunction<Runnable, String, Thread> constructor) {
        this.prefix = prefix;
        this.numbered = numbered;
        this.daemon = daemon;
        this.constructor = constructor;
    }

    /** Threads {@code prefix-0}, {@code prefix-1}, ... */
    public static NamedThreadFactory numbered(String prefix) {
        return new NamedThreadFactory(prefix, true, false, Thread::new);
    }

    /** Threads all named exactly {@code name} (for single-thread pools). */
    public static NamedThreadFactory single(String name) {
        return new NamedThreadFactory(name, false, false, Thread::new);
    }

    /** The same naming, with another {@link Thread} subclass (Netty's fast thread-locals). */
    public static NamedThreadFactory numbered(String prefix, BiFunction<Runnable, String, Thread> constructor) {
        return new NamedThreadFactory(prefix, true, false, constructor);
    }

    public static NamedThreadFactory single(String name, BiFunction<Runnable, String, Thread> constructor) {
        return new NamedThreadFactory(name, false, false, constructor);
    }

    /** Daemon variant, for threads that must not keep a JVM alive (timers). */
    public NamedThreadFactory daemon() {
        return new NamedThreadFactory(prefix, numbered, true, constructor);
    }

    @Override
    public Thread newThread(Runnable runnable) {
        String name = numbered ? prefix + "-" + next.getAndIncrement() : prefix;
        Thread thread = constructor.apply(runnable, name);
        thread.setDaemon(daemon);
        return thread;
    }
}
