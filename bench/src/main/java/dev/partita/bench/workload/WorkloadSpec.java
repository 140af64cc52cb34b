package dev.partita.bench.workload;

/**
 * One cell of the workload: how many records of which value size go to how many partitions.
 * Records have no key and no headers; values are random bytes generated once.
 */
public record WorkloadSpec(int recordBytes, int partitions, long records) {

    public WorkloadSpec {
        if (recordBytes <= 0 || partitions <= 0 || records <= 0) {
            throw new IllegalArgumentException("record size, partitions and record count must be positive");
        }
    }

    /** {@code runBytes} worth of {@code recordBytes}-byte values, at least one record. */
    public static WorkloadSpec ofBytes(int recordBytes, int partitions, long runBytes) {
        return new WorkloadSpec(recordBytes, partitions, Math.max(1, runBytes / recordBytes));
    }

    public long payloadBytes() {
        return records * recordBytes;
    }

    /** e.g. {@code "100 B, 4 p"}. */
    public String label() {
        String size = recordBytes % 1024 == 0 ? (recordBytes / 1024) + " KiB" : recordBytes + " B";
        return size + ", " + partitions + " p";
    }
}
