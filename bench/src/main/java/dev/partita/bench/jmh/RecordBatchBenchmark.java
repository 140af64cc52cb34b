package dev.partita.bench.jmh;

import dev.partita.protocol.record.CompressionType;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.MemoryRecordsBuilder;
import dev.partita.protocol.record.Record;
import dev.partita.protocol.record.RecordBatch;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The record batch hot path of every produce: the client builds a batch of about one producer
 * batch size (16 KiB) of records, the broker validates it (CRC-32C over the batch, header checks)
 * on append, and consumers iterate its records. One benchmark per step, per record size and codec.
 * Thread-safety: JMH gives each thread its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordBatchBenchmark {

    private static final int BATCH_BYTES = 16 * 1024;

    @Param({"100", "1024"})
    public int recordBytes;

    @Param({"none", "lz4"})
    public String compression;

    private byte[] value;
    private int recordsPerBatch;
    private CompressionType codec;
    private ByteBuffer builtBatch;

    @Setup
    public void setUp() {
        value = new byte[recordBytes];
        ThreadLocalRandom.current().nextBytes(value);
        recordsPerBatch = Math.max(1, BATCH_BYTES / recordBytes);
        codec = CompressionType.forName(compression);
        builtBatch = build().buffer();
        int batchBytes = RecordBatch.at(builtBatch.duplicate()).sizeInBytes();
        if (codec == CompressionType.NONE && batchBytes < BATCH_BYTES * 9 / 10) {
            // A benchmark over a batch much smaller than a producer batch would measure the wrong thing.
            throw new IllegalStateException("built batch has only " + batchBytes + " bytes");
        }
    }

    /** Client side: appends {@code recordsPerBatch} records and closes the batch (CRC included). */
    @Benchmark
    public MemoryRecords build() {
        MemoryRecordsBuilder builder = MemoryRecordsBuilder.builder().compression(codec);
        long now = 1_700_000_000_000L;
        for (int i = 0; i < recordsPerBatch; i++) {
            builder.append(now + i, null, value);
        }
        return builder.build();
    }

    /** Broker side on append: CRC and header validation of one batch. */
    @Benchmark
    public int validate() {
        RecordBatch batch = RecordBatch.at(builtBatch.duplicate());
        batch.ensureValid();
        return batch.recordCount();
    }

    /** Consumer side: decode every record of the batch. */
    @Benchmark
    public long iterate() {
        long bytes = 0;
        for (Record record : RecordBatch.at(builtBatch.duplicate()).records()) {
            ByteBuffer recordValue = record.value();
            bytes += recordValue == null ? 0 : recordValue.remaining();
        }
        return bytes;
    }
}
