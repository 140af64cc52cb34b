package dev.partita.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ControlRecordsTest {

    private static Record controlRecord(ByteBuffer key, ByteBuffer value) {
        MemoryRecords records = MemoryRecordsBuilder.builder().append(1L, key, value).build();
        return records.records().iterator().next();
    }

    @Test
    void keyLayoutIsVersionThenType() {
        ByteBuffer key = ControlRecordType.COMMIT.recordKey();
        assertThat(key.remaining()).isEqualTo(4);
        assertThat(key.getShort(0)).isEqualTo((short) 0);
        assertThat(key.getShort(2)).isEqualTo((short) 1);
        assertThat(ControlRecordType.parse(key)).isEqualTo(ControlRecordType.COMMIT);
        assertThat(key.position()).isZero();
    }

    @Test
    void typesThisVersionDoesNotKnowReadAsUnknown() {
        ByteBuffer leaderChange = ByteBuffer.allocate(4).putShort((short) 0).putShort((short) 2).flip();
        assertThat(ControlRecordType.parse(leaderChange)).isEqualTo(ControlRecordType.UNKNOWN);
        assertThatThrownBy(ControlRecordType.UNKNOWN::recordKey).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new EndTransactionMarker(ControlRecordType.UNKNOWN, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedKeysAndValuesAreInvalid() {
        assertThatThrownBy(() -> ControlRecordType.parse(ByteBuffer.allocate(3))).isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> ControlRecordType.parse(null)).isInstanceOf(InvalidRecordException.class);
        ByteBuffer negativeVersion = ByteBuffer.allocate(4).putShort((short) -1).putShort((short) 0).flip();
        assertThatThrownBy(() -> ControlRecordType.parse(negativeVersion)).isInstanceOf(InvalidRecordException.class);

        ByteBuffer commit = ControlRecordType.COMMIT.recordKey();
        assertThatThrownBy(() -> EndTransactionMarker.deserialize(controlRecord(commit, ByteBuffer.allocate(5))))
                .isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> EndTransactionMarker.deserialize(controlRecord(commit, null)))
                .isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void laterMarkerVersionsWithExtraFieldsStillRead() {
        ByteBuffer value = ByteBuffer.allocate(10).putShort((short) 1).putInt(42).putInt(7).flip();
        EndTransactionMarker marker = EndTransactionMarker.deserialize(
                controlRecord(ControlRecordType.ABORT.recordKey(), value));
        assertThat(marker).isEqualTo(new EndTransactionMarker(ControlRecordType.ABORT, 42));
    }

    @Test
    void markerValueLayoutIsVersionThenCoordinatorEpoch() {
        ByteBuffer value = new EndTransactionMarker(ControlRecordType.COMMIT, 0x01020304).serializeValue();
        assertThat(value.remaining()).isEqualTo(EndTransactionMarker.VALUE_SIZE);
        assertThat(value.getShort(0)).isZero();
        assertThat(value.getInt(2)).isEqualTo(0x01020304);
    }

    @Test
    void recordsOfSeveralBatchesReadInOrder() {
        MemoryRecords data = MemoryRecords.withRecords(10L, CompressionType.LZ4,
                new SimpleRecord(1L, null, new byte[] {1}), new SimpleRecord(2L, null, new byte[] {2}));
        MemoryRecords marker = MemoryRecords.endTransactionMarker(12L, 3L, 0, 5L, (short) 0,
                new EndTransactionMarker(ControlRecordType.COMMIT, 0));
        ByteBuffer both = ByteBuffer.allocate(data.sizeInBytes() + marker.sizeInBytes());
        both.put(data.buffer()).put(marker.buffer()).flip();

        List<Long> offsets = new ArrayList<>();
        MemoryRecords.readableRecords(both).records().forEach(record -> offsets.add(record.offset()));
        assertThat(offsets).containsExactly(10L, 11L, 12L);
        List<Boolean> control = new ArrayList<>();
        MemoryRecords.readableRecords(both).batches().forEach(batch -> control.add(batch.isControlBatch()));
        assertThat(control).containsExactly(false, true);
    }
}
