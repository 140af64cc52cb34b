package dev.partita.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Our builder against our parser: round trips, corruption and truncation anywhere. */
class RecordBatchProperties {

    @Provide
    Arbitrary<BatchSpec> batches() {
        return RecordArbitraries.batches();
    }

    private static ByteBuffer copy(MemoryRecords records) {
        ByteBuffer source = records.buffer();
        ByteBuffer copy = ByteBuffer.allocate(source.remaining());
        copy.put(source).flip();
        return copy;
    }

    @Property(tries = 200)
    void roundTripsEveryField(@ForAll("batches") BatchSpec spec) {
        MemoryRecords records = spec.buildOurs();
        List<RecordBatch> batches = new ArrayList<>();
        records.forEach(batches::add);
        assertThat(batches).hasSize(1);
        BatchAssertions.assertOurBatch(spec, batches.get(0));

        List<Record> all = new ArrayList<>();
        records.records().forEach(all::add);
        assertThat(all).hasSize(spec.records().size());
        assertThat(all.stream().mapToInt(Record::sizeInBytes).sum()).isLessThanOrEqualTo(
                spec.compression() == CompressionType.NONE ? records.sizeInBytes() - RecordBatch.HEADER_SIZE
                        : Integer.MAX_VALUE);
    }

    @Property(tries = 200)
    void readsFromDirectBuffersAndNonZeroPositions(@ForAll("batches") BatchSpec spec,
                                                   @ForAll @IntRange(max = 40) int padding) {
        ByteBuffer built = spec.buildOurs().buffer();
        ByteBuffer direct = ByteBuffer.allocateDirect(padding + built.remaining());
        direct.position(padding);
        direct.put(built).position(padding);
        List<RecordBatch> batches = new ArrayList<>();
        MemoryRecords.readableRecords(direct).forEach(batches::add);
        assertThat(batches).hasSize(1);
        BatchAssertions.assertOurBatch(spec, batches.get(0));
    }

    /** Any change to a CRC-covered byte (attributes to the end) is caught as corruption. */
    @Property(tries = 300)
    void corruptionInsideTheCrcIsDetected(@ForAll("batches") BatchSpec spec, @ForAll int indexSeed,
                                          @ForAll byte flip) {
        ByteBuffer buffer = copy(spec.buildOurs());
        int covered = buffer.remaining() - RecordBatch.ATTRIBUTES_OFFSET;
        int index = RecordBatch.ATTRIBUTES_OFFSET + Math.floorMod(indexSeed, covered);
        byte xor = flip == 0 ? 1 : flip;
        buffer.put(index, (byte) (buffer.get(index) ^ xor));
        RecordBatch batch = RecordBatch.at(buffer);
        assertThat(batch.isValid()).isFalse();
        assertThatThrownBy(batch::ensureValid).isInstanceOf(CorruptRecordException.class);
    }

    /**
     * Outside the CRC: a damaged length or magic is rejected as invalid; base offset and leader
     * epoch are deliberately uncovered (the log rewrites them) and so cannot be checked.
     */
    @Property(tries = 300)
    void corruptionOfTheHeaderOutsideTheCrcIsRejectedOrUncovered(@ForAll("batches") BatchSpec spec,
                                                                 @ForAll @IntRange(max = 16) int index,
                                                                 @ForAll byte flip) {
        ByteBuffer buffer = copy(spec.buildOurs());
        byte xor = flip == 0 ? 1 : flip;
        buffer.put(index, (byte) (buffer.get(index) ^ xor));
        RecordBatch batch = RecordBatch.at(buffer);
        boolean uncovered = index < RecordBatch.BATCH_LENGTH_OFFSET
                || (index >= RecordBatch.PARTITION_LEADER_EPOCH_OFFSET && index < RecordBatch.MAGIC_OFFSET);
        if (uncovered) {
            batch.ensureValid();
        } else {
            assertThatThrownBy(batch::ensureValid).isInstanceOf(InvalidRecordException.class);
        }
    }

    @Property(tries = 200)
    void truncatedBatchIsNeverYieldedAndRejectedWhenReadDirectly(@ForAll("batches") BatchSpec spec,
                                                                  @ForAll int cutSeed) {
        ByteBuffer whole = copy(spec.buildOurs());
        int cut = Math.floorMod(cutSeed, whole.remaining());
        ByteBuffer truncated = whole.duplicate().limit(cut).slice();

        MemoryRecords records = MemoryRecords.readableRecords(truncated);
        assertThat(records.iterator().hasNext()).isFalse();
        assertThat(records.validBytes()).isZero();
        assertThat(records.records().iterator().hasNext()).isFalse();
        RecordBatch direct = RecordBatch.at(truncated);
        assertThatThrownBy(direct::ensureValid).isInstanceOf(InvalidRecordException.class);
        if (cut >= RecordBatch.LOG_OVERHEAD + 1) {
            assertThatThrownBy(direct::iterator).isInstanceOf(InvalidRecordException.class);
        }
    }

    /** A complete batch followed by a cut one: the complete batch is read, the tail skipped. */
    @Property(tries = 100)
    void partialTrailingBatchIsSkipped(@ForAll("batches") BatchSpec first, @ForAll("batches") BatchSpec second,
                                       @ForAll int cutSeed) {
        ByteBuffer a = first.buildOurs().buffer();
        ByteBuffer b = second.buildOurs().buffer();
        int cut = Math.floorMod(cutSeed, b.remaining());
        ByteBuffer joined = ByteBuffer.allocate(a.remaining() + cut);
        joined.put(a.duplicate()).put(b.duplicate().limit(cut)).flip();
        MemoryRecords records = MemoryRecords.readableRecords(joined);
        List<RecordBatch> batches = new ArrayList<>();
        records.forEach(batches::add);
        assertThat(batches).hasSize(1);
        assertThat(records.validBytes()).isEqualTo(a.remaining());
        BatchAssertions.assertOurBatch(first, batches.get(0));
    }

    /**
     * Garbage in the records with a CRC that matches (a buggy or hostile writer, not a damaged
     * disk): reading fails with InvalidRecordException or yields records, never anything else.
     */
    @Property(tries = 300)
    void garbageRecordsWithAValidCrcFailCleanly(@ForAll("batches") BatchSpec spec, @ForAll int indexSeed,
                                                @ForAll byte flip, @ForAll boolean lieAboutCount) {
        ByteBuffer buffer = copy(spec.buildOurs());
        int recordsLength = buffer.remaining() - RecordBatch.RECORDS_OFFSET;
        int index = RecordBatch.RECORDS_OFFSET + Math.floorMod(indexSeed, recordsLength);
        buffer.put(index, (byte) (buffer.get(index) ^ (flip == 0 ? 1 : flip)));
        if (lieAboutCount) {
            buffer.putInt(RecordBatch.RECORDS_COUNT_OFFSET, buffer.getInt(RecordBatch.RECORDS_COUNT_OFFSET) + flip);
        }
        RecordBatch batch = RecordBatch.at(buffer);
        batch.writeCrc();
        try {
            batch.ensureValid();
            int read = 0;
            for (Record record : batch) {
                record.headers();
                read++;
            }
            assertThat(read).isEqualTo(batch.recordCount());
        } catch (InvalidRecordException expected) {
            assertThat(expected).isNotInstanceOf(CorruptRecordException.class);
        }
    }
}
