package dev.partita.storage.log;

import dev.partita.protocol.record.RecordBatch;
import dev.partita.storage.file.CheckpointFile;
import dev.partita.storage.file.FileIO;
import dev.partita.storage.segment.LogSegment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Idempotent-producer state of one log: for each producer id, its latest epoch and its last
 * {@value #MAX_CACHED_BATCHES} batches (sequence range and offsets). A leader append checks a
 * batch against it: a retried batch is recognised and answered with its original offsets, a
 * sequence gap or an older epoch is rejected. The state is derived from the log: it covers every
 * batch below {@link #mapEndOffset()}, is rebuilt from the batch headers on open, and is written to
 * {@code <20-digit offset>.snapshot} files (see {@link ProducerSnapshot}) at each segment roll and
 * on close so a restart replays only the batches after the latest snapshot.
 *
 * <p>Not thread-safe: only the log's writer touches it.
 */
public final class ProducerStateManager {

    public static final int MAX_CACHED_BATCHES = 5;
    public static final String SNAPSHOT_SUFFIX = ".snapshot";
    /** Snapshots kept besides the newest, in case the newest is unreadable. */
    private static final int SNAPSHOTS_RETAINED = 2;

    /** A stored batch of a producer: sequences and offsets, inclusive. */
    public record BatchMetadata(int firstSeq, int lastSeq, long firstOffset, long lastOffset) {
    }

    /** One producer's state: latest epoch, last timestamp and last batches, oldest first. */
    public record ProducerEntry(long producerId, short epoch, long lastTimestamp, List<BatchMetadata> batches) {
        public ProducerEntry {
            batches = List.copyOf(batches);
        }

        int lastSeq() {
            return batches.isEmpty() ? RecordBatch.NO_SEQUENCE : batches.get(batches.size() - 1).lastSeq();
        }
    }

    private final FileIO io;
    private final Path dir;
    private final Map<Long, ProducerEntry> producers = new HashMap<>();
    private long mapEndOffset;

    ProducerStateManager(FileIO io, Path dir) {
        this.io = io;
        this.dir = dir;
    }

    /** The state covers every batch below this offset. */
    public long mapEndOffset() {
        return mapEndOffset;
    }

    public Optional<ProducerEntry> producer(long producerId) {
        return Optional.ofNullable(producers.get(producerId));
    }

    public Map<Long, ProducerEntry> producers() {
        return Map.copyOf(producers);
    }

    /**
     * Checks a batch a leader is about to append (offsets not assigned yet).
     *
     * @return the stored batch when this one is a retry of it (same epoch and sequences)
     * @throws InvalidProducerEpochException when the epoch is older than the producer's latest
     * @throws OutOfOrderSequenceException when the sequence does not follow the last stored one
     */
    public Optional<BatchMetadata> checkLeaderBatch(RecordBatch batch) {
        if (!batch.hasProducerId() || batch.isControlBatch()) {
            return Optional.empty();
        }
        long producerId = batch.producerId();
        short epoch = batch.producerEpoch();
        int firstSeq = batch.baseSequence();
        ProducerEntry entry = producers.get(producerId);
        if (entry != null && epoch < entry.epoch()) {
            throw new InvalidProducerEpochException("producer " + producerId + " epoch " + epoch
                    + " is older than the current epoch " + entry.epoch());
        }
        if (entry == null || epoch > entry.epoch()) {
            if (firstSeq != 0) {
                throw new OutOfOrderSequenceException("producer " + producerId + " epoch " + epoch
                        + " must start at sequence 0, got " + firstSeq);
            }
            return Optional.empty();
        }
        int lastSeq = batch.lastSequence();
        for (BatchMetadata stored : entry.batches()) {
            if (stored.firstSeq() == firstSeq && stored.lastSeq() == lastSeq) {
                return Optional.of(stored);
            }
        }
        int expected = nextSequence(entry.lastSeq());
        if (firstSeq != expected) {
            throw new OutOfOrderSequenceException("producer " + producerId + " epoch " + epoch
                    + ": sequence " + firstSeq + " does not follow " + entry.lastSeq() + " (expected " + expected + ")");
        }
        return Optional.empty();
    }

    private static int nextSequence(int sequence) {
        return sequence == Integer.MAX_VALUE ? 0 : sequence + 1;
    }

    /** Takes a stored batch (offsets assigned) into the state, without checks. */
    public void update(RecordBatch batch) {
        if (batch.hasProducerId()) {
            long producerId = batch.producerId();
            short epoch = batch.producerEpoch();
            ProducerEntry entry = producers.get(producerId);
            // A batch of an older epoch (only a follower or recovery sees one) leaves the newer state.
            if (entry == null || epoch >= entry.epoch()) {
                List<BatchMetadata> batches = entry == null || epoch != entry.epoch()
                        ? new ArrayList<>() : new ArrayList<>(entry.batches());
                if (!batch.isControlBatch() && batch.baseSequence() != RecordBatch.NO_SEQUENCE) {
                    batches.add(new BatchMetadata(batch.baseSequence(), batch.lastSequence(),
                            batch.baseOffset(), batch.lastOffset()));
                    if (batches.size() > MAX_CACHED_BATCHES) {
                        batches.remove(0);
                    }
                }
                long timestamp = Math.max(batch.maxTimestamp(),
                        entry == null ? RecordBatch.NO_TIMESTAMP : entry.lastTimestamp());
                producers.put(producerId, new ProducerEntry(producerId, epoch, timestamp, batches));
            }
        }
        mapEndOffset = Math.max(mapEndOffset, batch.nextOffset());
    }

    /** The state now covers batches below {@code offset} (e.g. after an append of non-producer batches). */
    public void advanceMapEndOffset(long offset) {
        mapEndOffset = Math.max(mapEndOffset, offset);
    }

    /** Forgets everything; the state then covers batches below {@code offset} (none of them). */
    void reset(long offset) {
        producers.clear();
        mapEndOffset = offset;
    }

    /**
     * Writes the state as {@code <mapEndOffset>.snapshot} (temp, fsync, rename, directory fsync),
     * then deletes all but the newest {@value #SNAPSHOTS_RETAINED} snapshots.
     */
    public void takeSnapshot() throws IOException {
        ByteBuffer content = ProducerSnapshot.encode(mapEndOffset, producers.values());
        new CheckpointFile(io, snapshotPath(mapEndOffset)).write(content);
        TreeMap<Long, Path> snapshots = listSnapshots();
        while (snapshots.size() > SNAPSHOTS_RETAINED) {
            io.delete(snapshots.pollFirstEntry().getValue());
        }
    }

    /**
     * Loads the newest readable snapshot at or below {@code maxOffset}, deleting snapshots above
     * it and unreadable ones. Without one, the state is empty from {@code fallbackOffset}.
     *
     * @return the offset the state now covers; the caller replays batches from there
     */
    long loadLatestSnapshot(long maxOffset, long fallbackOffset) throws IOException {
        TreeMap<Long, Path> snapshots = listSnapshots();
        for (Map.Entry<Long, Path> above : snapshots.tailMap(maxOffset, false).entrySet()) {
            io.delete(above.getValue());
        }
        for (Map.Entry<Long, Path> candidate : snapshots.headMap(maxOffset, true).descendingMap().entrySet()) {
            Optional<ByteBuffer> content = new CheckpointFile(io, candidate.getValue()).read();
            Optional<List<ProducerEntry>> decoded = content.flatMap(bytes -> ProducerSnapshot.decode(bytes, candidate.getKey()));
            if (decoded.isPresent()) {
                reset(candidate.getKey());
                for (ProducerEntry entry : decoded.get()) {
                    producers.put(entry.producerId(), entry);
                }
                return mapEndOffset;
            }
            io.delete(candidate.getValue());
        }
        reset(fallbackOffset);
        return fallbackOffset;
    }

    /** Snapshot files by offset. */
    TreeMap<Long, Path> listSnapshots() throws IOException {
        TreeMap<Long, Path> snapshots = new TreeMap<>();
        for (Path path : io.list(dir)) {
            long offset = LogSegment.parseBaseOffset(path.getFileName().toString(), SNAPSHOT_SUFFIX);
            if (offset >= 0) {
                snapshots.put(offset, path);
            }
        }
        return snapshots;
    }

    private Path snapshotPath(long offset) {
        return dir.resolve(LogSegment.fileName(offset, SNAPSHOT_SUFFIX));
    }
}
