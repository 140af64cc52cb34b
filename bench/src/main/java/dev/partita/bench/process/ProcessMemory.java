package dev.partita.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads a process's resident memory from {@code /proc/<pid>/status} (Linux only): {@code VmHWM}
 * is the peak resident set size over the process's life, {@code VmRSS} the current one. Stateless
 * and thread-safe; every method returns empty where {@code /proc} is not available.
 */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** Peak resident set size in bytes ({@code VmHWM}). */
    public static OptionalLong peakResidentBytes(long pid) {
        return readKilobyteField(pid, "VmHWM:");
    }

    /** Current resident set size in bytes ({@code VmRSS}). */
    public static OptionalLong residentBytes(long pid) {
        return readKilobyteField(pid, "VmRSS:");
    }

    static OptionalLong parseKilobyteField(List<String> statusLines, String field) {
        for (String line : statusLines) {
            if (line.startsWith(field)) {
                // e.g. "VmHWM:\t  123456 kB"
                String[] parts = line.substring(field.length()).trim().split("\\s+");
                return OptionalLong.of(Long.parseLong(parts[0]) * 1024L);
            }
        }
        return OptionalLong.empty();
    }

    private static OptionalLong readKilobyteField(long pid, String field) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            return parseKilobyteField(Files.readAllLines(status), field);
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
