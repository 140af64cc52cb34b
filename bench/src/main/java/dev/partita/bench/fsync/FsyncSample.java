package dev.partita.bench.fsync;

/**
 * One fsync probe: {@code writes} appends of {@code writeBytes} each, one fsync every
 * {@code writesPerFsync} writes (and one at the end), in {@code elapsedNanos}.
 */
public record FsyncSample(int writeBytes, int writesPerFsync, long writes, long fsyncs, long elapsedNanos) {

    public double fsyncsPerSecond() {
        return fsyncs * 1e9 / elapsedNanos;
    }

    public double writesPerSecond() {
        return writes * 1e9 / elapsedNanos;
    }

    public double megabytesPerSecond() {
        return writes * (double) writeBytes * 1e9 / elapsedNanos / (1024.0 * 1024.0);
    }

    /** Bytes made durable by each fsync. */
    public long bytesPerFsync() {
        return (long) writeBytes * writesPerFsync;
    }
}
