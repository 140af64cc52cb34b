package dev.partita.bench.fsync;

import dev.partita.bench.report.MarkdownTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command line front of {@link FsyncProbe}: runs a grid of write sizes and writes-per-fsync and
 * prints it as a markdown table. Also used by {@code PerfRun} for the report's fsync section.
 */
@Command(name = "fsync-limit", mixinStandardHelpOptions = true,
    description = "Measures the disk's fsync-bounded append rate (fsync per write, and every k writes).")
public final class FsyncLimit implements Callable<Integer> {

    @Option(names = "--dir", description = "Directory on the disk to measure (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));

    @Option(names = "--write-bytes", split = ",", description = "Bytes per write (default: ${DEFAULT-VALUE}).")
    List<Integer> writeBytes = List.of(100, 1024, 16384);

    @Option(names = "--writes-per-fsync", split = ",", description = "k: one fsync every k writes (default: ${DEFAULT-VALUE}).")
    List<Integer> writesPerFsync = List.of(1, 16, 64);

    @Option(names = "--seconds", description = "Seconds per probe (default: ${DEFAULT-VALUE}).")
    double seconds = 2.0;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FsyncLimit()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<FsyncSample> samples = measureGrid(dir, writeBytes, writesPerFsync, Duration.ofMillis((long) (seconds * 1000)));
        System.out.println(toMarkdown(samples));
        return 0;
    }

    /** Every combination of write size and writes per fsync, in order. */
    public static List<FsyncSample> measureGrid(Path dir, List<Integer> writeSizes, List<Integer> writesPerFsync,
                                                Duration each) throws IOException {
        List<FsyncSample> samples = new ArrayList<>();
        for (int size : writeSizes) {
            for (int k : writesPerFsync) {
                samples.add(FsyncProbe.measure(dir, size, k, each));
            }
        }
        return samples;
    }

    public static String toMarkdown(List<FsyncSample> samples) {
        MarkdownTable table = new MarkdownTable("write size", "writes per fsync", "bytes per fsync", "fsyncs/s",
            "writes/s", "MB/s");
        for (FsyncSample s : samples) {
            table.row(s.writeBytes() + " B", Integer.toString(s.writesPerFsync()), Long.toString(s.bytesPerFsync()),
                MarkdownTable.number(s.fsyncsPerSecond()), MarkdownTable.number(s.writesPerSecond()),
                MarkdownTable.decimal(s.megabytesPerSecond()));
        }
        return table.render();
    }
}
