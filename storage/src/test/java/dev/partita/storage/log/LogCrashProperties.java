package dev.partita.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.storage.file.CrashSimulatingFileIO;
import dev.partita.storage.file.NoFsyncFileIO;
import dev.partita.storage.manager.GroupCommitFlusher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random appends, group-commit polls or per-batch fsyncs, rolls, truncations and simulated power losses (the
 * file layer drops every byte not fsynced, or keeps a random part of the unsynced tail). After
 * every crash and reopen: every record acknowledged as flushed is still there, every record that
 * survived is the one originally written at its offset, and new appends continue after them, so
 * no durable offset is ever handed out twice.
 */
class LogCrashProperties {

    sealed interface Action permits Append, Poll, Roll, Truncate, Crash {
    }

    record Append(int records, int valueSize) implements Action {
    }

    record Poll() implements Action {
    }

    record Roll() implements Action {
    }

    record Truncate(double fraction) implements Action {
    }

    record Crash(boolean partialWriteback, long seed) implements Action {
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Action> append = Combinators.combine(Arbitraries.integers().between(1, 5),
                Arbitraries.integers().between(0, 200)).as(Append::new);
        Arbitrary<Action> crash = Combinators.combine(Arbitraries.of(true, false), Arbitraries.longs())
                .as(Crash::new);
        return Arbitraries.frequencyOf(Tuple.of(10, append), Tuple.of(4, Arbitraries.just(new Poll())),
                Tuple.of(1, Arbitraries.just(new Roll())), Tuple.of(2, crash),
                Tuple.of(1, Arbitraries.doubles().between(0, 1).map(Truncate::new))).list().ofMinSize(1).ofMaxSize(50);
    }

    @Property(tries = 80)
    void acknowledgedRecordsSurviveCrashes(@ForAll("actions") List<Action> actions,
                                           @ForAll boolean perBatch,
                                           @ForAll("segmentSizes") int segmentBytes) {
        LogTestSupport.inTempDir(Duration.ofSeconds(30), tmp -> run(tmp, actions, perBatch, segmentBytes));
    }

    @Provide
    Arbitrary<Integer> segmentSizes() {
        return Arbitraries.integers().between(300, 4000);
    }

    private void run(Path tmp, List<Action> actions, boolean perBatch, int segmentBytes) throws Exception {
        CrashSimulatingFileIO io = NoFsyncFileIO.crashSimulating();
        ManualClock clock = new ManualClock(0);
        GroupCommitFlusher flusher = new GroupCommitFlusher(clock);
        long[] acknowledged = {0};
        flusher.addListener((log, flushed) -> acknowledged[0] = Math.max(acknowledged[0], flushed));
        LogConfig config = LogConfig.builder().segmentBytes(segmentBytes).indexIntervalBytes(100)
                .segmentIndexBytes(480)
                .flushPolicy(perBatch ? FlushPolicy.PER_BATCH : FlushPolicy.GROUP_COMMIT).build();
        Path dir = tmp.resolve("t-0");
        Log log = Log.open(dir, config, io, clock, false, flusher);
        List<String> model = new ArrayList<>();
        int counter = 0;
        try {
            for (Action action : actions) {
                if (action instanceof Append append) {
                    String[] values = new String[append.records()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = (counter++) + "|" + "v".repeat(append.valueSize());
                    }
                    LogAppendInfo info = log.appendAsLeader(TestBatches.batchOf(clock.millis(), values), 0);
                    assertThat(info.firstOffset()).isEqualTo(model.size());
                    model.addAll(List.of(values));
                    if (perBatch) {
                        assertThat(log.durableOffset()).isEqualTo(log.logEndOffset());
                        acknowledged[0] = log.durableOffset();
                    }
                } else if (action instanceof Poll) {
                    flusher.poll(clock.millis());
                    assertThat(log.flushedOffset()).isEqualTo(log.logEndOffset());
                } else if (action instanceof Roll) {
                    log.roll();
                } else if (action instanceof Truncate truncate) {
                    // Replication truncates a diverging tail; what remains must still recover.
                    log.truncateTo((long) (truncate.fraction() * model.size()));
                    long end = log.logEndOffset();
                    model.subList((int) end, model.size()).clear();
                    acknowledged[0] = Math.min(acknowledged[0], end);
                    assertThat(LogTestSupport.readValues(log)).isEqualTo(model);
                } else if (action instanceof Crash crash) {
                    io.crash(crash.partialWriteback() ? new Random(crash.seed()) : null);
                    flusher.poll(clock.millis()); // the dead log may still be queued: must not break the flusher
                    log = Log.open(dir, config, io, clock, false, flusher);
                    long end = log.logEndOffset();
                    assertThat(end).as("log end after crash").isGreaterThanOrEqualTo(acknowledged[0]);
                    assertThat(end).isLessThanOrEqualTo(model.size());
                    assertThat(LogTestSupport.readValues(log)).isEqualTo(model.subList(0, (int) end));
                    model.subList((int) end, model.size()).clear();
                    // Recovery fsyncs what it kept, so it counts as acknowledged from now on.
                    assertThat(log.flushedOffset()).isEqualTo(end);
                    acknowledged[0] = end;
                }
            }
            assertThat(LogTestSupport.readValues(log)).isEqualTo(model);
        } finally {
            log.closeWithoutFlush();
        }
    }
}
