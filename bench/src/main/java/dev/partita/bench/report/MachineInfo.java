package dev.partita.bench.report;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Describes the machine a run was made on (CPU, cores, memory, disk of the data directories,
 * kernel, Java), read from {@code /proc} and {@code /sys} where available. Stateless.
 */
public final class MachineInfo {

    private MachineInfo() {
    }

    /** Bullet lines for the report. */
    public static List<String> describe(Path workDir) {
        List<String> lines = new ArrayList<>();
        lines.add("CPU: " + firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"))
            + ", " + Runtime.getRuntime().availableProcessors() + " cores available (nproc)");
        lines.add("Memory: " + firstValue(Path.of("/proc/meminfo"), "MemTotal").orElse("unknown"));
        lines.add("Disk of the data directories: " + disk(workDir));
        lines.add("Kernel: " + read(Path.of("/proc/sys/kernel/osrelease")).orElse(System.getProperty("os.version")));
        lines.add("Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
            + " (" + System.getProperty("java.vendor") + ")");
        return lines;
    }

    private static String disk(Path workDir) {
        try {
            FileStore store = Files.getFileStore(existingAncestor(workDir));
            String device = store.name();
            String rotational = read(Path.of("/sys/block", Path.of(device).getFileName().toString(), "queue", "rotational"))
                .map(r -> r.equals("1") ? ", reported rotational" : ", reported non-rotational").orElse("");
            return workDir + " on " + device + " (" + store.type() + rotational + ", "
                + (store.getTotalSpace() >> 30) + " GiB)";
        } catch (IOException e) {
            return workDir + " (file store unknown: " + e.getMessage() + ")";
        }
    }

    private static Path existingAncestor(Path path) {
        Path current = path.toAbsolutePath();
        while (current != null && !Files.exists(current)) {
            current = current.getParent();
        }
        return current == null ? Path.of("/") : current;
    }

    private static Optional<String> firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(line -> line.startsWith(key))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
