package dev.partita.bench.flow;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the heap of the JVM it runs in: every 500 ms a full collection ({@code System.gc()}),
 * then the occupancy after it as the live set (what flow control bounds), and the occupancy just
 * before it (garbage included). Prints {@code HEAP live=<bytes> used=<bytes>} (the peaks so far)
 * whenever a peak grew; {@link FlowRun} reads the last such line from the JVM's log. The forced
 * collections cost the JVM a few per cent of its time.
 *
 * <p>Thread-safe: one daemon sampling thread; {@link #report} may be called from any thread.
 */
final class HeapSampler {

    static final String PREFIX = "HEAP ";

    private final AtomicLong peakLive = new AtomicLong();
    private final AtomicLong peakUsed = new AtomicLong();
    private final PrintStream out;
    private long reportedLive = -1; // sampling thread only
    private long reportedUsed = -1; // sampling thread only

    private HeapSampler(PrintStream out) {
        this.out = out;
    }

    static HeapSampler start(PrintStream out) {
        HeapSampler sampler = new HeapSampler(out);
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heap-sampler");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleAtFixedRate(sampler::sample, 0, 500, TimeUnit.MILLISECONDS);
        return sampler;
    }

    private void sample() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        System.gc();
        peakLive.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        if (peakLive.get() != reportedLive || peakUsed.get() != reportedUsed) {
            reportedLive = peakLive.get();
            reportedUsed = peakUsed.get();
            report();
        }
    }

    void report() {
        synchronized (out) {
            out.println(PREFIX + "live=" + peakLive.get() + " used=" + peakUsed.get());
            out.flush();
        }
    }

    /** {live, used} of a line printed by {@link #report}, or null for any other line. */
    static long[] parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = line.substring(PREFIX.length()).trim().split(" ");
        return new long[] {Long.parseLong(parts[0].substring("live=".length())),
            Long.parseLong(parts[1].substring("used=".length()))};
    }
}
