package dev.partita.bench.workload;

/**
 * Which partition the i-th record of a produce phase goes to, the same for both clients: runs of
 * one producer batch's worth of records, round robin over the partitions (what Kafka's default
 * sticky partitioner does, made deterministic so both brokers get the same batches). Immutable.
 */
public final class PartitionPlan {

    private final int partitions;
    private final long recordsPerRun;

    public PartitionPlan(int partitions, int batchSizeBytes, int recordBytes) {
        this.partitions = partitions;
        this.recordsPerRun = Math.max(1, batchSizeBytes / recordBytes);
    }

    public int partitionOf(long recordIndex) {
        return (int) ((recordIndex / recordsPerRun) % partitions);
    }
}
