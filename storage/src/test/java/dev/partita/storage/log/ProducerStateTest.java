package dev.partita.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.protocol.record.MemoryRecords;
import dev.partita.storage.file.NoFsyncFileIO;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProducerStateTest {

    private static final long PRODUCER = 42;

    @TempDir
    Path tmp;

    private final ManualClock clock = new ManualClock(0);
    private Log log;

    @AfterEach
    void close() {
        if (log != null) {
            log.closeWithoutFlush();
        }
    }

    private Log open(boolean clean) {
        log = Log.open(tmp.resolve("p-0"), LogConfig.builder().segmentBytes(400).build(), NoFsyncFileIO.real(), clock,
                clean, FlushRequester.NONE);
        return log;
    }

    private static MemoryRecords batch(short epoch, int sequence, int count) {
        byte[][] values = new byte[count][];
        for (int i = 0; i < count; i++) {
            values[i] = ("s" + (sequence + i)).getBytes(StandardCharsets.UTF_8);
        }
        return TestBatches.idempotentBatch(PRODUCER, epoch, sequence, 1, values);
    }

    @Test
    void aRetriedBatchReturnsItsOriginalOffsetsAndIsNotStoredTwice() {
        open(false);
        log.appendAsLeader(TestBatches.batchOf(1, "other"), 0);
        LogAppendInfo first = log.appendAsLeader(batch((short) 0, 0, 3), 0);
        LogAppendInfo retry = log.appendAsLeader(batch((short) 0, 0, 3), 0);

        assertThat(first.duplicate()).isFalse();
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.firstOffset()).isEqualTo(first.firstOffset()).isEqualTo(1);
        assertThat(retry.lastOffset()).isEqualTo(first.lastOffset()).isEqualTo(3);
        assertThat(log.logEndOffset()).isEqualTo(4);
        assertThat(log.appendAsLeader(batch((short) 0, 3, 1), 0).firstOffset()).isEqualTo(4);
    }

    @Test
    void sequenceGapsAndOldEpochsAreRejected() {
        open(false);
        assertThatThrownBy(() -> log.appendAsLeader(batch((short) 0, 5, 1), 0))
                .isInstanceOf(OutOfOrderSequenceException.class).hasMessageContaining("sequence 0");
        log.appendAsLeader(batch((short) 1, 0, 2), 0);
        assertThatThrownBy(() -> log.appendAsLeader(batch((short) 1, 3, 1), 0))
                .isInstanceOf(OutOfOrderSequenceException.class).hasMessageContaining("expected 2");
        assertThatThrownBy(() -> log.appendAsLeader(batch((short) 0, 2, 1), 0))
                .isInstanceOf(InvalidProducerEpochException.class);
        assertThatThrownBy(() -> log.appendAsLeader(batch((short) 2, 1, 1), 0))
                .isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(log.appendAsLeader(batch((short) 2, 0, 1), 0).firstOffset()).isEqualTo(2);
        assertThat(log.logEndOffset()).isEqualTo(3);
    }

    @Test
    void onlyTheLastFiveBatchesAreRecognisedAsDuplicates() {
        open(false);
        for (int i = 0; i < 6; i++) {
            log.appendAsLeader(batch((short) 0, i, 1), 0);
        }
        assertThat(log.appendAsLeader(batch((short) 0, 1, 1), 0).duplicate()).isTrue();
        assertThatThrownBy(() -> log.appendAsLeader(batch((short) 0, 0, 1), 0))
                .isInstanceOf(OutOfOrderSequenceException.class);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void stateIsRebuiltOnReopen(boolean cleanShutdown) {
        open(false);
        for (int i = 0; i < 20; i++) {
            log.appendAsLeader(batch((short) 0, i * 2, 2), 0);
        }
        assertThat(log.numberOfSegments()).isGreaterThan(2);
        if (cleanShutdown) {
            log.close();
        } else {
            log.flush();
            log.closeWithoutFlush();
        }
        open(cleanShutdown);
        LogAppendInfo retry = log.appendAsLeader(batch((short) 0, 38, 2), 0);
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.firstOffset()).isEqualTo(38);
        assertThat(log.appendAsLeader(batch((short) 0, 40, 1), 0).firstOffset()).isEqualTo(40);
    }

    @Test
    void snapshotsAreTakenAtRollAndUnreadableOnesAreIgnored() throws IOException {
        open(false);
        for (int i = 0; i < 20; i++) {
            log.appendAsLeader(batch((short) 0, i, 1), 0);
        }
        List<Path> snapshots = snapshots();
        assertThat(snapshots).isNotEmpty().hasSizeLessThanOrEqualTo(2);
        log.close();
        for (Path snapshot : snapshots()) {
            Files.write(snapshot, new byte[] {1, 2, 3});
        }
        open(true);
        assertThat(log.appendAsLeader(batch((short) 0, 19, 1), 0).duplicate()).isTrue();
        assertThatThrownBy(() -> log.appendAsLeader(batch((short) 0, 21, 1), 0))
                .isInstanceOf(OutOfOrderSequenceException.class);
    }

    @Test
    void truncationRollsTheProducerStateBack() {
        open(false);
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(batch((short) 0, i, 1), 0);
        }
        log.truncateTo(6);
        assertThat(log.appendAsLeader(batch((short) 0, 5, 1), 0).duplicate()).isTrue();
        assertThat(log.appendAsLeader(batch((short) 0, 6, 1), 0).firstOffset()).isEqualTo(6);
    }

    private List<Path> snapshots() throws IOException {
        try (Stream<Path> files = Files.list(tmp.resolve("p-0"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(ProducerStateManager.SNAPSHOT_SUFFIX)).toList();
        }
    }
}
