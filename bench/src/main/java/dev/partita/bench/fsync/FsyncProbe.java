package dev.partita.bench.fsync;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Measures how fast the disk under {@code dir} makes appends durable: one thread appends
 * {@code writeBytes}-byte chunks to a new file and calls {@link FileChannel#force(boolean)
 * force(false)} (fdatasync) every {@code writesPerFsync} writes, for a fixed duration. This is
 * the bound any log that acknowledges after fsync lives under. Stateless; each call uses and
 * deletes its own file.
 */
public final class FsyncProbe {

    private FsyncProbe() {
    }

    public static FsyncSample measure(Path dir, int writeBytes, int writesPerFsync, Duration duration) throws IOException {
        if (writeBytes <= 0 || writesPerFsync <= 0) {
            throw new IllegalArgumentException("write size and writes per fsync must be positive");
        }
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "fsync-probe-", ".log");
        byte[] chunk = new byte[writeBytes];
        ThreadLocalRandom.current().nextBytes(chunk);
        ByteBuffer buffer = ByteBuffer.wrap(chunk);
        long writes = 0;
        long fsyncs = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            long now = start;
            while (now < end) {
                for (int i = 0; i < writesPerFsync; i++) {
                    buffer.clear();
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    writes++;
                }
                channel.force(false);
                fsyncs++;
                now = System.nanoTime();
            }
            return new FsyncSample(writeBytes, writesPerFsync, writes, fsyncs, now - start);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
