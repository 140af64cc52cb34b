package dev.partita.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.storage.file.NoFsyncFileIO;
import dev.partita.storage.segment.LogSegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LogRetentionTest {

    @TempDir
    Path tmp;

    private final ManualClock clock = new ManualClock(1_000_000);
    private Log log;

    @AfterEach
    void close() {
        if (log != null) {
            log.closeWithoutFlush();
        }
    }

    /** 30 batches of one ~100-byte record, 3 per segment, timestamps 1000, 2000, ... */
    private void fill(LogConfig config) {
        log = Log.open(tmp.resolve("r-0"), config, NoFsyncFileIO.real(), clock, false, FlushRequester.NONE);
        for (int i = 0; i < 30; i++) {
            log.appendAsLeader(TestBatches.batchOf((i + 1) * 1000L, String.format("%03d", i) + "x".repeat(97)), 0);
        }
    }

    private static LogConfig.Builder smallSegments() {
        return LogConfig.builder().segmentBytes(3 * 175).retentionMs(-1);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(tmp.resolve("r-0"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void deletesOldestSegmentsBeyondTheSizeLimit() throws IOException {
        fill(smallSegments().retentionBytes(1200).build());
        int before = log.numberOfSegments();
        long sizePerSegment = log.sizeInBytes() / before;

        int deleted = log.deleteOldSegments(Long.MAX_VALUE, clock.millis());

        assertThat(deleted).isPositive();
        // Like Kafka: whole segments go as long as what remains still holds retention.bytes.
        assertThat(log.sizeInBytes()).isGreaterThanOrEqualTo(1200).isLessThan(1200 + sizePerSegment);
        assertThat(log.logStartOffset()).isEqualTo(deleted * 3L);
        assertThat(LogTestSupport.readValues(log)).hasSize(30 - deleted * 3).first().asString().startsWith(String.format("%03d", deleted * 3));
        assertThatThrownBy(() -> log.read(0, 100, Long.MAX_VALUE, true)).isInstanceOf(OffsetOutOfRangeException.class);
        assertThat(files()).noneMatch(name -> name.endsWith(LogSegment.DELETED_SUFFIX))
                .doesNotContain(LogSegment.fileName(0, LogSegment.LOG_SUFFIX));
        assertThat(log.deleteOldSegments(Long.MAX_VALUE, clock.millis())).isZero();
    }

    @Test
    void neverDeletesASegmentHoldingOffsetsAtOrAboveTheFloor() {
        fill(smallSegments().retentionBytes(0).build());
        int deleted = log.deleteOldSegments(10, clock.millis());
        // Segments hold offsets [0,3), [3,6), [6,9), [9,12): the last of those holds 10 and 11.
        assertThat(deleted).isEqualTo(3);
        assertThat(log.logStartOffset()).isEqualTo(9);
        assertThat(LogTestSupport.readValues(log).get(1)).startsWith("010");
        assertThat(log.deleteOldSegments(9, clock.millis())).isZero();
    }

    @Test
    void neverDeletesTheActiveSegment() {
        fill(smallSegments().retentionBytes(0).retentionMs(0).build());
        clock.advance(1_000_000_000);
        log.deleteOldSegments(Long.MAX_VALUE, clock.millis());
        assertThat(log.numberOfSegments()).isEqualTo(1);
        assertThat(log.logStartOffset()).isEqualTo(27);
        assertThat(log.logEndOffset()).isEqualTo(30);
    }

    @Test
    void deletesSegmentsWhoseNewestRecordIsOlderThanRetentionMs() {
        fill(smallSegments().retentionMs(10_500).build());
        // Newest timestamps per segment: 3000, 6000, ..., 30000. Now = 20000: older than 9500 goes.
        int deleted = log.deleteOldSegments(Long.MAX_VALUE, 20_000);
        assertThat(deleted).isEqualTo(3);
        assertThat(log.logStartOffset()).isEqualTo(9);
    }

    @Test
    void retentionMovesTheLeaderEpochCacheStartAndSurvivesReopen() {
        fill(smallSegments().retentionBytes(600).build());
        log.deleteOldSegments(Long.MAX_VALUE, clock.millis());
        long start = log.logStartOffset();
        assertThat(log.leaderEpochCache().entries()).containsExactly(new LeaderEpochCache.EpochEntry(0, start));
        log.close();
        log = Log.open(tmp.resolve("r-0"), smallSegments().build(), NoFsyncFileIO.real(), clock, true, FlushRequester.NONE);
        assertThat(log.logStartOffset()).isEqualTo(start);
        assertThat(log.logEndOffset()).isEqualTo(30);
    }
}
