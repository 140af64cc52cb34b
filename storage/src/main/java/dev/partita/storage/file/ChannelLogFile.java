package dev.partita.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** A {@link LogFile} over a {@link FileChannel}. Thread-safety as {@link LogFile} states. */
final class ChannelLogFile implements LogFile {

    private final Path path;
    private final FileChannel channel;

    ChannelLogFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        int written = 0;
        while (src.hasRemaining()) {
            written += channel.write(src, position + written);
        }
        return written;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        int read = 0;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, position + read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return read;
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public void truncate(long size) throws IOException {
        if (channel.size() > size) {
            channel.truncate(size);
        }
    }

    @Override
    public void setLength(long size) throws IOException {
        long current = channel.size();
        if (size < current) {
            channel.truncate(size);
        } else if (size > current) {
            // Writing one byte at the last position extends the file sparsely.
            channel.write(ByteBuffer.allocate(1), size - 1);
        }
    }

    @Override
    public void force() throws IOException {
        channel.force(true);
    }

    @Override
    public FileChannel channel() {
        return channel;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "LogFile(" + path + ")";
    }
}
