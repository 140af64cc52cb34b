package dev.partita.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.storage.file.NoFsyncFileIO;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link Log#sizeInBytesFrom}: the bytes a reader starting at an offset has left, across segments. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LogSizeInBytesFromTest {

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

    @Test
    void countsFromTheBatchHoldingTheOffsetToTheEnd() {
        // 10 batches of one record, 3 per segment: segments [0,3), [3,6), [6,9), [9,10).
        log = Log.open(tmp.resolve("s-0"), LogConfig.builder().segmentBytes(3 * 175).retentionMs(-1).retentionBytes(0).build(),
                NoFsyncFileIO.real(), clock, false, FlushRequester.NONE);
        int batchBytes = -1;
        for (int i = 0; i < 10; i++) {
            long before = log.sizeInBytes();
            log.appendAsLeader(TestBatches.batchOf(1000L + i, String.format("%03d", i) + "x".repeat(97)), 0);
            batchBytes = (int) (log.sizeInBytes() - before);
        }
        assertThat(log.numberOfSegments()).isGreaterThan(1);

        assertThat(log.sizeInBytesFrom(0)).isEqualTo(log.sizeInBytes()).isEqualTo(10L * batchBytes);
        for (long offset = 0; offset <= 10; offset++) {
            assertThat(log.sizeInBytesFrom(offset)).as("from offset %d", offset).isEqualTo((10 - offset) * batchBytes);
        }
        assertThat(log.sizeInBytesFrom(Long.MAX_VALUE)).isZero();

        log.deleteOldSegments(4, clock.millis()); // keeps the segment holding offset 4: the log starts at 3
        assertThat(log.logStartOffset()).isEqualTo(3);
        assertThat(log.sizeInBytesFrom(0)).isEqualTo(7L * batchBytes);
        assertThat(log.sizeInBytesFrom(4)).isEqualTo(6L * batchBytes);
    }
}
