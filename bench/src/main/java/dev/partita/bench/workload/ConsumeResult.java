package dev.partita.bench.workload;

/** What one consume phase measured: records and payload bytes read back, and the wall time. */
public record ConsumeResult(long records, long payloadBytes, long elapsedNanos) {

    public double recordsPerSecond() {
        return records * 1e9 / elapsedNanos;
    }

    public double megabytesPerSecond() {
        return payloadBytes * 1e9 / elapsedNanos / (1024.0 * 1024.0);
    }
}
