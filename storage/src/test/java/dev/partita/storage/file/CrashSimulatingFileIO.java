package dev.partita.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fault-injecting {@link FileIO} that wraps a real one (normally {@link FileIO#real()}) and
 * models what a power loss does to files: only fsynced bytes survive.
 *
 * <ul>
 *   <li>It remembers, per file, the content at its last {@link LogFile#force()} (read back from
 *       the file, so bytes written through a memory mapping count too).</li>
 *   <li>{@link #crash()} closes every handle it gave out (later use throws) and cuts every file
 *       back to its fsynced content: unsynced appends vanish, unsynced overwrites are undone.
 *       {@link #crash(Random)} instead keeps a random prefix of each file's unsynced appended
 *       bytes, as a partial writeback would (a torn tail for recovery to cut).</li>
 *   <li>{@link #failWithNoSpace(boolean)} makes writes fail as a full disk does: a write writes
 *       about half of its bytes, then throws {@code IOException("No space left on device")};
 *       growing a file with {@code setLength} fails too.</li>
 *   <li>{@link #failFsyncs(boolean)} makes fsyncs fail as a dying disk's do.</li>
 * </ul>
 *
 * Directories: a file or directory created since its parent directory was last fsynced
 * ({@link #fsyncDirectory}) vanishes at a crash, whatever its content, as its directory entry may
 * never have reached the disk. A rename carries that state to the new name. Renames and deletions
 * themselves are durable at once (a simplification: the code under test fsyncs the directory
 * after each rename that matters, and a resurrected deleted file is harmless to it).
 *
 * <p>Stop or abandon whatever uses the files before {@link #crash()}: the handles it holds fail
 * afterwards, but memory mappings (index files) still point into the files, so a component that
 * keeps running could write into the files the next incarnation opens.
 *
 * <p>Thread-safe. Shared with the broker's tests through the storage test-jar.
 */
public final class CrashSimulatingFileIO implements FileIO {

    public static final String NO_SPACE_MESSAGE = "No space left on device";
    public static final String FSYNC_FAILURE_MESSAGE = "Input/output error";

    private final FileIO delegate;
    private final Map<Path, byte[]> durable = new ConcurrentHashMap<>();
    private final Set<SimulatedFile> openFiles = ConcurrentHashMap.newKeySet();
    /** Files and directories created since their parent directory was last fsynced. */
    private final Set<Path> unsyncedEntries = ConcurrentHashMap.newKeySet();
    private final AtomicLong fsyncs = new AtomicLong();
    private final AtomicLong crashes = new AtomicLong();
    private volatile boolean noSpace;
    private volatile boolean fsyncFails;

    public CrashSimulatingFileIO(FileIO delegate) {
        this.delegate = delegate;
    }

    /** Wraps the production file layer. */
    public static CrashSimulatingFileIO wrappingReal() {
        return new CrashSimulatingFileIO(FileIO.real());
    }

    private static Path key(Path path) {
        return path.toAbsolutePath().normalize();
    }

    /** While on, writes fail as on a full disk (see the class comment). */
    public void failWithNoSpace(boolean enabled) {
        noSpace = enabled;
    }

    /** While on, {@link LogFile#force()} throws {@code IOException("Input/output error")} and syncs nothing. */
    public void failFsyncs(boolean enabled) {
        fsyncFails = enabled;
    }

    /** Number of file fsyncs so far. */
    public long fsyncCount() {
        return fsyncs.get();
    }

    public long crashCount() {
        return crashes.get();
    }

    @Override
    public LogFile open(Path path, boolean create) throws IOException {
        Path key = key(path);
        synchronized (this) {
            boolean existed = delegate.exists(path);
            LogFile file = delegate.open(path, create);
            if (!existed) {
                unsyncedEntries.add(key);
            }
            if (!durable.containsKey(key)) {
                // A file this layer has not seen yet: what is on disk now counts as durable.
                durable.put(key, existed ? readAll(file) : new byte[0]);
            }
            SimulatedFile simulated = new SimulatedFile(key, file);
            openFiles.add(simulated);
            return simulated;
        }
    }

    @Override
    public void delete(Path path) throws IOException {
        synchronized (this) {
            delegate.delete(path);
            durable.remove(key(path));
            unsyncedEntries.remove(key(path));
        }
    }

    @Override
    public void atomicMove(Path from, Path to) throws IOException {
        synchronized (this) {
            delegate.atomicMove(from, to);
            Path fromKey = key(from);
            Path toKey = key(to);
            byte[] content = durable.remove(fromKey);
            if (content != null) {
                durable.put(toKey, content);
            } else {
                durable.remove(toKey);
            }
            // Moving a directory moves the durable state of the files inside it.
            for (Path child : List.copyOf(durable.keySet())) {
                if (child.startsWith(fromKey) && !child.equals(fromKey)) {
                    durable.put(toKey.resolve(fromKey.relativize(child)), durable.remove(child));
                }
            }
            for (Path entry : List.copyOf(unsyncedEntries)) {
                if (entry.startsWith(fromKey)) {
                    unsyncedEntries.remove(entry);
                    unsyncedEntries.add(toKey.resolve(fromKey.relativize(entry)));
                }
            }
            for (SimulatedFile file : openFiles) {
                if (file.key.equals(fromKey)) {
                    file.key = toKey;
                } else if (file.key.startsWith(fromKey)) {
                    file.key = toKey.resolve(fromKey.relativize(file.key));
                }
            }
        }
    }

    @Override
    public void fsyncDirectory(Path dir) throws IOException {
        synchronized (this) {
            delegate.fsyncDirectory(dir);
            Path key = key(dir);
            unsyncedEntries.removeIf(entry -> key.equals(entry.getParent()));
        }
    }

    @Override
    public boolean exists(Path path) {
        return delegate.exists(path);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        return delegate.list(dir);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        synchronized (this) {
            List<Path> created = new ArrayList<>();
            for (Path p = key(dir); p != null && !delegate.exists(p); p = p.getParent()) {
                created.add(p);
            }
            delegate.createDirectories(dir);
            unsyncedEntries.addAll(created);
        }
    }

    /** A power loss: every handle is closed and every file holds exactly its fsynced content. */
    public void crash() throws IOException {
        crash(null);
    }

    /**
     * A power loss with partial writeback: like {@link #crash()}, but a file that only grew since
     * its last fsync keeps its fsynced content plus a random prefix of the bytes appended after it.
     */
    public synchronized void crash(Random random) throws IOException {
        crashes.incrementAndGet();
        for (SimulatedFile file : List.copyOf(openFiles)) {
            file.crashed = true;
            try {
                file.delegate.close();
            } catch (IOException ignored) {
                // A dead handle either way.
            }
        }
        openFiles.clear();
        // Entries whose directory was never fsynced are gone, with everything inside them.
        for (Path lost : unsyncedEntries) {
            removeTree(lost);
        }
        unsyncedEntries.clear();
        for (Map.Entry<Path, byte[]> entry : durable.entrySet()) {
            Path path = entry.getKey();
            if (!delegate.exists(path)) {
                continue;
            }
            try (LogFile file = delegate.open(path, false)) {
                byte[] synced = entry.getValue();
                byte[] current = readAll(file);
                byte[] survivor = synced;
                if (random != null && current.length > synced.length && startsWith(current, synced)) {
                    int kept = synced.length + random.nextInt(current.length - synced.length + 1);
                    survivor = java.util.Arrays.copyOf(current, kept);
                    entry.setValue(survivor);
                }
                file.truncate(0);
                file.write(ByteBuffer.wrap(survivor), 0);
                file.force();
            }
        }
    }

    private void removeTree(Path root) throws IOException {
        if (java.nio.file.Files.isDirectory(root)) {
            for (Path child : delegate.list(root)) {
                removeTree(child);
            }
        }
        delegate.delete(root);
        durable.keySet().removeIf(path -> path.startsWith(root));
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        return java.util.Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] readAll(LogFile file) throws IOException {
        long size = file.size();
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("file too large for the crash simulation: " + size);
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        file.read(buffer, 0);
        return buffer.array();
    }

    /** Paths this layer tracks, for diagnostics. */
    public List<Path> trackedFiles() {
        return new ArrayList<>(durable.keySet());
    }

    /** A handle that records fsyncs, injects ENOSPC and dies at a crash. */
    private final class SimulatedFile implements LogFile {
        private final LogFile delegate;
        private volatile Path key;
        private volatile boolean crashed;

        SimulatedFile(Path key, LogFile delegate) {
            this.key = key;
            this.delegate = delegate;
        }

        private void checkAlive() throws IOException {
            if (crashed) {
                throw new IOException("simulated crash: " + key + " is gone");
            }
        }

        @Override
        public Path path() {
            return delegate.path();
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            checkAlive();
            if (noSpace) {
                int half = src.remaining() / 2;
                if (half > 0) {
                    ByteBuffer prefix = src.duplicate();
                    prefix.limit(prefix.position() + half);
                    delegate.write(prefix, position);
                    src.position(src.position() + half);
                }
                throw new IOException(NO_SPACE_MESSAGE);
            }
            return delegate.write(src, position);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            checkAlive();
            return delegate.read(dst, position);
        }

        @Override
        public long size() throws IOException {
            checkAlive();
            return delegate.size();
        }

        @Override
        public void truncate(long size) throws IOException {
            checkAlive();
            delegate.truncate(size);
        }

        @Override
        public void setLength(long size) throws IOException {
            checkAlive();
            if (noSpace && size > delegate.size()) {
                throw new IOException(NO_SPACE_MESSAGE);
            }
            delegate.setLength(size);
        }

        @Override
        public void force() throws IOException {
            checkAlive();
            if (fsyncFails) {
                throw new IOException(FSYNC_FAILURE_MESSAGE);
            }
            synchronized (CrashSimulatingFileIO.this) {
                checkAlive();
                delegate.force();
                durable.put(key, readAll(delegate));
                fsyncs.incrementAndGet();
            }
        }

        @Override
        public FileChannel channel() {
            return delegate.channel();
        }

        @Override
        public boolean isOpen() {
            return !crashed && delegate.isOpen();
        }

        @Override
        public void close() throws IOException {
            openFiles.remove(this);
            if (!crashed) {
                delegate.close();
            }
        }

        @Override
        public String toString() {
            return "SimulatedFile(" + key + (crashed ? ", crashed" : "") + ")";
        }
    }
}
