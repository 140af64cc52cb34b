package dev.partita.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.storage.file.NoFsyncFileIO;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Append, read, roll, reopen (clean or after a crash without data loss) and truncate in random
 * orders: the log always reads back exactly what a simple list model says.
 */
class LogRoundTripProperties {

    sealed interface Action permits Append, Roll, Reopen, Truncate {
    }

    record Append(int records, int valueSize) implements Action {
    }

    record Roll() implements Action {
    }

    record Reopen(boolean clean) implements Action {
    }

    record Truncate(double fraction) implements Action {
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Action> append = Combinators.combine(Arbitraries.integers().between(1, 8),
                Arbitraries.integers().between(0, 300)).as(Append::new);
        Arbitrary<Action> roll = Arbitraries.just(new Roll());
        Arbitrary<Action> reopen = Arbitraries.of(true, false).map(Reopen::new);
        Arbitrary<Action> truncate = Arbitraries.doubles().between(0, 1).map(Truncate::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, append), net.jqwik.api.Tuple.of(1, roll),
                net.jqwik.api.Tuple.of(2, reopen), net.jqwik.api.Tuple.of(1, truncate))
                .list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 60)
    void logReadsBackWhatWasAppended(@ForAll("actions") List<Action> actions,
                                     @ForAll @IntRange(min = 200, max = 3000) int segmentBytes,
                                     @ForAll @IntRange(min = 0, max = 500) int indexInterval,
                                     @ForAll @IntRange(min = 1, max = 4000) int readMaxBytes) {
        LogTestSupport.inTempDir(Duration.ofSeconds(30), tmp -> run(tmp, actions, segmentBytes, indexInterval, readMaxBytes));
    }

    private void run(Path tmp, List<Action> actions, int segmentBytes, int indexInterval, int readMaxBytes) {
        LogConfig config = LogConfig.builder().segmentBytes(segmentBytes).indexIntervalBytes(indexInterval)
                .segmentIndexBytes(240).build();
        ManualClock clock = new ManualClock(0);
        Path dir = tmp.resolve("t-0");
        Log log = Log.open(dir, config, NoFsyncFileIO.real(), clock, false, FlushRequester.NONE);
        List<String> model = new ArrayList<>();
        List<Long> batchStarts = new ArrayList<>();
        int counter = 0;
        try {
            for (Action action : actions) {
                if (action instanceof Append append) {
                    String[] values = new String[append.records()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = (counter++) + ":" + "x".repeat(append.valueSize());
                    }
                    clock.advance(1);
                    LogAppendInfo info = log.appendAsLeader(TestBatches.batchOf(clock.millis(), values), 1);
                    assertThat(info.firstOffset()).isEqualTo(model.size());
                    batchStarts.add(info.firstOffset());
                    model.addAll(List.of(values));
                } else if (action instanceof Roll) {
                    log.roll();
                } else if (action instanceof Reopen reopen) {
                    if (reopen.clean()) {
                        log.close();
                    } else {
                        log.flush();
                        log.closeWithoutFlush();
                    }
                    log = Log.open(dir, config, NoFsyncFileIO.real(), clock, reopen.clean(), FlushRequester.NONE);
                } else if (action instanceof Truncate truncate && !model.isEmpty()) {
                    long target = (long) (truncate.fraction() * model.size());
                    log.truncateTo(target);
                    long newEnd = 0;
                    for (long start : batchStarts) {
                        if (start <= target) {
                            newEnd = start;
                        }
                    }
                    if (target >= model.size()) {
                        newEnd = model.size();
                    }
                    long finalEnd = newEnd;
                    batchStarts.removeIf(start -> start >= finalEnd);
                    model.subList((int) newEnd, model.size()).clear();
                }
                assertThat(log.logEndOffset()).isEqualTo(model.size());
            }
            List<String> values = LogTestSupport.readAll(log, readMaxBytes).stream()
                    .map(TestBatches.TestRecord::valueString).toList();
            assertThat(values).isEqualTo(model);
            log.close();
            Log reopened = Log.open(dir, config, NoFsyncFileIO.real(), clock, false, FlushRequester.NONE);
            try {
                assertThat(LogTestSupport.readValues(reopened)).isEqualTo(model);
            } finally {
                reopened.close();
            }
        } finally {
            log.closeWithoutFlush();
        }
    }
}
