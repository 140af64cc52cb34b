package dev.partita.bench.workload;

import org.HdrHistogram.Histogram;

/**
 * What one produce phase measured: records acknowledged, payload bytes, wall time from the first
 * send to the last acknowledgement, and the send-to-acknowledgement latency of every record in
 * microseconds.
 */
public record ProduceResult(long records, long payloadBytes, long elapsedNanos, Histogram latencyMicros) {

    public double recordsPerSecond() {
        return records * 1e9 / elapsedNanos;
    }

    public double megabytesPerSecond() {
        return payloadBytes * 1e9 / elapsedNanos / (1024.0 * 1024.0);
    }

    /** Latency at {@code percentile} (0-100) in milliseconds. */
    public double latencyMillis(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxLatencyMillis() {
        return latencyMicros.getMaxValue() / 1000.0;
    }
}
