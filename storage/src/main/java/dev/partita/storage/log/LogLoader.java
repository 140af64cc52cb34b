package dev.partita.storage.log;

import dev.partita.protocol.record.RecordBatch;
import dev.partita.storage.file.CheckpointFile;
import dev.partita.storage.file.FileIO;
import dev.partita.storage.segment.LogSegment;
import dev.partita.storage.segment.OffsetIndex;
import dev.partita.storage.segment.RecoveryResult;
import dev.partita.storage.segment.TimeIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a log directory: removes leftovers of interrupted deletions and checkpoint writes, opens
 * the segments, recovers (after a crash) every segment from the recovery point on, which cuts a
 * torn or corrupt tail at the last valid batch and rebuilds the indexes, sanity-checks the indexes
 * of the other segments, and rebuilds the producer state and (when its checkpoint is missing or
 * unreadable) the leader-epoch cache from the batches. Used once per open, by one thread.
 */
final class LogLoader {

    private static final Logger LOG = LoggerFactory.getLogger(LogLoader.class);

    private final Path dir;
    private final LogConfig config;
    private final FileIO io;
    private final Clock clock;

    LogLoader(Path dir, LogConfig config, FileIO io, Clock clock) {
        this.dir = dir;
        this.config = config;
        this.io = io;
        this.clock = clock;
    }

    /** The state a {@link Log} starts from. */
    record Loaded(ConcurrentSkipListMap<Long, LogSegment> segments, long logEndOffset, long flushedOffset,
                  RecoveryPoint recoveryPoint, ProducerStateManager producerState, CheckpointFile epochCheckpoint,
                  Optional<List<LeaderEpochCache.EpochEntry>> epochEntries) {

        /** The leader-epoch cache, rebuilt from the batches when its checkpoint could not be used. */
        LeaderEpochCache epochCache(LongSupplier logEnd) {
            LeaderEpochCache cache = new LeaderEpochCache(epochCheckpoint, logEnd, epochEntries.orElse(List.of()));
            if (epochEntries.isEmpty()) {
                cache.reset(rebuildEpochs(segments));
            }
            cache.truncateFromEnd(logEndOffset);
            cache.truncateFromStart(segments.firstKey());
            return cache;
        }
    }

    Log load(boolean hadCleanShutdown, FlushRequester flushRequester) throws IOException {
        if (!io.exists(dir)) {
            io.createDirectories(dir);
            // The new directory's entry must survive a crash, or the whole log would vanish.
            io.fsyncDirectory(dir.getParent());
        }
        TreeSet<Long> bases = scanDirectory();
        RecoveryPoint recoveryPoint = RecoveryPoint.load(io, dir);
        ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
        long nowMs = clock.millis();
        long logEnd = 0;
        try {
            if (bases.isEmpty()) {
                bases.add(0L);
            }
            Long recoverFrom = bases.floor(recoveryPoint.value());
            boolean cut = false;
            for (long base : bases) {
                LogSegment segment = LogSegment.open(io, dir, base, config.indexIntervalBytes(),
                        config.segmentIndexBytes(), nowMs, base == bases.last());
                boolean last = base == bases.last();
                if (!cut && !last && !segments.isEmpty() && segment.sizeInBytes() == 0) {
                    // Only the active segment can be empty (a roll needs data first): this one is
                    // a leftover of a failed roll, or lost all its bytes in a crash (then the
                    // next segment does not follow and is cut below).
                    LOG.warn("deleting empty segment {} of {}", base, dir);
                    segment.deleteFiles();
                    segment.closeQuietly();
                    continue;
                }
                if (!segments.isEmpty() && base != logEnd) {
                    // Segments are contiguous: each starts where the previous one ends. A gap
                    // means the previous one lost its tail (e.g. unsynced bytes at a crash).
                    cut = true;
                }
                if (cut) {
                    // Batches after a cut cannot follow the valid part: drop the whole segment.
                    LOG.warn("deleting segment {} of {}: it does not follow the valid part of the log", base, dir);
                    segment.deleteFiles();
                    segment.closeQuietly();
                    continue;
                }
                segments.put(base, segment);
                if (!hadCleanShutdown && (last || recoverFrom == null || base >= recoverFrom)) {
                    RecoveryResult result = segment.recover(batch -> { }, Integer.MAX_VALUE);
                    if (result.truncatedBytes() > 0) {
                        LOG.warn("recovery of {} segment {}: cut {} bytes after {} valid bytes ({})", dir, base,
                                result.truncatedBytes(), result.validBytes(), result.invalidReason());
                        cut = true;
                    }
                    logEnd = result.nextOffset();
                } else {
                    logEnd = segment.loadAfterCleanOpen(batch -> { }, Integer.MAX_VALUE);
                }
            }
            // The last segment left takes the appends (it may be an older one if later ones were cut);
            // the others keep only their entries (recovery preallocated the indexes it rebuilt).
            for (LogSegment older : segments.headMap(segments.lastKey(), false).values()) {
                older.makeInactive();
            }
            segments.lastEntry().getValue().makeActive();
            long flushed = logEnd;
            if (!hadCleanShutdown) {
                // What recovery kept (and cut, and deleted) may sit in the page cache only: make
                // it durable before anyone treats it as flushed or reuses the offsets cut off.
                for (LogSegment segment : segments.tailMap(recoverFrom == null ? 0L : recoverFrom, true).values()) {
                    segment.flush();
                }
                io.fsyncDirectory(dir);
            }
            ProducerStateManager producerState = new ProducerStateManager(io, dir);
            rebuildProducerState(producerState, segments, segments.firstKey(), logEnd);
            CheckpointFile epochCheckpoint = new CheckpointFile(io, dir.resolve(LeaderEpochCache.FILE_NAME));
            Optional<List<LeaderEpochCache.EpochEntry>> epochs = LeaderEpochCache.read(epochCheckpoint);
            Loaded loaded = new Loaded(segments, logEnd, flushed, recoveryPoint, producerState, epochCheckpoint, epochs);
            return new Log(dir, config, io, clock, flushRequester, loaded);
        } catch (IOException | RuntimeException e) {
            for (LogSegment segment : segments.values()) {
                segment.closeQuietly();
            }
            throw e;
        }
    }

    /** Deletes leftovers and returns the base offsets of the segments present. */
    private TreeSet<Long> scanDirectory() throws IOException {
        TreeSet<Long> bases = new TreeSet<>();
        List<Path> indexFiles = new ArrayList<>();
        for (Path path : io.list(dir)) {
            String name = path.getFileName().toString();
            if (name.endsWith(LogSegment.DELETED_SUFFIX) || name.endsWith(CheckpointFile.TEMP_SUFFIX)) {
                io.delete(path);
                continue;
            }
            long base = LogSegment.parseBaseOffset(name, LogSegment.LOG_SUFFIX);
            if (base >= 0) {
                bases.add(base);
            } else if (LogSegment.parseBaseOffset(name, OffsetIndex.SUFFIX) >= 0
                    || LogSegment.parseBaseOffset(name, TimeIndex.SUFFIX) >= 0) {
                indexFiles.add(path);
            }
        }
        for (Path index : indexFiles) {
            String name = index.getFileName().toString();
            long base = Long.parseLong(name.substring(0, 20));
            if (!bases.contains(base)) {
                io.delete(index);
            }
        }
        return bases;
    }

    /**
     * Loads the newest usable producer snapshot at or below {@code logEnd} and replays the batch
     * headers after it.
     */
    static void rebuildProducerState(ProducerStateManager producerState, ConcurrentSkipListMap<Long, LogSegment> segments,
                                     long logStart, long logEnd) throws IOException {
        long from = Math.max(producerState.loadLatestSnapshot(logEnd, logStart), logStart);
        Long firstBase = segments.floorKey(from);
        for (LogSegment segment : segments.tailMap(firstBase == null ? segments.firstKey() : firstBase, true).values()) {
            segment.scanHeaders(from, batch -> {
                if (batch.baseOffset() < logEnd) {
                    producerState.update(batch);
                }
            });
        }
        producerState.advanceMapEndOffset(logEnd);
    }

    /** Leader epochs from the epochs stamped in the batches: where each new epoch first appears. */
    static List<LeaderEpochCache.EpochEntry> rebuildEpochs(ConcurrentSkipListMap<Long, LogSegment> segments) {
        List<LeaderEpochCache.EpochEntry> entries = new ArrayList<>();
        try {
            for (Map.Entry<Long, LogSegment> entry : segments.entrySet()) {
                entry.getValue().scanHeaders(entry.getKey(), batch -> {
                    int epoch = batch.partitionLeaderEpoch();
                    boolean newer = entries.isEmpty() || epoch > entries.get(entries.size() - 1).epoch();
                    if (epoch != RecordBatch.NO_PARTITION_LEADER_EPOCH && epoch >= 0 && newer) {
                        entries.add(new LeaderEpochCache.EpochEntry(epoch, batch.baseOffset()));
                    }
                });
            }
        } catch (IOException e) {
            throw new LogStorageException("cannot rebuild the leader epoch cache: " + e.getMessage(), e);
        }
        return entries;
    }
}
