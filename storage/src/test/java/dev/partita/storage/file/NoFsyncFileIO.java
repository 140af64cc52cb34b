package dev.partita.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * The production file layer with fsync turned into a no-op, for tests where durability is
 * modelled (by {@link CrashSimulatingFileIO}) or irrelevant, and real fsyncs would only make
 * the suite slow. Every other operation is the real one. Thread-safe.
 */
public final class NoFsyncFileIO implements FileIO {

    private final FileIO delegate;

    public NoFsyncFileIO(FileIO delegate) {
        this.delegate = delegate;
    }

    /** The real file layer without fsyncs. */
    public static NoFsyncFileIO real() {
        return new NoFsyncFileIO(FileIO.real());
    }

    /** A crash-simulating layer over the real one without fsyncs: durability is tracked, not paid for. */
    public static CrashSimulatingFileIO crashSimulating() {
        return new CrashSimulatingFileIO(real());
    }

    @Override
    public LogFile open(Path path, boolean create) throws IOException {
        LogFile file = delegate.open(path, create);
        return new LogFile() {
            @Override public Path path() { return file.path(); }
            @Override public int write(ByteBuffer src, long position) throws IOException { return file.write(src, position); }
            @Override public int read(ByteBuffer dst, long position) throws IOException { return file.read(dst, position); }
            @Override public long size() throws IOException { return file.size(); }
            @Override public void truncate(long size) throws IOException { file.truncate(size); }
            @Override public void setLength(long size) throws IOException { file.setLength(size); }
            @Override public void force() { }
            @Override public FileChannel channel() { return file.channel(); }
            @Override public boolean isOpen() { return file.isOpen(); }
            @Override public void close() throws IOException { file.close(); }
        };
    }

    @Override
    public void delete(Path path) throws IOException {
        delegate.delete(path);
    }

    @Override
    public void atomicMove(Path from, Path to) throws IOException {
        delegate.atomicMove(from, to);
    }

    @Override
    public void fsyncDirectory(Path dir) {
        // No durability needed.
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
        delegate.createDirectories(dir);
    }
}
