package dev.partita.storage.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.partita.storage.file.CrashSimulatingFileIO;
import dev.partita.storage.file.NoFsyncFileIO;
import dev.partita.storage.log.Log;
import dev.partita.storage.log.LogConfig;
import dev.partita.storage.log.ManualClock;
import dev.partita.storage.log.TestBatches;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GroupCommitFlusherTest {

    @TempDir
    Path tmp;

    private final CrashSimulatingFileIO io = NoFsyncFileIO.crashSimulating();
    private final ManualClock clock = new ManualClock(0);
    private final Map<Log, Long> notified = new ConcurrentHashMap<>();
    private GroupCommitFlusher flusher;
    private Log first;
    private Log second;

    private void open(Clock flusherClock) {
        flusher = new GroupCommitFlusher(flusherClock);
        flusher.addListener((log, flushed) -> notified.merge(log, flushed, Math::max));
        first = Log.open(tmp.resolve("a-0"), LogConfig.defaults(), io, clock, false, flusher);
        second = Log.open(tmp.resolve("b-0"), LogConfig.defaults(), io, clock, false, flusher);
    }

    @AfterEach
    void close() {
        if (flusher != null) {
            flusher.close();
        }
        for (Log log : new Log[] {first, second}) {
            if (log != null) {
                log.close();
            }
        }
    }

    @Test
    void aFailingListenerDoesNotHideTheFlushFromTheOthers() {
        open(clock);
        Map<Log, Exception> failures = new ConcurrentHashMap<>();
        Map<Log, Long> afterTheFailingOne = new ConcurrentHashMap<>();
        flusher.addListener(new FlushListener() {
            @Override
            public void onFlushed(Log log, long flushedOffset) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onFlushFailed(Log log, Exception error) {
                failures.put(log, error);
            }
        });
        flusher.addListener((log, flushed) -> afterTheFailingOne.put(log, flushed));
        first.appendAsLeader(TestBatches.batchOf(1, "a", "b"), 0);

        flusher.poll(clock.millis());

        assertThat(afterTheFailingOne).containsEntry(first, 2L);
        assertThat(notified).containsEntry(first, 2L);
        assertThat(failures).as("the fsync itself succeeded").isEmpty();
        assertThat(first.isOffline()).isFalse();
    }

    @Test
    void oneFsyncCoversEveryAppendBeforeIt() {
        open(clock);
        for (int i = 0; i < 50; i++) {
            first.appendAsLeader(TestBatches.batchOf(i, "v" + i), 0);
        }
        second.appendAsLeader(TestBatches.batchOf(1, "w"), 0);
        assertThat(first.flushedOffset()).isZero();
        assertThat(flusher.hasPendingFlushes()).isTrue();
        long fsyncsBefore = io.fsyncCount();

        long next = flusher.poll(clock.millis());

        assertThat(next).isEqualTo(Long.MAX_VALUE);
        assertThat(first.flushedOffset()).isEqualTo(50);
        assertThat(second.flushedOffset()).isEqualTo(1);
        assertThat(notified).containsEntry(first, 50L).containsEntry(second, 1L);
        // One log-file fsync per log (a recovery-point checkpoint may add a few on a roll).
        assertThat(io.fsyncCount() - fsyncsBefore).isEqualTo(2);
        assertThat(flusher.hasPendingFlushes()).isFalse();
    }

    @Test
    void aPollWithNothingDirtyDoesNothing() {
        open(clock);
        assertThat(flusher.poll(0)).isEqualTo(Long.MAX_VALUE);
        assertThat(notified).isEmpty();
    }

    @Test
    void theFlusherThreadFlushesAppendsAsTheyArrive() {
        open(Clock.systemUTC());
        flusher.start();
        for (int i = 0; i < 200; i++) {
            first.appendAsLeader(TestBatches.batchOf(i, "v" + i), 0);
            if (i % 50 == 0) {
                int expected = i + 1;
                await().atMost(Duration.ofSeconds(10)).until(() -> notified.getOrDefault(first, 0L) >= expected);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> first.flushedOffset() == 200);
        assertThat(notified.get(first)).isEqualTo(200L);
        assertThat(threadNames()).contains(GroupCommitFlusher.THREAD_NAME);
        flusher.close();
        assertThat(threadNames()).doesNotContain(GroupCommitFlusher.THREAD_NAME);
    }

    private static List<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName).toList();
    }

    @Test
    void aClosedLogIsSkipped() {
        open(clock);
        first.appendAsLeader(TestBatches.batchOf(1, "v"), 0);
        first.close();
        assertThat(flusher.poll(0)).isEqualTo(Long.MAX_VALUE);
        assertThat(notified).doesNotContainKey(first);
    }
}
