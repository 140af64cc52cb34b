package dev.partita.provider.flow;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the heap of the child JVM it runs in and reports it on standard output, one line
 * {@code HEAP live=<bytes> used=<bytes>} whenever a peak grew: every 500 ms it runs a full
 * collection ({@code System.gc()}) and takes the heap occupancy after it as a sample of the live
 * set, the memory the process really holds (the number flow control bounds); {@code used} is the
 * largest occupancy seen at those samples before collecting, garbage included. The parent keeps
 * the largest values it read. The forced collections cost the child a few per cent of its time.
 *
 * <p>Thread-safe: one sampling thread; {@link #report} may be called from any thread.
 */
final class HeapReporter {

    static final String PREFIX = "HEAP ";

    private final AtomicLong peakLive = new AtomicLong();
    private final AtomicLong peakUsed = new AtomicLong();
    private final PrintStream out;
    private long reportedLive = -1; // sampler thread only
    private long reportedUsed = -1; // sampler thread only

    private HeapReporter(PrintStream out) {
        this.out = out;
    }

    /** Starts the daemon sampling thread. */
    static HeapReporter start(PrintStream out) {
        HeapReporter reporter = new HeapReporter(out);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "heap-reporter");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(reporter::sample, 0, 500, TimeUnit.MILLISECONDS);
        return reporter;
    }

    private void sample() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        System.gc();
        peakLive.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        long live = peakLive.get();
        long used = peakUsed.get();
        if (live != reportedLive || used != reportedUsed) {
            reportedLive = live;
            reportedUsed = used;
            report();
        }
    }

    /** Prints the current peaks (also called by the child before it exits). */
    void report() {
        synchronized (out) {
            out.println(PREFIX + "live=" + peakLive.get() + " used=" + peakUsed.get());
            out.flush();
        }
    }

    /** Parses a line printed by {@link #report}: {live, used}, or null for another line. */
    static long[] parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = line.substring(PREFIX.length()).split(" ");
        return new long[] {Long.parseLong(parts[0].substring("live=".length())),
            Long.parseLong(parts[1].substring("used=".length()))};
    }
}
