package dev.partita.storage.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The file system as the storage module sees it. Every file the log engine touches is opened,
 * listed, renamed and deleted through this interface, so a test can wrap the production
 * implementation and inject faults (lost unsynced bytes, a full disk) into the real code paths.
 *
 * <p>Implementations are thread-safe.
 */
public interface FileIO {

    /** The production file layer: {@link java.nio.channels.FileChannel} on the default file system. */
    static FileIO real() {
        return RealFileIO.INSTANCE;
    }

    /**
     * Opens {@code path} for reading and writing.
     *
     * @param create whether to create the file when it does not exist; when false a missing file
     *               is an {@link java.nio.file.NoSuchFileException}
     */
    LogFile open(Path path, boolean create) throws IOException;

    /** Deletes a file or an empty directory; a missing path is not an error. */
    void delete(Path path) throws IOException;

    /** Renames {@code from} to {@code to} atomically, replacing {@code to} if it exists. */
    void atomicMove(Path from, Path to) throws IOException;

    /** Fsyncs a directory, making creations, renames and deletions inside it durable. */
    void fsyncDirectory(Path dir) throws IOException;

    boolean exists(Path path);

    /** The entries of {@code dir} (files and directories), sorted by name. */
    List<Path> list(Path dir) throws IOException;

    void createDirectories(Path dir) throws IOException;
}
