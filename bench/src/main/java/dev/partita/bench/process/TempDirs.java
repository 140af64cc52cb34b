package dev.partita.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Creates and removes the temporary directories of the brokers under test; a directory created
 * here is removed on JVM exit if nobody removed it before. Thread-safe.
 */
public final class TempDirs {

    private TempDirs() {
    }

    /** A fresh directory under {@code parent} whose name starts with {@code prefix}. */
    public static Path create(Path parent, String prefix) {
        try {
            Files.createDirectories(parent);
            Path dir = Files.createTempDirectory(parent, prefix);
            ChildReaper.registerDir(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory in " + parent, e);
        }
    }

    /** Deletes {@code dir} and everything in it; a missing directory is not an error. */
    public static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(TempDirs::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
        ChildReaper.unregisterDir(dir);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Best effort: a file the broker still writes while it dies is left for the OS.
            System.err.println("could not delete " + path + ": " + e.getMessage());
        }
    }
}
