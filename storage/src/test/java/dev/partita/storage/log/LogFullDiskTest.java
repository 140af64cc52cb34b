package dev.partita.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.storage.file.CrashSimulatingFileIO;
import dev.partita.storage.file.NoFsyncFileIO;
import dev.partita.storage.manager.GroupCommitFlusher;
import dev.partita.storage.segment.LogSegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A full disk (ENOSPC injected through the file layer) fails the append cleanly. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LogFullDiskTest {

    @TempDir
    Path tmp;

    private final CrashSimulatingFileIO io = NoFsyncFileIO.crashSimulating();
    private final ManualClock clock = new ManualClock(0);
    private final GroupCommitFlusher flusher = new GroupCommitFlusher(clock);
    private Log log;

    @AfterEach
    void close() {
        if (log != null) {
            log.closeWithoutFlush();
        }
    }

    private Path dir() {
        return tmp.resolve("full-0");
    }

    private Log open(LogConfig config) {
        log = Log.open(dir(), config, io, clock, false, flusher);
        return log;
    }

    private long logFileSize() throws IOException {
        return Files.size(dir().resolve(LogSegment.fileName(lastBase(), LogSegment.LOG_SUFFIX)));
    }

    private long lastBase() throws IOException {
        try (var files = Files.list(dir())) {
            return files.map(p -> LogSegment.parseBaseOffset(p.getFileName().toString(), LogSegment.LOG_SUFFIX))
                    .filter(b -> b >= 0).max(Long::compare).orElseThrow();
        }
    }

    @Test
    void appendOnAFullDiskFailsAndLeavesTheLogAsItWas() throws IOException {
        open(LogConfig.defaults());
        log.appendAsLeader(TestBatches.batchOf(1, "a", "b"), 0);
        flusher.poll(0);
        long sizeBefore = logFileSize();

        io.failWithNoSpace(true);
        assertThatThrownBy(() -> log.appendAsLeader(TestBatches.batchOf(2, "c", "d", "e"), 0))
                .isInstanceOf(LogStorageException.class)
                .hasMessageContaining("No space left on device")
                .hasMessageContaining("nothing was stored");
        assertThat(log.logEndOffset()).isEqualTo(2);
        assertThat(logFileSize()).isEqualTo(sizeBefore);
        assertThat(LogTestSupport.readValues(log)).containsExactly("a", "b");
        // Flushing what was stored before still works: fsync needs no space.
        flusher.poll(0);
        assertThat(log.flushedOffset()).isEqualTo(2);

        io.failWithNoSpace(false);
        LogAppendInfo next = log.appendAsLeader(TestBatches.batchOf(3, "f"), 0);
        assertThat(next.firstOffset()).isEqualTo(2);
        assertThat(LogTestSupport.readValues(log)).containsExactly("a", "b", "f");
    }

    @Test
    void fullDiskAtASegmentRollFailsWithoutRolling() throws IOException {
        open(LogConfig.builder().segmentBytes(200).build());
        log.appendAsLeader(TestBatches.batchOf(1, "x".repeat(100)), 0);
        int segments = log.numberOfSegments();

        io.failWithNoSpace(true);
        assertThatThrownBy(() -> log.appendAsLeader(TestBatches.batchOf(2, "y".repeat(100)), 0))
                .isInstanceOf(LogStorageException.class).hasMessageContaining("No space left on device");
        assertThat(log.numberOfSegments()).isEqualTo(segments);
        assertThat(log.logEndOffset()).isEqualTo(1);

        io.failWithNoSpace(false);
        assertThat(log.appendAsLeader(TestBatches.batchOf(3, "z".repeat(100)), 0).firstOffset()).isEqualTo(1);
        assertThat(log.numberOfSegments()).isEqualTo(segments + 1);
        assertThat(LogTestSupport.readValues(log)).containsExactly("x".repeat(100), "z".repeat(100));
    }

    @Test
    void anEmptyLeftoverSegmentAtTheEndTakesTheNextAppends() throws IOException {
        open(LogConfig.builder().segmentBytes(200).build());
        log.appendAsLeader(TestBatches.batchOf(1, "x".repeat(100)), 0);
        log.close();
        // Leftover of a roll at offset 1 that created the file and then crashed.
        Files.createFile(dir().resolve(LogSegment.fileName(1, LogSegment.LOG_SUFFIX)));
        open(LogConfig.builder().segmentBytes(200).build());
        assertThat(log.logEndOffset()).isEqualTo(1);
        assertThat(LogTestSupport.readValues(log)).containsExactly("x".repeat(100));
        log.appendAsLeader(TestBatches.batchOf(2, "y"), 0);
        assertThat(LogTestSupport.readValues(log)).containsExactly("x".repeat(100), "y");
    }

    @Test
    void anEmptyLeftoverSegmentInTheMiddleIsDroppedWithoutLosingLaterData() throws IOException {
        LogConfig config = LogConfig.builder().segmentBytes(200).build();
        open(config);
        for (String value : new String[] {"a", "b", "c"}) {
            log.appendAsLeader(TestBatches.batchOf(1, value.repeat(40), value.repeat(40), value.repeat(40)), 0);
        }
        assertThat(log.numberOfSegments()).isEqualTo(3);
        log.close();
        // Segments hold [0,3), [3,6), [6,9); a failed roll left an empty segment file at 1.
        Files.createFile(dir().resolve(LogSegment.fileName(1, LogSegment.LOG_SUFFIX)));
        open(config);
        assertThat(log.logEndOffset()).isEqualTo(9);
        assertThat(LogTestSupport.readValues(log)).hasSize(9).endsWith("c".repeat(40));
        assertThat(dir().resolve(LogSegment.fileName(1, LogSegment.LOG_SUFFIX))).doesNotExist();
    }

    @Test
    void aCrashAfterAFailedAppendRecoversEverythingFlushed() throws IOException {
        open(LogConfig.defaults());
        for (int i = 0; i < 5; i++) {
            log.appendAsLeader(TestBatches.batchOf(i, "v" + i), 0);
        }
        flusher.poll(0);
        io.failWithNoSpace(true);
        assertThatThrownBy(() -> log.appendAsLeader(TestBatches.batchOf(9, "lost"), 0))
                .isInstanceOf(LogStorageException.class);
        io.failWithNoSpace(false);
        io.crash();

        open(LogConfig.defaults());
        assertThat(log.logEndOffset()).isEqualTo(5);
        assertThat(LogTestSupport.readValues(log)).containsExactly("v0", "v1", "v2", "v3", "v4");
        assertThat(log.appendAsLeader(TestBatches.batchOf(10, "next"), 0).firstOffset()).isEqualTo(5);
    }
}
