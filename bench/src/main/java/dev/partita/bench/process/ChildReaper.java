package dev.partita.bench.process;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Remembers every child JVM and temporary directory the benchmark holds, and a JVM shutdown hook
 * that kills and removes whatever is left, so Ctrl-C or an exception never leaves a broker running
 * or gigabytes of logs in the temporary directory. Thread-safe (synchronized).
 */
final class ChildReaper {

    private static final Set<ChildJvm> JVMS = new LinkedHashSet<>();
    private static final Set<Path> DIRS = new LinkedHashSet<>();
    private static boolean hookInstalled;

    private ChildReaper() {
    }

    static synchronized void register(ChildJvm jvm) {
        installHook();
        JVMS.add(jvm);
    }

    static synchronized void unregister(ChildJvm jvm) {
        JVMS.remove(jvm);
    }

    static synchronized void registerDir(Path dir) {
        installHook();
        DIRS.add(dir);
    }

    static synchronized void unregisterDir(Path dir) {
        DIRS.remove(dir);
    }

    private static void installHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(ChildReaper::reapAll, "bench-reaper"));
            hookInstalled = true;
        }
    }

    private static void reapAll() {
        Set<ChildJvm> jvms;
        Set<Path> dirs;
        synchronized (ChildReaper.class) {
            jvms = new LinkedHashSet<>(JVMS);
            dirs = new LinkedHashSet<>(DIRS);
        }
        for (ChildJvm jvm : jvms) {
            System.err.println("stopping " + jvm.name() + " (pid " + jvm.pid() + ") on exit");
            jvm.killNow();
        }
        for (Path dir : dirs) {
            TempDirs.deleteRecursively(dir);
        }
    }
}
