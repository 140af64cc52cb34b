package dev.partita.storage.log;

import dev.partita.storage.file.CheckpointFile;
import dev.partita.storage.file.FileIO;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base offset of the oldest segment that may hold bytes not fsynced: after a crash, recovery
 * validates that segment and every later one, and only sanity-checks the indexes of older ones.
 * Kept in the log directory as {@code recovery-point-offset-checkpoint}, written through
 * {@link CheckpointFile}:
 *
 * <pre>
 * 0          version
 * offset     the recovery point
 * </pre>
 *
 * A missing or unreadable file means 0: recover everything. Thread-safe (synchronized).
 */
final class RecoveryPoint {

    private static final Logger LOG = LoggerFactory.getLogger(RecoveryPoint.class);
    private static final String VERSION = "0";

    private final CheckpointFile file;
    private long value;

    private RecoveryPoint(CheckpointFile file, long value) {
        this.file = file;
        this.value = value;
    }

    static RecoveryPoint load(FileIO io, Path dir) throws IOException {
        CheckpointFile file = new CheckpointFile(io, dir.resolve(Log.RECOVERY_POINT_FILE));
        Optional<ByteBuffer> content = file.read();
        long value = 0;
        if (content.isPresent()) {
            String[] lines = StandardCharsets.UTF_8.decode(content.get()).toString().split("\n");
            try {
                if (lines.length == 2 && lines[0].trim().equals(VERSION)) {
                    value = Math.max(0, Long.parseLong(lines[1].trim()));
                }
            } catch (NumberFormatException e) {
                value = 0;
            }
        }
        return new RecoveryPoint(file, value);
    }

    synchronized long value() {
        return value;
    }

    /**
     * Moves the point up to {@code segmentBase} once everything below it is fsynced. A failed
     * write is only logged: an older recovery point costs a longer recovery, never data.
     */
    synchronized void maybeAdvance(long segmentBase) {
        if (segmentBase > value) {
            try {
                write(segmentBase);
            } catch (IOException e) {
                LOG.warn("cannot advance recovery point {} to {}: {}", file.path(), segmentBase, e.toString());
            }
        }
    }

    /** Moves the point back (after a truncation); must succeed, or a crash could skip recovery. */
    synchronized void moveBack(long segmentBase) throws IOException {
        if (segmentBase < value) {
            write(segmentBase);
        }
    }

    private void write(long newValue) throws IOException {
        file.write(ByteBuffer.wrap((VERSION + "\n" + newValue + "\n").getBytes(StandardCharsets.UTF_8)));
        value = newValue;
    }
}
