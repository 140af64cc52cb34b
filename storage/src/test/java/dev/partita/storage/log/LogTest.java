package dev.partita.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.protocol.record.CorruptRecordException;
import dev.partita.protocol.record.InvalidRecordException;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.RecordBatch;
import dev.partita.protocol.record.TimestampType;
import dev.partita.storage.file.NoFsyncFileIO;
import dev.partita.storage.segment.TimestampOffset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LogTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_000_000L);
    private Log log;

    private Log open(LogConfig config, boolean clean) {
        log = Log.open(dir.resolve("log-0"), config, NoFsyncFileIO.real(), clock, clean, FlushRequester.NONE);
        return log;
    }

    @AfterEach
    void closeLog() {
        if (log != null) {
            log.closeWithoutFlush();
        }
    }

    private static List<String> values(LogReadResult result) {
        return TestBatches.records(result.records().toMemoryRecords()).stream()
                .map(TestBatches.TestRecord::valueString).toList();
    }

    @Test
    void appendAssignsConsecutiveOffsetsAndReadsThemBack() {
        open(LogConfig.defaults(), false);
        LogAppendInfo first = log.appendAsLeader(TestBatches.batchOf(10, "a", "b", "c"), 3);
        LogAppendInfo second = log.appendAsLeader(TestBatches.batchOf(20, "d"), 3);

        assertThat(first.firstOffset()).isZero();
        assertThat(first.lastOffset()).isEqualTo(2);
        assertThat(second.firstOffset()).isEqualTo(3);
        assertThat(log.logEndOffset()).isEqualTo(4);
        assertThat(values(log.read(0, 1 << 20, Long.MAX_VALUE, true))).containsExactly("a", "b", "c", "d");
        assertThat(values(log.read(3, 1 << 20, Long.MAX_VALUE, true))).containsExactly("d");
        RecordBatch stored = log.read(0, 1 << 20, Long.MAX_VALUE, true).records().toMemoryRecords().iterator().next();
        assertThat(stored.partitionLeaderEpoch()).isEqualTo(3);
        assertThat(stored.isCrcValid()).isTrue();
        assertThat(log.leaderEpochCache().latestEpoch()).hasValue(3);
    }

    @Test
    void readStopsAtBatchBoundariesAndUpperBound() {
        open(LogConfig.defaults(), false);
        for (int i = 0; i < 5; i++) {
            log.appendAsLeader(TestBatches.batchOf(i, "v" + i), 0);
        }
        int batchSize = log.read(0, 1 << 20, 1, true).records().sizeInBytes();
        assertThat(values(log.read(0, batchSize * 2 + 1, Long.MAX_VALUE, false))).containsExactly("v0", "v1");
        assertThat(values(log.read(1, 1, Long.MAX_VALUE, true))).containsExactly("v1");
        assertThat(log.read(1, 1, Long.MAX_VALUE, false).records().sizeInBytes()).isZero();
        assertThat(values(log.read(0, 1 << 20, 3, true))).containsExactly("v0", "v1", "v2");
        assertThat(log.read(5, 100, Long.MAX_VALUE, true).records().sizeInBytes()).isZero();
        assertThatThrownBy(() -> log.read(6, 100, Long.MAX_VALUE, true)).isInstanceOf(OffsetOutOfRangeException.class);
        assertThatThrownBy(() -> log.read(-1, 100, Long.MAX_VALUE, true)).isInstanceOf(OffsetOutOfRangeException.class);
    }

    @Test
    void rollsBySizeAndReadsAcrossSegmentsAfterReopen() {
        LogConfig config = LogConfig.builder().segmentBytes(300).indexIntervalBytes(100).segmentIndexBytes(1024).build();
        open(config, false);
        for (int i = 0; i < 40; i++) {
            log.appendAsLeader(TestBatches.batchOf(i, "value-" + i), 1);
        }
        assertThat(log.numberOfSegments()).isGreaterThan(5);
        log.close();
        open(config, true);
        assertThat(log.logEndOffset()).isEqualTo(40);
        for (int i = 0; i < 40; i++) {
            assertThat(values(log.read(i, 1, Long.MAX_VALUE, true))).containsExactly("value-" + i);
        }
        log.appendAsLeader(TestBatches.batchOf(99, "after"), 1);
        assertThat(values(log.read(40, 1000, Long.MAX_VALUE, true))).containsExactly("after");
    }

    @Test
    void aRolledSegmentsIndexesAreTrimmedToTheirEntriesAndStillServeReads() throws Exception {
        LogConfig config = LogConfig.builder().segmentBytes(600).indexIntervalBytes(50).segmentIndexBytes(4080).build();
        open(config, false);
        for (int i = 0; i < 40; i++) {
            log.appendAsLeader(TestBatches.batchOf(i, "value-" + i), 1);
        }
        assertThat(log.numberOfSegments()).isGreaterThan(3);
        Path logDir = dir.resolve("log-0");
        String activePrefix = String.format("%020d", activeSegmentBase(logDir));
        List<Path> indexes;
        try (Stream<Path> files = Files.list(logDir)) {
            indexes = files.filter(f -> f.toString().endsWith(".index") || f.toString().endsWith(".timeindex")).toList();
        }
        assertThat(indexes).hasSize(2 * log.numberOfSegments());
        for (Path index : indexes) {
            long size = Files.size(index);
            int entrySize = index.toString().endsWith(".timeindex") ? 12 : 8;
            if (index.getFileName().toString().startsWith(activePrefix)) {
                assertThat(size).as("the active %s stays preallocated", index.getFileName()).isEqualTo(4080);
            } else {
                // A crash then leaves an index that passes the sanity check instead of a
                // zero-filled preallocated tail that forces a rebuild from the log.
                assertThat(size).as("the rolled %s keeps only its entries", index.getFileName())
                        .isPositive().isLessThan(4080).isEqualTo(size / entrySize * entrySize);
            }
        }
        for (int i = 0; i < 40; i++) {
            assertThat(values(log.read(i, 1, Long.MAX_VALUE, true))).containsExactly("value-" + i);
        }
    }

    private static long activeSegmentBase(Path logDir) throws IOException {
        try (Stream<Path> files = Files.list(logDir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".log"))
                    .mapToLong(n -> Long.parseLong(n.substring(0, 20))).max().orElseThrow();
        }
    }

    @Test
    void rollsWhenAnIndexIsFull() {
        // Room for two time-index entries (12 bytes each); an entry before every batch but the first.
        open(LogConfig.builder().segmentIndexBytes(24).indexIntervalBytes(0).build(), false);
        for (int i = 0; i < 9; i++) {
            log.appendAsLeader(TestBatches.batchOf(i, "v" + i), 0);
        }
        assertThat(log.numberOfSegments()).isEqualTo(3);
        assertThat(LogTestSupport.readValues(log)).hasSize(9).endsWith("v8");
        assertThat(values(log.read(4, 1, Long.MAX_VALUE, true))).containsExactly("v4");
    }

    @Test
    void rollsByAge() {
        open(LogConfig.builder().segmentMs(1000).build(), false);
        log.appendAsLeader(TestBatches.batchOf(1, "a"), 0);
        clock.advance(999);
        log.appendAsLeader(TestBatches.batchOf(1, "b"), 0);
        assertThat(log.numberOfSegments()).isEqualTo(1);
        clock.advance(1);
        log.appendAsLeader(TestBatches.batchOf(1, "c"), 0);
        assertThat(log.numberOfSegments()).isEqualTo(2);
    }

    @Test
    void rejectsBadBatchesWithoutConsumingOffsets() {
        open(LogConfig.builder().maxMessageBytes(200).build(), false);
        MemoryRecords corrupt = TestBatches.batchOf(1, "hello");
        ByteBuffer bytes = corrupt.buffer();
        bytes.put(bytes.limit() - 1, (byte) (bytes.get(bytes.limit() - 1) ^ 1));
        assertThatThrownBy(() -> log.appendAsLeader(MemoryRecords.readableRecords(bytes), 0))
                .isInstanceOf(CorruptRecordException.class);

        ByteBuffer wrongMagic = TestBatches.batchOf(1, "x").buffer();
        wrongMagic.put(RecordBatch.MAGIC_OFFSET, (byte) 1);
        assertThatThrownBy(() -> log.appendAsLeader(MemoryRecords.readableRecords(wrongMagic), 0))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("magic");

        ByteBuffer cut = TestBatches.batchOf(1, "x").buffer();
        cut.limit(cut.limit() - 3);
        assertThatThrownBy(() -> log.appendAsLeader(MemoryRecords.readableRecords(cut), 0))
                .isInstanceOf(InvalidRecordException.class);

        assertThatThrownBy(() -> log.appendAsLeader(TestBatches.batch(1, new byte[300]), 0))
                .isInstanceOf(RecordTooLargeException.class);

        assertThat(log.logEndOffset()).isZero();
        assertThat(log.appendAsLeader(TestBatches.batchOf(1, "ok"), 0).firstOffset()).isZero();
    }

    @Test
    void flushPoliciesDecideWhatIsDurable() {
        open(LogConfig.builder().flushPolicy(FlushPolicy.NONE).build(), false);
        log.appendAsLeader(TestBatches.batchOf(1, "a"), 0);
        assertThat(log.flushedOffset()).isZero();
        assertThat(log.durableOffset()).as("none: lossy, reports the log end").isEqualTo(1);
        log.close();

        open(LogConfig.builder().flushPolicy(FlushPolicy.PER_BATCH).build(), true);
        log.appendAsLeader(TestBatches.batchOf(1, "b"), 0);
        assertThat(log.flushedOffset()).isEqualTo(2);
        log.updateConfig(LogConfig.builder().flushPolicy(FlushPolicy.GROUP_COMMIT).build());
        log.appendAsLeader(TestBatches.batchOf(1, "c"), 0);
        assertThat(log.durableOffset()).as("group commit waits for a flush").isEqualTo(2);
        log.flush();
        assertThat(log.durableOffset()).isEqualTo(3);
    }

    @Test
    void aStaleLeaderEpochIsRejected() {
        open(LogConfig.defaults(), false);
        log.appendAsLeader(TestBatches.batchOf(1, "a"), 5);
        assertThatThrownBy(() -> log.appendAsLeader(TestBatches.batchOf(1, "b"), 4))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not the current leader");
        assertThat(log.logEndOffset()).isEqualTo(1);
    }

    @Test
    void logAppendTimeStampsTheBatch() {
        open(LogConfig.builder().timestampType(TimestampType.LOG_APPEND_TIME).build(), false);
        LogAppendInfo info = log.appendAsLeader(TestBatches.batchOf(5, "a"), 0);
        assertThat(info.logAppendTime()).isEqualTo(clock.millis());
        RecordBatch stored = log.read(0, 1000, Long.MAX_VALUE, true).records().toMemoryRecords().iterator().next();
        assertThat(stored.isLogAppendTime()).isTrue();
        assertThat(stored.maxTimestamp()).isEqualTo(clock.millis());
        assertThat(stored.isCrcValid()).isTrue();
    }

    @Test
    void findsOffsetsByTimestamp() {
        open(LogConfig.builder().segmentBytes(400).indexIntervalBytes(50).build(), false);
        for (int i = 0; i < 30; i++) {
            log.appendAsLeader(TestBatches.batchOf(1000 + i * 10L, "v" + i), 0);
        }
        assertThat(log.offsetForTimestamp(0)).contains(new TimestampOffset(1000, 0));
        assertThat(log.offsetForTimestamp(1105)).contains(new TimestampOffset(1110, 11));
        assertThat(log.offsetForTimestamp(1290)).contains(new TimestampOffset(1290, 29));
        assertThat(log.offsetForTimestamp(1291)).isEqualTo(Optional.empty());
    }

    @Test
    void followerAppendKeepsOffsetsAndEpochs() {
        open(LogConfig.defaults(), false);
        MemoryRecords batch = TestBatches.batchOf(1, "a", "b");
        ByteBuffer buffer = batch.buffer();
        new RecordBatch(buffer, 0).setBaseOffset(0);
        new RecordBatch(buffer, 0).setPartitionLeaderEpoch(7);
        log.appendAsFollower(MemoryRecords.readableRecords(buffer));
        assertThat(log.logEndOffset()).isEqualTo(2);
        assertThat(log.leaderEpochCache().latestEpoch()).hasValue(7);
        assertThatThrownBy(() -> log.appendAsFollower(MemoryRecords.readableRecords(buffer.duplicate())))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("truncate first");
    }

    @Test
    void truncateToRemovesTheTailAndEpochs() {
        open(LogConfig.builder().segmentBytes(300).build(), false);
        for (int i = 0; i < 20; i++) {
            log.appendAsLeader(TestBatches.batchOf(i, "v" + i), i < 10 ? 1 : 2);
        }
        log.truncateTo(8);
        assertThat(log.logEndOffset()).isEqualTo(8);
        assertThat(log.leaderEpochCache().latestEpoch()).hasValue(1);
        assertThat(log.appendAsLeader(TestBatches.batchOf(1, "new"), 3).firstOffset()).isEqualTo(8);
        assertThat(values(log.read(7, 1, Long.MAX_VALUE, true))).containsExactly("v7");
        assertThat(values(log.read(8, 1000, Long.MAX_VALUE, true))).containsExactly("new");
    }
}
