package dev.partita.storage.log;

import dev.partita.storage.file.CheckpointFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.LongSupplier;

/**
 * For each leader epoch, the offset where its first batch was (or will be) appended. Replication
 * uses it to find where a returning replica's log diverges from the leader's (KIP-101): the end
 * offset of epoch {@code e} is the start offset of the next epoch.
 *
 * <p>Persisted in {@code leader-epoch-checkpoint}, rewritten as a whole through
 * {@link CheckpointFile} (temp file, fsync, atomic rename, directory fsync) on every change:
 *
 * <pre>
 * 0                     version
 * N                     number of entries
 * epoch startOffset     N lines, epochs strictly increasing, offsets non-decreasing
 * </pre>
 *
 * A missing or unreadable file is rebuilt from the leader epochs stamped in the batches.
 *
 * <p>Thread-safe: every method synchronizes; changes come from the log's writer, lookups from
 * any thread.
 */
public final class LeaderEpochCache {

    public static final String FILE_NAME = "leader-epoch-checkpoint";
    public static final int UNDEFINED_EPOCH = -1;
    public static final long UNDEFINED_OFFSET = -1L;
    private static final int VERSION = 0;

    /** Epoch {@code epoch} began at {@code startOffset}. */
    public record EpochEntry(int epoch, long startOffset) {
    }

    /** Answer of {@link #endOffsetFor}: the largest epoch at or below the one asked and its end. */
    public record EpochEndOffset(int epoch, long endOffset) {
        public static final EpochEndOffset UNDEFINED = new EpochEndOffset(UNDEFINED_EPOCH, UNDEFINED_OFFSET);
    }

    private final CheckpointFile checkpoint;
    private final LongSupplier logEndOffset;
    private final List<EpochEntry> entries;

    LeaderEpochCache(CheckpointFile checkpoint, LongSupplier logEndOffset, List<EpochEntry> entries) {
        this.checkpoint = checkpoint;
        this.logEndOffset = logEndOffset;
        this.entries = new ArrayList<>(entries);
    }

    /** Reads the checkpoint; empty when it is missing or does not parse as a valid cache. */
    static Optional<List<EpochEntry>> read(CheckpointFile checkpoint) throws IOException {
        Optional<ByteBuffer> content = checkpoint.read();
        if (content.isEmpty()) {
            return Optional.empty();
        }
        String[] lines = StandardCharsets.UTF_8.decode(content.get()).toString().split("\n");
        try {
            if (lines.length < 2 || Integer.parseInt(lines[0].trim()) != VERSION) {
                return Optional.empty();
            }
            int count = Integer.parseInt(lines[1].trim());
            if (count < 0 || lines.length != count + 2) {
                return Optional.empty();
            }
            List<EpochEntry> result = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String[] fields = lines[i + 2].trim().split(" ");
                if (fields.length != 2) {
                    return Optional.empty();
                }
                EpochEntry entry = new EpochEntry(Integer.parseInt(fields[0]), Long.parseLong(fields[1]));
                if (entry.epoch() < 0 || entry.startOffset() < 0 || (!result.isEmpty()
                        && (entry.epoch() <= last(result).epoch() || entry.startOffset() < last(result).startOffset()))) {
                    return Optional.empty();
                }
                result.add(entry);
            }
            return Optional.of(result);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static EpochEntry last(List<EpochEntry> list) {
        return list.get(list.size() - 1);
    }

    /**
     * Records that {@code epoch} starts at {@code startOffset}. An epoch at or below the latest
     * is ignored; entries starting at or after {@code startOffset} (left by a log that was not
     * truncated yet) are dropped. Written to the checkpoint before the change is visible.
     */
    public synchronized void assign(int epoch, long startOffset) {
        if (epoch < 0 || (!entries.isEmpty() && epoch <= last(entries).epoch())) {
            return;
        }
        List<EpochEntry> updated = new ArrayList<>(entries);
        updated.removeIf(entry -> entry.startOffset() > startOffset);
        updated.add(new EpochEntry(epoch, startOffset));
        replace(updated);
    }

    public synchronized OptionalInt latestEpoch() {
        return entries.isEmpty() ? OptionalInt.empty() : OptionalInt.of(last(entries).epoch());
    }

    public synchronized Optional<EpochEntry> latestEntry() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(last(entries));
    }

    /** A copy of the entries, oldest first. */
    public synchronized List<EpochEntry> entries() {
        return List.copyOf(entries);
    }

    /**
     * The largest epoch at or below {@code requestedEpoch} and its end offset (the start offset of
     * the next epoch, or the log end for the latest epoch). {@link EpochEndOffset#UNDEFINED} when
     * the requested epoch is below the first or above the latest epoch known.
     */
    public synchronized EpochEndOffset endOffsetFor(int requestedEpoch) {
        if (entries.isEmpty()) {
            return EpochEndOffset.UNDEFINED;
        }
        EpochEntry latest = last(entries);
        if (requestedEpoch == latest.epoch()) {
            return new EpochEndOffset(latest.epoch(), logEndOffset.getAsLong());
        }
        if (requestedEpoch > latest.epoch() || requestedEpoch < entries.get(0).epoch()) {
            return EpochEndOffset.UNDEFINED;
        }
        for (int i = entries.size() - 2; i >= 0; i--) {
            if (entries.get(i).epoch() <= requestedEpoch) {
                return new EpochEndOffset(entries.get(i).epoch(), entries.get(i + 1).startOffset());
            }
        }
        return EpochEndOffset.UNDEFINED;
    }

    /** Drops every epoch that starts at or after {@code endOffset} (the log was truncated there). */
    public synchronized void truncateFromEnd(long endOffset) {
        if (entries.stream().anyMatch(entry -> entry.startOffset() >= endOffset)) {
            List<EpochEntry> updated = new ArrayList<>(entries);
            updated.removeIf(entry -> entry.startOffset() >= endOffset);
            replace(updated);
        }
    }

    /**
     * The log now starts at {@code startOffset}: epochs that ended before it go, and the epoch
     * holding it is moved to start there.
     */
    public synchronized void truncateFromStart(long startOffset) {
        List<EpochEntry> updated = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            EpochEntry entry = entries.get(i);
            boolean nextStartsAtOrBefore = i + 1 < entries.size() && entries.get(i + 1).startOffset() <= startOffset;
            if (nextStartsAtOrBefore) {
                continue;
            }
            updated.add(entry.startOffset() < startOffset ? new EpochEntry(entry.epoch(), startOffset) : entry);
        }
        if (!updated.equals(entries)) {
            replace(updated);
        }
    }

    /** Replaces every entry (after rebuilding the cache from the log) and writes the checkpoint. */
    synchronized void reset(List<EpochEntry> rebuilt) {
        replace(new ArrayList<>(rebuilt));
    }

    private void replace(List<EpochEntry> updated) {
        StringBuilder text = new StringBuilder().append(VERSION).append('\n').append(updated.size()).append('\n');
        for (EpochEntry entry : updated) {
            text.append(entry.epoch()).append(' ').append(entry.startOffset()).append('\n');
        }
        try {
            checkpoint.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new LogStorageException("cannot write " + checkpoint.path() + ": " + e.getMessage(), e);
        }
        entries.clear();
        entries.addAll(updated);
    }

    @Override
    public synchronized String toString() {
        return "LeaderEpochCache" + entries;
    }
}
