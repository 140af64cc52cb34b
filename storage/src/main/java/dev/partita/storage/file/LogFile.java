package dev.partita.storage.file;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * An open file of the log engine: positional reads and writes, truncation and fsync. Positional
 * operations never move a shared file pointer, so concurrent readers need no lock.
 *
 * <p>Thread-safe for positional reads concurrent with one writer. {@link #channel()} exposes the
 * underlying channel for zero-copy transfers ({@code transferTo}) and memory mapping; bytes written
 * through a mapping are not seen by a fault-injecting wrapper until {@link #force()}.
 */
public interface LogFile extends Closeable {

    Path path();

    /**
     * Writes every remaining byte of {@code src} at {@code position}.
     *
     * @return the number of bytes written (all of them)
     * @throws IOException when the write fails; some prefix of the bytes may have been written
     */
    int write(ByteBuffer src, long position) throws IOException;

    /**
     * Reads into {@code dst} from {@code position} until {@code dst} is full or the end of the file.
     *
     * @return the number of bytes read, 0 at or past the end of the file
     */
    int read(ByteBuffer dst, long position) throws IOException;

    long size() throws IOException;

    /** Cuts the file to {@code size} bytes; does nothing when it is already that small. */
    void truncate(long size) throws IOException;

    /** Extends the file to {@code size} bytes (sparse, zero-filled), e.g. to preallocate an index. */
    void setLength(long size) throws IOException;

    /** Fsyncs the file's content and metadata. */
    void force() throws IOException;

    /** The underlying channel, for {@code transferTo} and {@code map}. Do not close it directly. */
    FileChannel channel();

    boolean isOpen();

    @Override
    void close() throws IOException;
}
