package dev.partita.storage.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.storage.file.CrashSimulatingFileIO;
import dev.partita.storage.file.FileIO;
import dev.partita.storage.file.NoFsyncFileIO;
import dev.partita.storage.log.FlushPolicy;
import dev.partita.storage.log.Log;
import dev.partita.storage.log.LogConfig;
import dev.partita.storage.log.LogTestSupport;
import dev.partita.storage.log.ManualClock;
import dev.partita.storage.log.TestBatches;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LogManagerTest {

    @TempDir
    Path dataDir;

    private final ManualClock clock = new ManualClock(0);

    @Test
    void cleanShutdownWritesTheMarkerAndTheNextOpenSeesIt() {
        // The real file layer, fsyncs included: this is the path a broker takes.
        LogManager manager = LogManager.open(dataDir, FileIO.real(), clock, LogConfig.defaults());
        assertThat(manager.hadCleanShutdown()).isFalse();
        Log log = manager.getOrCreateLog("q7", 0, LogConfig.defaults());
        log.appendAsLeader(TestBatches.batchOf(1, "hello"), 0);
        manager.getOrCreateLog("q7", 1, LogConfig.defaults());
        assertThat(dataDir.resolve("q7-0")).isDirectory();
        assertThat(dataDir.resolve("q7-1")).isDirectory();
        manager.close();
        assertThat(dataDir.resolve(LogManager.CLEAN_SHUTDOWN_FILE)).exists();

        LogManager reopened = LogManager.open(dataDir, FileIO.real(), clock, LogConfig.defaults());
        try {
            assertThat(reopened.hadCleanShutdown()).isTrue();
            assertThat(dataDir.resolve(LogManager.CLEAN_SHUTDOWN_FILE)).doesNotExist();
            assertThat(reopened.allLogs()).hasSize(2);
            Log again = reopened.getLog("q7", 0).orElseThrow();
            assertThat(LogTestSupport.readValues(again)).containsExactly("hello");
            assertThat(again.flushedOffset()).isEqualTo(1);
        } finally {
            reopened.close();
        }
    }

    @Test
    void aCrashLeavesNoMarkerAndAcknowledgedRecordsSurvive() throws IOException {
        CrashSimulatingFileIO io = NoFsyncFileIO.crashSimulating();
        LogManager manager = LogManager.open(dataDir, io, clock, LogConfig.defaults());
        Log log = manager.getOrCreateLog("t1", 0, LogConfig.defaults());
        log.appendAsLeader(TestBatches.batchOf(1, "acked"), 0);
        manager.flusher().poll(clock.millis());
        log.appendAsLeader(TestBatches.batchOf(2, "not-yet-flushed"), 0);
        io.crash();

        LogManager reopened = LogManager.open(dataDir, io, clock, LogConfig.defaults());
        try {
            assertThat(reopened.hadCleanShutdown()).isFalse();
            Log recovered = reopened.getLog("t1", 0).orElseThrow();
            assertThat(LogTestSupport.readValues(recovered)).containsExactly("acked");
            assertThat(recovered.appendAsLeader(TestBatches.batchOf(3, "next"), 0).firstOffset()).isEqualTo(1);
        } finally {
            reopened.close();
        }
    }

    @Test
    void aFailedFsyncTakesTheLogOfflineAndPreventsACleanShutdownMarker() {
        CrashSimulatingFileIO io = NoFsyncFileIO.crashSimulating();
        LogManager manager = LogManager.open(dataDir, io, clock, LogConfig.defaults());
        java.util.List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        manager.flusher().addListener(new FlushListener() {
            @Override
            public void onFlushed(Log log, long flushedOffset) {
            }

            @Override
            public void onFlushFailed(Log log, Exception error) {
                failures.add(error);
            }
        });
        Log log = manager.getOrCreateLog("sick", 0, LogConfig.defaults());
        log.appendAsLeader(TestBatches.batchOf(1, "a"), 0);
        io.failFsyncs(true);
        manager.flusher().poll(clock.millis());

        assertThat(failures).singleElement().asString().contains(CrashSimulatingFileIO.FSYNC_FAILURE_MESSAGE);
        assertThat(log.isOffline()).isTrue();
        assertThat(log.flushedOffset()).isZero();
        assertThatThrownBy(() -> log.appendAsLeader(TestBatches.batchOf(2, "b"), 0))
                .isInstanceOf(dev.partita.storage.log.LogStorageException.class).hasMessageContaining("offline");
        io.failFsyncs(false);
        assertThatThrownBy(log::flush).isInstanceOf(dev.partita.storage.log.LogStorageException.class);
        manager.close();
        assertThat(dataDir.resolve(LogManager.CLEAN_SHUTDOWN_FILE)).doesNotExist();

        LogManager reopened = LogManager.open(dataDir, io, clock, LogConfig.defaults());
        try {
            assertThat(reopened.hadCleanShutdown()).isFalse();
            Log recovered = reopened.getLog("sick", 0).orElseThrow();
            assertThat(recovered.isOffline()).isFalse();
            assertThat(LogTestSupport.readValues(recovered)).containsExactly("a");
        } finally {
            reopened.close();
        }
    }

    @Test
    void getOrCreateReturnsTheSameLogAndAppliesTheNewConfig() {
        try (LogManager manager = LogManager.open(dataDir, NoFsyncFileIO.real(), clock, LogConfig.defaults())) {
            Log log = manager.getOrCreateLog("x", 3, LogConfig.defaults());
            LogConfig perBatch = LogConfig.builder().flushPolicy(FlushPolicy.PER_BATCH).build();
            assertThat(manager.getOrCreateLog("x", 3, perBatch)).isSameAs(log);
            assertThat(log.config()).isEqualTo(perBatch);
            log.appendAsLeader(TestBatches.batchOf(1, "durable"), 0);
            assertThat(log.flushedOffset()).isEqualTo(1);
            assertThat(manager.getLog("x", 4)).isEmpty();
        }
    }

    @Test
    void deleteLogRemovesItsDirectory() {
        try (LogManager manager = LogManager.open(dataDir, NoFsyncFileIO.real(), clock, LogConfig.defaults())) {
            Log log = manager.getOrCreateLog("gone", 0, LogConfig.defaults());
            log.appendAsLeader(TestBatches.batchOf(1, "x"), 0);
            manager.deleteLog("gone", 0);
            assertThat(manager.getLog("gone", 0)).isEmpty();
            assertThat(log.isClosed()).isTrue();
            assertThat(dataDir.resolve("gone-0")).doesNotExist();
            assertThat(dataDir.toFile().list()).isEmpty();
            manager.deleteLog("gone", 0);
        }
    }

    @Test
    void leftoversOfAnInterruptedDeleteAreRemovedAndOtherEntriesIgnored() throws IOException {
        Files.createDirectories(dataDir.resolve("old-0.123.delete"));
        Files.writeString(dataDir.resolve("old-0.123.delete").resolve("00000000000000000000.log"), "x");
        Files.createDirectories(dataDir.resolve("not-a-log"));
        try (LogManager manager = LogManager.open(dataDir, NoFsyncFileIO.real(), clock, LogConfig.defaults())) {
            assertThat(manager.allLogs()).isEmpty();
            assertThat(dataDir.resolve("old-0.123.delete")).doesNotExist();
        }
    }

    @Test
    void aLogThatCannotBeOpenedFailsTheOpenWithAStorageError() throws IOException {
        try (LogManager manager = LogManager.open(dataDir, NoFsyncFileIO.real(), clock, LogConfig.defaults())) {
            manager.getOrCreateLog("good", 0, LogConfig.defaults()).appendAsLeader(TestBatches.batchOf(1, "x"), 0);
        }
        // A segment file that is a directory cannot be opened.
        Files.createDirectories(dataDir.resolve("bad-0").resolve("00000000000000000000.log"));
        assertThatThrownBy(() -> LogManager.open(dataDir, NoFsyncFileIO.real(), clock, LogConfig.defaults()))
                .isInstanceOf(dev.partita.storage.log.LogStorageException.class)
                .hasMessageContaining("bad-0");
    }

    @Test
    void logNamesAreChecked() {
        try (LogManager manager = LogManager.open(dataDir, NoFsyncFileIO.real(), clock, LogConfig.defaults())) {
            assertThatThrownBy(() -> manager.getOrCreateLog("../evil", 0, LogConfig.defaults()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> manager.getOrCreateLog("ok", -1, LogConfig.defaults()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(manager.getOrCreateLog("with-dash", 2, LogConfig.defaults()).dir().getFileName().toString())
                    .isEqualTo("with-dash-2");
        }
        try (LogManager manager = LogManager.open(dataDir, NoFsyncFileIO.real(), clock, LogConfig.defaults())) {
            assertThat(manager.getLog("with-dash", 2)).isPresent();
        }
    }
}
