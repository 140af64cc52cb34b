package dev.partita.bench.report;

import dev.partita.bench.workload.SystemConfig.Product;

/** A broker JVM's peak resident memory ({@code VmHWM}) at the end of one round; -1 if unknown. */
public record MemorySample(int round, Product product, long peakResidentBytes) {
}
