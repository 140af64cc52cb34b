package dev.partita.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.protocol.record.CompressionType;
import dev.partita.protocol.record.Header;
import dev.partita.protocol.record.InvalidRecordException;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.MemoryRecordsBuilder;
import dev.partita.protocol.record.Record;
import dev.partita.protocol.record.RecordBatch;
import dev.partita.storage.file.NoFsyncFileIO;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Batches built by the protocol module's builder, compressed or not, go in and come back intact. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LogProtocolBatchesTest {

    @TempDir
    Path tmp;

    private Log log;

    @AfterEach
    void close() {
        if (log != null) {
            log.close();
        }
    }

    private static MemoryRecords build(CompressionType compression, int first, int count) {
        MemoryRecordsBuilder builder = MemoryRecordsBuilder.builder().compression(compression);
        for (int i = first; i < first + count; i++) {
            builder.append(1000L + i, ("k" + i).getBytes(StandardCharsets.UTF_8),
                    ("value-" + i).getBytes(StandardCharsets.UTF_8),
                    new Header("h", ("x" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return builder.build();
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void compressedBatchesGetOffsetsAndReadBack(CompressionType compression) {
        log = Log.open(tmp.resolve("c-0"), LogConfig.defaults(), NoFsyncFileIO.real(), new ManualClock(0), false,
                FlushRequester.NONE);
        log.appendAsLeader(build(compression, 0, 10), 2);
        log.appendAsLeader(build(compression, 10, 5), 2);

        MemoryRecords read = log.read(0, 1 << 20, Long.MAX_VALUE, true).records().toMemoryRecords();
        List<String> values = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        for (RecordBatch batch : read) {
            assertThat(batch.isCrcValid()).isTrue();
            assertThat(batch.partitionLeaderEpoch()).isEqualTo(2);
            assertThat(batch.compressionType()).isEqualTo(compression);
            for (Record record : batch) {
                offsets.add(record.offset());
                ByteBuffer value = record.value();
                values.add(StandardCharsets.UTF_8.decode(value.duplicate()).toString());
            }
        }
        assertThat(offsets).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L);
        assertThat(values.get(14)).isEqualTo("value-14");
    }

    @Test
    void aBatchWhoseRecordsDoNotMatchItsHeaderIsRejected() {
        log = Log.open(tmp.resolve("bad-0"), LogConfig.defaults(), NoFsyncFileIO.real(), new ManualClock(0), false,
                FlushRequester.NONE);
        // Claim one record more than the batch holds, with a CRC that matches the lie.
        ByteBuffer buffer = build(CompressionType.NONE, 0, 3).buffer();
        RecordBatch batch = new RecordBatch(buffer, 0);
        buffer.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, 3);
        buffer.putInt(RecordBatch.RECORDS_COUNT_OFFSET, 4);
        batch.writeCrc();
        assertThatThrownBy(() -> log.appendAsLeader(MemoryRecords.readableRecords(buffer), 0))
                .isInstanceOf(InvalidRecordException.class);
        assertThat(log.logEndOffset()).isZero();
    }
}
