package dev.partita.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A small metadata file replaced as a whole and never seen half-written: the new content goes to
 * {@code <name>.tmp}, is fsynced, renamed atomically over the old file, and the directory is
 * fsynced so the rename survives a crash. A reader finds either the old or the new content; a
 * leftover {@code .tmp} from a crash mid-write is ignored and overwritten next time.
 *
 * <p>Not thread-safe: each checkpoint file has one owner that serializes writes.
 */
public final class CheckpointFile {

    /** Suffix of the temporary file a new content is written to before the rename. */
    public static final String TEMP_SUFFIX = ".tmp";

    private final FileIO io;
    private final Path path;

    public CheckpointFile(FileIO io, Path path) {
        this.io = io;
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Replaces the file's content with {@code content} durably (see the class comment). */
    public void write(ByteBuffer content) throws IOException {
        Path temp = path.resolveSibling(path.getFileName() + TEMP_SUFFIX);
        try (LogFile file = io.open(temp, true)) {
            file.truncate(0);
            file.write(content.duplicate(), 0);
            file.force();
        }
        io.atomicMove(temp, path);
        io.fsyncDirectory(path.getParent());
    }

    /** The whole content, or empty when the file does not exist. */
    public Optional<ByteBuffer> read() throws IOException {
        if (!io.exists(path)) {
            return Optional.empty();
        }
        try (LogFile file = io.open(path, false)) {
            long size = file.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException("checkpoint file " + path + " is too large: " + size + " bytes");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            file.read(buffer, 0);
            return Optional.of(buffer.flip());
        }
    }

    /** Deletes the file (and a leftover temporary file); missing files are fine. */
    public void delete() throws IOException {
        io.delete(path);
        io.delete(path.resolveSibling(path.getFileName() + TEMP_SUFFIX));
    }
}
