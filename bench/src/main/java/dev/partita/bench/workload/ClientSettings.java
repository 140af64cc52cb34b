package dev.partita.bench.workload;

import java.time.Duration;

/**
 * Producer and consumer settings applied identically to both clients.
 *
 * @param batchSizeBytes   producer batch size (Kafka {@code batch.size})
 * @param lingerMs         producer linger (Kafka {@code linger.ms})
 * @param maxInFlightBytes payload bytes sent but not yet acknowledged before {@code send} waits
 *                         (the same back-pressure for both clients, so latencies compare)
 * @param phaseTimeout     how long one produce or consume phase may take before the cell fails
 */
public record ClientSettings(int batchSizeBytes, int lingerMs, long maxInFlightBytes, Duration phaseTimeout) {

    /** How many records of {@code recordBytes} may be in flight. */
    public int maxInFlightRecords(int recordBytes) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxInFlightBytes / recordBytes));
    }
}
