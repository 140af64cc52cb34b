package dev.partita.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.storage.file.NoFsyncFileIO;
import dev.partita.storage.manager.GroupCommitFlusher;
import dev.partita.storage.segment.TimestampOffset;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer appending, rolling and deleting old segments, the group-commit thread flushing, and
 * readers reading at random offsets all at once: readers only ever see complete batches holding
 * the records written at those offsets, or a clean out-of-range error for deleted offsets.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LogConcurrencyTest {

    @TempDir
    Path tmp;

    @Test
    void readersSeeOnlyWhatTheWriterPublished() throws Exception {
        LogConfig config = LogConfig.builder().segmentBytes(2048).indexIntervalBytes(200).segmentIndexBytes(800)
                .retentionBytes(20_000).retentionMs(-1).build();
        GroupCommitFlusher flusher = new GroupCommitFlusher(Clock.systemUTC());
        Log log = Log.open(tmp.resolve("c-0"), config, NoFsyncFileIO.real(), Clock.systemUTC(), false, flusher);
        flusher.start();
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicLong reads = new AtomicLong();
        List<Thread> readers = List.of(reader(log, done, failures, reads), reader(log, done, failures, reads),
                reader(log, done, failures, reads));
        readers.forEach(Thread::start);
        try {
            long offset = 0;
            // At least 3000 appends, and on until the readers (maybe starved of CPU on a loaded
            // machine) have read while the writer works; bounded so a broken reader cannot hang it.
            for (int i = 0; i < 3000 || (reads.get() < 200 && failures.isEmpty() && i < 200_000); i++) {
                int count = 1 + i % 4;
                String[] values = new String[count];
                for (int r = 0; r < count; r++) {
                    values[r] = "v" + (offset + r);
                }
                log.appendAsLeader(TestBatches.batchOf(offset, values), 0);
                offset += count;
                if (i % 100 == 0) {
                    log.deleteOldSegments(Long.MAX_VALUE, System.currentTimeMillis());
                }
            }
        } finally {
            done.set(true);
            for (Thread reader : readers) {
                reader.join(10_000);
            }
            flusher.close();
            log.close();
        }
        assertThat(failures).isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(log.flushedOffset()).isEqualTo(log.logEndOffset());
    }

    private static Thread reader(Log log, AtomicBoolean done, ConcurrentLinkedQueue<Throwable> failures, AtomicLong reads) {
        return new Thread(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (!done.get()) {
                long start = log.logStartOffset();
                long end = log.logEndOffset();
                if (end == start) {
                    continue;
                }
                long offset = start + random.nextLong(end - start);
                try {
                    List<TestBatches.TestRecord> records = TestBatches.records(
                            log.read(offset, random.nextInt(1, 3000), Long.MAX_VALUE, true).records().toMemoryRecords());
                    if (records.isEmpty() || records.get(0).offset() > offset) {
                        throw new AssertionError("no record at " + offset + ": " + records);
                    }
                    for (TestBatches.TestRecord record : records) {
                        if (!record.valueString().equals("v" + record.offset())) {
                            throw new AssertionError("offset " + record.offset() + " holds " + record.valueString());
                        }
                    }
                    Optional<TimestampOffset> byTime = log.offsetForTimestamp(offset);
                    if (byTime.isPresent() && byTime.get().timestamp() < offset) {
                        throw new AssertionError("timestamp lookup for " + offset + " found " + byTime.get());
                    }
                    reads.incrementAndGet();
                } catch (java.io.UncheckedIOException e) {
                    // A slice of a segment that retention deleted and closed after the read.
                    if (!(e.getCause() instanceof java.nio.channels.ClosedChannelException)
                            || offset >= log.logStartOffset()) {
                        failures.add(e);
                    }
                } catch (OffsetOutOfRangeException e) {
                    if (offset >= log.logStartOffset()) {
                        failures.add(new AssertionError("offset " + offset + " out of range but log starts at "
                                + log.logStartOffset(), e));
                    }
                } catch (Throwable t) {
                    failures.add(t);
                    return;
                }
            }
        }, "test-reader");
    }
}
