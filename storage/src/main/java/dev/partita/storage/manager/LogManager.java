package dev.partita.storage.manager;

import dev.partita.storage.file.FileIO;
import dev.partita.storage.file.LogFile;
import dev.partita.storage.log.Log;
import dev.partita.storage.log.LogConfig;
import dev.partita.storage.log.LogStorageException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logs of one data directory. Each log lives in {@code <logId>-<partition>}; the directory
 * also holds {@code .clean-shutdown}, written by {@link #close()} after every log was flushed and
 * closed, and deleted when the directory is opened again: a restart without it recovers the logs
 * (see {@link Log#open}) and the broker knows it crashed ({@link #hadCleanShutdown()}).
 *
 * <p>Owns a {@link GroupCommitFlusher} wired into every log; the broker adds its listener and
 * starts it ({@code flusher().start()}), a test may drive {@code flusher().poll(now)} instead.
 *
 * <p>Thread-safe: logs are created, looked up and deleted concurrently; each {@link Log} has its
 * own threading rules.
 */
public final class LogManager implements AutoCloseable {

    public static final String CLEAN_SHUTDOWN_FILE = ".clean-shutdown";
    /** Suffix a log directory gets while it is being deleted; leftovers are removed on open. */
    public static final String DELETE_SUFFIX = ".delete";
    private static final Logger LOG = LoggerFactory.getLogger(LogManager.class);

    /** A log's name: the log id and the partition number. */
    public record LogKey(String logId, int partition) {
        public LogKey {
            if (logId == null || logId.isEmpty() || logId.contains("/") || logId.contains("\\")
                    || logId.startsWith(".") || partition < 0) {
                throw new IllegalArgumentException("invalid log " + logId + "-" + partition);
            }
        }

        public String dirName() {
            return logId + "-" + partition;
        }

        /** Parses {@code <logId>-<partition>}; empty for other names. */
        static Optional<LogKey> parse(String dirName) {
            int dash = dirName.lastIndexOf('-');
            if (dash <= 0 || dash == dirName.length() - 1 || dirName.startsWith(".")) {
                return Optional.empty();
            }
            String digits = dirName.substring(dash + 1);
            for (int i = 0; i < digits.length(); i++) {
                if (!Character.isDigit(digits.charAt(i))) {
                    return Optional.empty();
                }
            }
            try {
                return Optional.of(new LogKey(dirName.substring(0, dash), Integer.parseInt(digits)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    private final Path dataDir;
    private final FileIO io;
    private final Clock clock;
    private final LogConfig defaults;
    private final boolean hadCleanShutdown;
    private final GroupCommitFlusher flusher;
    private final Map<LogKey, Log> logs = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private LogManager(Path dataDir, FileIO io, Clock clock, LogConfig defaults, boolean hadCleanShutdown) {
        this.dataDir = dataDir;
        this.io = io;
        this.clock = clock;
        this.defaults = defaults;
        this.hadCleanShutdown = hadCleanShutdown;
        this.flusher = new GroupCommitFlusher(clock);
    }

    /**
     * Opens the data directory (creating it if needed) and every log in it, recovering them in
     * parallel when the last shutdown was not clean. Existing logs get {@code defaults} until
     * {@link #getOrCreateLog} supplies their own configuration.
     *
     * @throws LogStorageException when the directory or a log cannot be opened
     */
    public static LogManager open(Path dataDir, FileIO io, Clock clock, LogConfig defaults) {
        boolean clean;
        try {
            if (!io.exists(dataDir)) {
                io.createDirectories(dataDir);
                if (dataDir.toAbsolutePath().getParent() != null) {
                    io.fsyncDirectory(dataDir.toAbsolutePath().getParent());
                }
            }
            Path marker = dataDir.resolve(CLEAN_SHUTDOWN_FILE);
            clean = io.exists(marker);
            if (clean) {
                io.delete(marker);
                io.fsyncDirectory(dataDir);
            }
        } catch (IOException e) {
            throw new LogStorageException("cannot open data directory " + dataDir + ": " + e.getMessage(), e);
        }
        LogManager manager = new LogManager(dataDir, io, clock, defaults, clean);
        manager.loadLogs();
        return manager;
    }

    private void loadLogs() {
        List<LogKey> keys = new ArrayList<>();
        try {
            for (Path path : io.list(dataDir)) {
                String name = path.getFileName().toString();
                if (name.endsWith(DELETE_SUFFIX)) {
                    deleteDirectory(path);
                    continue;
                }
                LogKey.parse(name).ifPresent(keys::add);
            }
        } catch (IOException e) {
            throw new LogStorageException("cannot list " + dataDir + ": " + e.getMessage(), e);
        }
        int threads = Math.max(1, Math.min(keys.size(), Runtime.getRuntime().availableProcessors()));
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "partita-log-recovery-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        List<Future<Log>> opened = new ArrayList<>();
        Throwable failure = null;
        try {
            for (LogKey key : keys) {
                opened.add(pool.submit(() -> openLog(key, defaults)));
            }
            for (int i = 0; i < keys.size(); i++) {
                try {
                    logs.put(keys.get(i), opened.get(i).get());
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } finally {
            pool.shutdownNow();
        }
        if (failure != null) {
            // Every log that did open is closed again: the caller gets no manager to close them.
            for (Future<Log> future : opened) {
                if (future.isDone() && !future.isCancelled()) {
                    try {
                        future.get().closeWithoutFlush();
                    } catch (ExecutionException | InterruptedException ignored) {
                        // That one failed to open: nothing to close.
                    }
                }
            }
            throw failure instanceof LogStorageException storage ? storage
                    : new LogStorageException("cannot open logs in " + dataDir + ": " + failure, failure);
        }
    }

    private Log openLog(LogKey key, LogConfig config) {
        return Log.open(dataDir.resolve(key.dirName()), config, io, clock, hadCleanShutdown, flusher);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Whether the clean-shutdown marker was present when the directory was opened. */
    public boolean hadCleanShutdown() {
        return hadCleanShutdown;
    }

    public GroupCommitFlusher flusher() {
        return flusher;
    }

    /**
     * The log of ({@code logId}, {@code partition}), created empty when it does not exist. An
     * existing log takes {@code config} as its new configuration.
     */
    public Log getOrCreateLog(String logId, int partition, LogConfig config) {
        checkOpen();
        LogKey key = new LogKey(logId, partition);
        Log log = logs.computeIfAbsent(key, k -> openLog(k, config));
        if (!log.config().equals(config)) {
            log.updateConfig(config);
        }
        return log;
    }

    public Optional<Log> getLog(String logId, int partition) {
        return Optional.ofNullable(logs.get(new LogKey(logId, partition)));
    }

    public Collection<Log> allLogs() {
        return List.copyOf(logs.values());
    }

    public Map<LogKey, Log> logsByKey() {
        return Map.copyOf(logs);
    }

    /**
     * Closes and deletes the log of ({@code logId}, {@code partition}) with all its files; nothing
     * if it does not exist. The directory is renamed {@code *.delete} first so a crash midway
     * leaves nothing that looks like a log.
     */
    public void deleteLog(String logId, int partition) {
        LogKey key = new LogKey(logId, partition);
        Log log = logs.remove(key);
        if (log == null) {
            return;
        }
        log.closeWithoutFlush();
        Path dir = dataDir.resolve(key.dirName());
        Path doomed = dataDir.resolve(key.dirName() + "." + System.nanoTime() + DELETE_SUFFIX);
        try {
            io.atomicMove(dir, doomed);
            io.fsyncDirectory(dataDir);
            deleteDirectory(doomed);
        } catch (IOException e) {
            throw new LogStorageException("cannot delete log " + dir + ": " + e.getMessage(), e);
        }
    }

    private void deleteDirectory(Path dir) {
        try {
            for (Path file : io.list(dir)) {
                io.delete(file);
            }
            io.delete(dir);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", dir, e.toString());
        }
    }

    /**
     * Stops the flusher, flushes and closes every log, then writes the clean-shutdown marker
     * (fsynced, with its directory). If a log fails to close or is offline after a failed fsync,
     * no marker is written, so the next open recovers. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        flusher.close();
        boolean allClosed = true;
        for (Log log : logs.values()) {
            if (log.isOffline()) {
                // Its bytes on disk are in doubt: the next open must recover it.
                allClosed = false;
            }
            try {
                log.close();
            } catch (RuntimeException e) {
                allClosed = false;
                LOG.error("closing {} failed; the next start will recover it", log, e);
            }
        }
        if (!allClosed) {
            return;
        }
        try {
            Path marker = dataDir.resolve(CLEAN_SHUTDOWN_FILE);
            try (LogFile file = io.open(marker, true)) {
                file.force();
            }
            io.fsyncDirectory(dataDir);
        } catch (IOException e) {
            throw new LogStorageException("cannot write the clean-shutdown marker in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("log manager of " + dataDir + " is closed");
        }
    }
}
