package dev.partita.storage.manager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.storage.file.CrashSimulatingFileIO;
import dev.partita.storage.file.NoFsyncFileIO;
import dev.partita.storage.log.Log;
import dev.partita.storage.log.LogConfig;
import dev.partita.storage.log.LogTestSupport;
import dev.partita.storage.log.TestBatches;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real flusher thread fsyncs while the writer appends; a simulated power loss strikes at a
 * random moment. Every offset the flusher reported as flushed survives, with its record.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GroupCommitCrashTest {

    @TempDir
    Path tmp;

    @RepeatedTest(5)
    void recordsReportedFlushedSurviveACrashDuringGroupCommit() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        CrashSimulatingFileIO io = NoFsyncFileIO.crashSimulating();
        LogConfig config = LogConfig.builder().segmentBytes(4096).segmentIndexBytes(1200).build();
        List<String> written = new ArrayList<>();
        AtomicLong acknowledged = new AtomicLong();
        LogManager manager = LogManager.open(tmp, io, Clock.systemUTC(), config);
        manager.flusher().addListener((log, flushed) -> acknowledged.accumulateAndGet(flushed, Math::max));
        manager.flusher().start();
        Log log = manager.getOrCreateLog("gc", 0, config);
        int crashAt = 100 + random.nextInt(900);
        for (int i = 0; i < crashAt; i++) {
            String[] values = {"r" + written.size(), "r" + (written.size() + 1)};
            log.appendAsLeader(TestBatches.batchOf(i, values), 0);
            written.addAll(List.of(values));
        }
        long acknowledgedBeforeCrash = acknowledged.get();
        io.crash(random.nextBoolean() ? random : null);
        manager.flusher().close();

        LogManager reopened = LogManager.open(tmp, io, Clock.systemUTC(), config);
        try {
            assertThat(reopened.hadCleanShutdown()).as("seed %d", seed).isFalse();
            Log recovered = reopened.getLog("gc", 0).orElseThrow();
            long end = recovered.logEndOffset();
            assertThat(end).as("seed %d", seed).isGreaterThanOrEqualTo(acknowledgedBeforeCrash);
            assertThat(LogTestSupport.readValues(recovered)).as("seed %d", seed).isEqualTo(written.subList(0, (int) end));
            assertThat(recovered.appendAsLeader(TestBatches.batchOf(1, "next"), 0).firstOffset()).isEqualTo(end);
        } finally {
            reopened.close();
        }
    }
}
