package dev.partita.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.Executable;

/** Helpers for storage tests (jqwik properties cannot use {@code @TempDir} or {@code @Timeout}). */
public final class LogTestSupport {

    private LogTestSupport() {
    }

    /** Every record of the log, read front to back in slices of at most {@code maxBytes}. */
    public static List<TestBatches.TestRecord> readAll(Log log, int maxBytes) {
        List<TestBatches.TestRecord> result = new ArrayList<>();
        long offset = log.logStartOffset();
        long end = log.logEndOffset();
        while (offset < end) {
            LogReadResult read = log.read(offset, maxBytes, Long.MAX_VALUE, true);
            List<TestBatches.TestRecord> records = TestBatches.records(read.records().toMemoryRecords());
            assertThat(records).as("records at %d of %s", offset, log).isNotEmpty();
            for (TestBatches.TestRecord record : records) {
                if (record.offset() >= offset) {
                    result.add(record);
                }
            }
            offset = records.get(records.size() - 1).offset() + 1;
        }
        return result;
    }

    /** The values of every record, in offset order. */
    public static List<String> readValues(Log log) {
        return readAll(log, 1 << 20).stream().map(TestBatches.TestRecord::valueString).toList();
    }

    /** Runs {@code body} in a fresh temporary directory that is deleted afterwards, within {@code timeout}. */
    public static void inTempDir(Duration timeout, TempDirBody body) {
        Path dir;
        try {
            dir = Files.createTempDirectory("partita-storage-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Executable executable = () -> body.run(dir);
            Assertions.assertTimeoutPreemptively(timeout, executable);
        } finally {
            deleteRecursively(dir);
        }
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    public interface TempDirBody {
        void run(Path dir) throws Exception;
    }
}
