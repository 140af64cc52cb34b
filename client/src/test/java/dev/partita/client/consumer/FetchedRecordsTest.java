package dev.partita.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.client.metadata.TopicPartition;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.ControlRecordType;
import dev.partita.protocol.record.CorruptRecordException;
import dev.partita.protocol.record.EndTransactionMarker;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.MemoryRecordsBuilder;
import dev.partita.protocol.record.RecordBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FetchedRecordsTest {

    private static final TopicPartition TP = new TopicPartition(TopicKey.topic("prices"), 3);

    /** A batch at {@code baseOffset} holding values "v{offset}". */
    private static MemoryRecords batch(long baseOffset, int count) {
        MemoryRecordsBuilder builder = MemoryRecordsBuilder.builder().baseOffset(baseOffset);
        for (int i = 0; i < count; i++) {
            builder.append(100 + i, null, ("v" + (baseOffset + i)).getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private static MemoryRecords concat(MemoryRecords... parts) {
        int size = 0;
        for (MemoryRecords part : parts) {
            size += part.sizeInBytes();
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (MemoryRecords part : parts) {
            out.put(part.buffer());
        }
        return new MemoryRecords(out.flip());
    }

    private static MemoryRecords truncated(MemoryRecords records, int bytes) {
        ByteBuffer buffer = records.buffer();
        buffer.limit(buffer.position() + bytes);
        return new MemoryRecords(buffer.slice());
    }

    private static String value(ConsumedRecord record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    @Test
    void recordsBelowThePositionInTheFirstBatchAreSkipped() {
        FetchedRecords.Decoded decoded = FetchedRecords.decode(TP, concat(batch(0, 5), batch(5, 2)), 3);
        assertThat(decoded.records()).extracting(ConsumedRecord::offset).containsExactly(3L, 4L, 5L, 6L);
        assertThat(decoded.records()).extracting(FetchedRecordsTest::value).containsExactly("v3", "v4", "v5", "v6");
        assertThat(decoded.records().get(0).topic()).isEqualTo(TP.topic());
        assertThat(decoded.records().get(0).partition()).isEqualTo(3);
        assertThat(decoded.records().get(0).timestamp()).isEqualTo(103);
        assertThat(decoded.nextPosition()).isEqualTo(7);
    }

    @Test
    void aBatchEntirelyBelowThePositionYieldsNothing() {
        FetchedRecords.Decoded decoded = FetchedRecords.decode(TP, concat(batch(0, 2), batch(2, 2)), 2);
        assertThat(decoded.records()).extracting(ConsumedRecord::offset).containsExactly(2L, 3L);
    }

    @Test
    void aPartialTrailingBatchIsLeftForTheNextFetch() {
        MemoryRecords second = batch(2, 3);
        MemoryRecords records = concat(batch(0, 2), truncated(second, second.sizeInBytes() - 5));
        FetchedRecords.Decoded decoded = FetchedRecords.decode(TP, records, 0);
        assertThat(decoded.records()).extracting(ConsumedRecord::offset).containsExactly(0L, 1L);
        assertThat(decoded.nextPosition()).isEqualTo(2);
    }

    @Test
    void aControlBatchYieldsNoRecordButMovesThePositionPastIt() {
        MemoryRecords marker = MemoryRecords.endTransactionMarker(2, 50, 0, 9L, (short) 0,
                new EndTransactionMarker(ControlRecordType.COMMIT, 0));
        FetchedRecords.Decoded decoded = FetchedRecords.decode(TP, concat(batch(0, 2), marker, batch(3, 1)), 0);
        assertThat(decoded.records()).extracting(ConsumedRecord::offset).containsExactly(0L, 1L, 3L);
        assertThat(decoded.nextPosition()).isEqualTo(4);
    }

    @Test
    void aCorruptBatchFailsWithCorruptRecord() {
        MemoryRecords records = batch(0, 2);
        ByteBuffer buffer = records.buffer();
        int last = buffer.limit() - 1;
        buffer.put(last, (byte) (buffer.get(last) ^ 0xFF));
        assertThatThrownBy(() -> FetchedRecords.decode(TP, new MemoryRecords(buffer), 0)).isInstanceOf(CorruptRecordException.class);
    }

    @Test
    void bytesWithoutAnyCompleteBatchMeanTheBatchIsTooLargeForTheFetchLimits() {
        MemoryRecords big = batch(0, 3);
        assertThatThrownBy(() -> FetchedRecords.decode(TP, truncated(big, RecordBatch.HEADER_SIZE + 2), 0))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo(Errors.RECORD_TOO_LARGE));
    }

    @Test
    void anEmptyAnswerKeepsThePosition() {
        FetchedRecords.Decoded decoded = FetchedRecords.decode(TP, MemoryRecords.EMPTY, 17);
        assertThat(decoded.records()).isEmpty();
        assertThat(decoded.nextPosition()).isEqualTo(17);
    }
}
