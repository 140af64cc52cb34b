package dev.partita.storage.log;

import dev.partita.protocol.record.InvalidRecordException;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.RecordBatch;
import dev.partita.protocol.record.TimestampType;
import dev.partita.storage.file.FileIO;
import dev.partita.storage.segment.FileRecords;
import dev.partita.storage.segment.LogSegment;
import dev.partita.storage.segment.TimestampOffset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition's log: a directory of segments (see {@link LogSegment}) holding record batches at
 * consecutive offsets, plus the leader-epoch cache, the idempotent-producer state and the
 * recovery point. Appends validate batches and give them offsets; reads return file slices at
 * batch boundaries; the flush policy ({@link FlushPolicy}) decides when appends are fsynced;
 * retention deletes whole old segments, never at or above the owner's retention floor.
 *
 * <p>Offsets: {@link #logStartOffset()} is the first offset stored (the base of the oldest
 * segment), {@link #logEndOffset()} the offset the next record gets, {@link #flushedOffset()} the
 * offset below which every record is fsynced, {@link #durableOffset()} what the owner may treat as
 * stable (the flushed offset, or the log end under {@link FlushPolicy#NONE}).
 *
 * <p>Thread-safety: <b>one writer</b>: appends, {@link #roll()}, {@link #truncateTo},
 * {@link #deleteOldSegments} and {@link #close()} must be called by one thread at a time (the
 * broker calls them from the partition's thread). Reads and offset getters may run on any thread
 * at any time: the log end is published through a volatile field after the bytes are written.
 * {@link #flush()} may run on another thread (the group-commit flusher) concurrently with appends;
 * it serializes with the structural changes (truncation, retention, close) through a lock.
 *
 * <p>Size note: this class is the log's whole public surface and is longer than most; opening
 * and recovery live in {@link LogLoader}, batch validation in {@link BatchValidator}, the choice
 * of segments to delete in {@link Retention}.
 */
public final class Log {

    public static final String RECOVERY_POINT_FILE = "recovery-point-offset-checkpoint";
    private static final Logger LOG = LoggerFactory.getLogger(Log.class);

    /** Where the log ends: the next offset, the active segment and the bytes written to it. */
    record LogEnd(long offset, LogSegment segment, int position) {
    }

    private final Path dir;
    private final FileIO io;
    private final Clock clock;
    private final FlushRequester flushRequester;
    private final ConcurrentSkipListMap<Long, LogSegment> segments;
    private final LeaderEpochCache epochCache;
    private final ProducerStateManager producerState;
    private final RecoveryPoint recoveryPoint;
    private final Object structureLock = new Object();
    private final List<LogSegment> deletedSegments = new ArrayList<>();
    private volatile LogConfig config;
    private volatile LogEnd end;
    private volatile long logStartOffset;
    private volatile long flushedOffset;
    private volatile boolean closed;
    /** Set after creating segment files: the next flush fsyncs the directory so they survive a crash. */
    private volatile boolean directoryDirty = true;
    private volatile String offlineReason;

    Log(Path dir, LogConfig config, FileIO io, Clock clock, FlushRequester flushRequester,
        LogLoader.Loaded loaded) {
        this.dir = dir;
        this.config = config;
        this.io = io;
        this.clock = clock;
        this.flushRequester = flushRequester;
        this.segments = loaded.segments();
        this.producerState = loaded.producerState();
        this.recoveryPoint = loaded.recoveryPoint();
        LogSegment active = segments.lastEntry().getValue();
        this.end = new LogEnd(loaded.logEndOffset(), active, active.sizeInBytes());
        this.logStartOffset = segments.firstKey();
        this.flushedOffset = loaded.flushedOffset();
        this.epochCache = loaded.epochCache(this::logEndOffset);
    }

    /**
     * Opens (creating if needed) the log in {@code dir}. Without a clean shutdown, every segment
     * from the recovery point on is validated batch by batch and a torn or corrupt tail is cut;
     * indexes that fail a sanity check are rebuilt in any case.
     *
     * @param hadCleanShutdown whether the data directory's clean-shutdown marker was present
     * @param flushRequester told after each append under {@link FlushPolicy#GROUP_COMMIT}
     * @throws LogStorageException when the directory cannot be read or written
     */
    public static Log open(Path dir, LogConfig config, FileIO io, Clock clock, boolean hadCleanShutdown,
                           FlushRequester flushRequester) {
        try {
            return new LogLoader(dir, config, io, clock).load(hadCleanShutdown, flushRequester);
        } catch (IOException e) {
            throw new LogStorageException("cannot open log " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    public LogConfig config() {
        return config;
    }

    /** Applies new settings; they take effect from the next append, roll or retention pass. */
    public void updateConfig(LogConfig newConfig) {
        this.config = newConfig;
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    public long logEndOffset() {
        return end.offset();
    }

    /** Every offset below this one is fsynced (log file and, for older segments, indexes). */
    public long flushedOffset() {
        return flushedOffset;
    }

    /**
     * What the log's owner may treat as stable: {@link #flushedOffset()} under
     * {@link FlushPolicy#PER_BATCH} and {@link FlushPolicy#GROUP_COMMIT}; the log end under
     * {@link FlushPolicy#NONE}, which is <b>lossy</b>: records below it may be lost by a power
     * failure or kernel crash, and their offsets handed out again.
     */
    public long durableOffset() {
        return config.flushPolicy() == FlushPolicy.NONE ? logEndOffset() : flushedOffset;
    }

    public LeaderEpochCache leaderEpochCache() {
        return epochCache;
    }

    /** The producer state; touch it only from the writer thread. */
    public ProducerStateManager producerState() {
        return producerState;
    }

    public int numberOfSegments() {
        return segments.size();
    }

    /** Total bytes of batches in all segments. */
    public long sizeInBytes() {
        long size = 0;
        for (LogSegment segment : segments.values()) {
            size += segment.sizeInBytes();
        }
        return size;
    }

    /**
     * Bytes of the batches from the one holding {@code offset} to the log end: what a reader
     * starting at {@code offset} has left (the broker's measure of a destination's unconsumed
     * data). The whole log for an offset at or below the log start, 0 at or past the log end.
     * Reads one index entry and a few batch headers of the segment holding {@code offset}.
     * Thread-safe like {@link #read}; exact when called on the writer thread.
     */
    public long sizeInBytesFrom(long offset) {
        if (offset >= end.offset()) {
            return 0;
        }
        Map.Entry<Long, LogSegment> holding = segments.floorEntry(offset);
        if (offset <= logStartOffset || holding == null) {
            return sizeInBytes();
        }
        long size = 0;
        for (LogSegment later : segments.tailMap(holding.getKey(), false).values()) {
            size += later.sizeInBytes();
        }
        LogSegment segment = holding.getValue();
        int segmentSize = segment.sizeInBytes();
        try {
            FileRecords from = segment.read(offset, 1, Long.MAX_VALUE, segmentSize, true);
            return size + (from == null ? 0 : segmentSize - from.position());
        } catch (IOException e) {
            throw new LogStorageException("reading the position of offset " + offset + " in " + dir + " failed: "
                    + e.getMessage(), e);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Whether an fsync or truncation failed: the log then refuses writes and flushes until it is
     * reopened (and recovered), because what is on disk is unknown.
     */
    public boolean isOffline() {
        return offlineReason != null;
    }

    /**
     * Appends batches produced by a client: validates them, checks idempotent-producer sequences,
     * assigns offsets from the log end by rewriting each batch's base offset in place, stamps
     * {@code leaderEpoch} (and the broker time under {@code LogAppendTime}), writes them, and
     * fsyncs or schedules the fsync as the flush policy says.
     *
     * @return where the records landed; for a retried idempotent batch, the original offsets
     *         with {@code duplicate = true} and nothing written
     * @throws dev.partita.protocol.record.InvalidRecordException malformed batches
     * @throws dev.partita.protocol.record.CorruptRecordException a CRC mismatch
     * @throws RecordTooLargeException a batch above {@code max.message.bytes}
     * @throws OutOfOrderSequenceException a producer sequence gap
     * @throws InvalidProducerEpochException a fenced producer epoch
     * @throws LogStorageException an I/O error (e.g. a full disk); the log is as before the call.
     *         One exception: under {@link FlushPolicy#PER_BATCH} a failed fsync after the write
     *         leaves the (not durable) records in the log and takes the log offline
     * @throws IllegalStateException when {@code leaderEpoch} is older than the latest epoch in the
     *         log (the caller's leadership is stale)
     */
    public LogAppendInfo appendAsLeader(MemoryRecords records, int leaderEpoch) {
        checkWritable();
        LogConfig cfg = config;
        OptionalInt latestEpoch = epochCache.latestEpoch();
        if (latestEpoch.isPresent() && leaderEpoch < latestEpoch.getAsInt()) {
            throw new IllegalStateException("leader epoch " + leaderEpoch + " is older than the log's latest epoch "
                    + latestEpoch.getAsInt() + ": this replica is not the current leader");
        }
        ByteBuffer buffer = BatchValidator.writableBuffer(records);
        List<RecordBatch> batches = BatchValidator.validate(buffer, cfg.maxMessageBytes(), true);
        boolean idempotent = batches.stream().anyMatch(b -> b.hasProducerId() && !b.isControlBatch());
        if (idempotent && batches.size() != 1) {
            throw new InvalidRecordException(
                    "an idempotent producer must send exactly one batch per partition, got " + batches.size());
        }
        Optional<ProducerStateManager.BatchMetadata> duplicate = producerState.checkLeaderBatch(batches.get(0));
        if (duplicate.isPresent()) {
            ProducerStateManager.BatchMetadata original = duplicate.get();
            RecordBatch batch = batches.get(0);
            return new LogAppendInfo(original.firstOffset(), original.lastOffset(), batch.maxTimestamp(),
                    RecordBatch.NO_TIMESTAMP, 0, batch.recordCount(), true);
        }
        long now = clock.millis();
        boolean logAppendTime = cfg.timestampType() == TimestampType.LOG_APPEND_TIME;
        long firstOffset = end.offset();
        long next = firstOffset;
        long maxTimestamp = RecordBatch.NO_TIMESTAMP;
        int recordCount = 0;
        for (RecordBatch batch : batches) {
            batch.setBaseOffset(next);
            batch.setPartitionLeaderEpoch(leaderEpoch);
            if (logAppendTime) {
                batch.setLogAppendTime(now);
            }
            maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
            recordCount += batch.recordCount();
            next = batch.nextOffset();
        }
        if (leaderEpoch >= 0) {
            epochCache.assign(leaderEpoch, firstOffset);
        }
        append(buffer, batches, now);
        return new LogAppendInfo(firstOffset, next - 1, maxTimestamp, logAppendTime ? now : RecordBatch.NO_TIMESTAMP,
                buffer.remaining(), recordCount, false);
    }

    /**
     * Appends batches copied from a leader: offsets and leader epochs are kept as they are. The
     * offsets must continue the log exactly (no gaps: there is no compaction yet).
     *
     * @throws dev.partita.protocol.record.InvalidRecordException malformed batches, or offsets
     *         that do not start at the log end or are not contiguous
     * @throws LogStorageException an I/O error; the log is as before the call
     */
    public LogAppendInfo appendAsFollower(MemoryRecords records) {
        checkWritable();
        ByteBuffer buffer = BatchValidator.writableBuffer(records);
        List<RecordBatch> batches = BatchValidator.validate(buffer, Integer.MAX_VALUE, false);
        long firstOffset = batches.get(0).baseOffset();
        if (firstOffset != end.offset()) {
            throw new InvalidRecordException("follower append at offset " + firstOffset
                    + " does not continue the log at its end " + end.offset()
                    + (firstOffset < end.offset() ? " (truncate first)" : " (offsets must be contiguous)"));
        }
        long maxTimestamp = RecordBatch.NO_TIMESTAMP;
        int recordCount = 0;
        for (RecordBatch batch : batches) {
            epochCache.assign(batch.partitionLeaderEpoch(), batch.baseOffset());
            maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
            recordCount += batch.recordCount();
        }
        append(buffer, batches, clock.millis());
        return new LogAppendInfo(firstOffset, batches.get(batches.size() - 1).lastOffset(), maxTimestamp,
                RecordBatch.NO_TIMESTAMP, buffer.remaining(), recordCount, false);
    }

    private void append(ByteBuffer buffer, List<RecordBatch> batches, long nowMs) {
        RecordBatch last = batches.get(batches.size() - 1);
        try {
            LogSegment segment = maybeRoll(buffer.remaining(), batches.size(), last.lastOffset(), nowMs);
            segment.append(buffer);
        } catch (IOException e) {
            throw new LogStorageException("append to " + dir + " failed, nothing was stored: " + e.getMessage(), e);
        }
        for (RecordBatch batch : batches) {
            producerState.update(batch);
        }
        LogSegment active = segments.lastEntry().getValue();
        end = new LogEnd(last.nextOffset(), active, active.sizeInBytes());
        afterAppend();
    }

    private void afterAppend() {
        switch (config.flushPolicy()) {
            case PER_BATCH -> flush();
            case GROUP_COMMIT -> flushRequester.requestFlush(this);
            case NONE -> {
                // The page cache holds the data until the OS writes it back or the log is closed.
            }
        }
    }

    private LogSegment maybeRoll(int bytes, int batchCount, long lastOffset, long nowMs) throws IOException {
        LogSegment active = end.segment();
        LogConfig cfg = config;
        boolean full = active.sizeInBytes() > 0 && (long) active.sizeInBytes() + bytes > cfg.segmentBytes();
        boolean old = active.sizeInBytes() > 0 && nowMs - active.createdMs() >= cfg.segmentMs();
        boolean indexFull = !active.hasIndexRoomFor(batchCount);
        boolean offsetOverflow = lastOffset - active.baseOffset() > Integer.MAX_VALUE;
        if (full || old || indexFull || offsetOverflow) {
            return rollAt(nowMs);
        }
        return active;
    }

    /** Starts a new active segment at the log end, unless the active segment is empty. */
    public void roll() {
        checkWritable();
        try {
            rollAt(clock.millis());
        } catch (IOException e) {
            throw new LogStorageException("cannot roll " + dir + ": " + e.getMessage(), e);
        }
    }

    private LogSegment rollAt(long nowMs) throws IOException {
        LogEnd current = end;
        if (current.segment().sizeInBytes() == 0) {
            return current.segment();
        }
        // The snapshot first: if it fails, nothing has changed.
        producerState.advanceMapEndOffset(current.offset());
        producerState.takeSnapshot();
        LogConfig cfg = config;
        LogSegment segment;
        try {
            segment = LogSegment.open(io, dir, current.offset(), cfg.indexIntervalBytes(),
                    cfg.segmentIndexBytes(), nowMs, true);
        } catch (IOException e) {
            // Leave no half-created segment behind: the old active segment keeps taking appends.
            LogSegment.deleteFilesQuietly(io, dir, current.offset());
            throw e;
        }
        directoryDirty = true;
        segments.put(segment.baseOffset(), segment);
        end = new LogEnd(current.offset(), segment, 0);
        try {
            current.segment().makeInactive();
        } catch (IOException e) {
            // Only recovery time is at stake: an untrimmed index fails the sanity check after a
            // crash and is rebuilt from the log.
            LOG.warn("cannot trim the indexes of {} segment {}: {}", dir, current.segment().baseOffset(), e.toString());
        }
        return segment;
    }

    /**
     * Reads whole batches from the one holding {@code startOffset}, at most {@code maxBytes}
     * (unless {@code minOneBatch} and the first batch alone is larger), only batches whose last
     * offset is below {@code maxOffsetExclusive} (e.g. the high watermark). The result never spans
     * segments; an empty slice means nothing (more) is readable under the limits.
     *
     * @throws OffsetOutOfRangeException when {@code startOffset} is below the log start or above
     *         the log end
     */
    public LogReadResult read(long startOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch) {
        LogEnd current = end;
        long start = logStartOffset;
        if (startOffset < start || startOffset > current.offset()) {
            throw new OffsetOutOfRangeException("offset " + startOffset + " is outside the log " + dir.getFileName()
                    + " [" + start + ", " + current.offset() + "]");
        }
        try {
            if (startOffset < current.offset() && maxOffsetExclusive > startOffset) {
                Map.Entry<Long, LogSegment> floor = segments.floorEntry(startOffset);
                if (floor == null) {
                    throw new OffsetOutOfRangeException("offset " + startOffset
                            + " was deleted by retention; the log now starts at " + logStartOffset);
                }
                // Start from the segment object found, even if retention removes it from the map
                // meanwhile: its channel stays open until the next retention pass.
                LogSegment segment = floor.getValue();
                while (segment != null && segment.baseOffset() <= current.segment().baseOffset()) {
                    int maxPosition = segment == current.segment() ? current.position() : segment.sizeInBytes();
                    FileRecords records = segment.read(startOffset, maxBytes, maxOffsetExclusive, maxPosition, minOneBatch);
                    if (records != null) {
                        return new LogReadResult(records, start, current.offset());
                    }
                    Map.Entry<Long, LogSegment> next = segments.higherEntry(segment.baseOffset());
                    segment = next == null ? null : next.getValue();
                }
            }
            return new LogReadResult(new FileRecords(current.segment().logFile(), current.position(), 0),
                    start, current.offset());
        } catch (ClosedChannelException e) {
            if (startOffset < logStartOffset) {
                throw new OffsetOutOfRangeException("offset " + startOffset + " was deleted by retention; the log now starts at "
                        + logStartOffset);
            }
            throw new LogStorageException("read of " + dir + " failed: segment closed", e);
        } catch (IOException e) {
            throw new LogStorageException("read of " + dir + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The first batch whose max timestamp is at or above {@code timestamp}: its max timestamp and
     * base offset; empty when every batch is older.
     */
    public Optional<TimestampOffset> offsetForTimestamp(long timestamp) {
        LogEnd current = end;
        try {
            for (LogSegment segment : segments.values()) {
                if (segment.baseOffset() > current.segment().baseOffset()) {
                    break;
                }
                if (segment.maxTimestampSoFar() >= timestamp) {
                    int maxPosition = segment == current.segment() ? current.position() : segment.sizeInBytes();
                    Optional<TimestampOffset> found;
                    try {
                        found = segment.findOffsetByTimestamp(timestamp, maxPosition);
                    } catch (ClosedChannelException deletedMeanwhile) {
                        continue; // retention removed it: its offsets are below the log start now
                    }
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new LogStorageException("timestamp lookup in " + dir + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Fsyncs everything appended before the call, then advances {@link #flushedOffset()}: the log
     * files of every segment not yet flushed, and the indexes of segments no longer active (the
     * active segment's indexes are rebuilt by recovery). Safe to call from any thread.
     *
     * @throws LogStorageException when the fsync fails; the log is then taken offline for writes
     *         (after a failed fsync the kernel may have dropped the dirty pages)
     */
    public void flush() {
        synchronized (structureLock) {
            if (closed) {
                throw new IllegalStateException("log " + dir + " is closed");
            }
            if (offlineReason != null) {
                // A second fsync after a failed one may succeed without the lost pages.
                throw new LogStorageException("log " + dir + " is offline: " + offlineReason);
            }
            LogEnd target = end;
            long from = flushedOffset;
            if (target.offset() <= from) {
                return;
            }
            try {
                Long firstKey = segments.floorKey(from);
                for (LogSegment segment : segments.subMap(firstKey == null ? segments.firstKey() : firstKey, true,
                        target.segment().baseOffset(), true).values()) {
                    if (segment == target.segment()) {
                        segment.flushLog();
                    } else {
                        segment.flush();
                    }
                }
                if (directoryDirty) {
                    // A new segment file is durable only once its directory entry is.
                    directoryDirty = false;
                    io.fsyncDirectory(dir);
                }
                flushedOffset = target.offset();
                recoveryPoint.maybeAdvance(target.segment().baseOffset());
            } catch (IOException e) {
                offlineReason = "fsync failed: " + e.getMessage();
                throw new LogStorageException("fsync of " + dir + " failed; the log is offline: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Removes every record at or above {@code offset} (replication truncates a diverging tail).
     * Whole batches only: a batch holding {@code offset} goes entirely, so the new log end may be
     * lower than {@code offset}. The producer state and the leader-epoch cache follow. The cut is
     * fsynced before this returns, so a crash never resurrects the removed records.
     */
    public void truncateTo(long offset) {
        checkWritable();
        synchronized (structureLock) {
            if (offset >= end.offset()) {
                return;
            }
            if (offset < logStartOffset) {
                throw new IllegalArgumentException("cannot truncate " + dir + " to " + offset
                        + ", below its start " + logStartOffset);
            }
            try {
                LogSegment keep = segments.floorEntry(offset).getValue();
                for (LogSegment segment : List.copyOf(segments.tailMap(offset, false).values())) {
                    if (segment != keep) {
                        segments.remove(segment.baseOffset());
                        segment.deleteFiles();
                        deletedSegments.add(segment);
                    }
                }
                keep.makeActive();
                keep.truncateTo(offset);
                // Durable at once: a crash must not bring the removed tail back under offsets
                // that are handed out again from here.
                keep.flush();
                io.fsyncDirectory(dir);
                long newEnd = keep.readNextOffset();
                end = new LogEnd(newEnd, keep, keep.sizeInBytes());
                flushedOffset = Math.min(flushedOffset, newEnd);
                recoveryPoint.moveBack(keep.baseOffset());
                epochCache.truncateFromEnd(newEnd);
                LogLoader.rebuildProducerState(producerState, segments, logStartOffset, newEnd);
            } catch (IOException e) {
                offlineReason = "truncation failed: " + e.getMessage();
                throw new LogStorageException("truncation of " + dir + " failed; the log is offline: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Deletes the oldest whole segments that retention allows: as long as the remaining segments
     * still hold at least {@code retention.bytes}, or while the oldest segment's newest timestamp
     * is older than {@code retention.ms}. Never the active segment, never a segment holding any offset at or
     * above {@code retentionFloor}. Deleted files are renamed {@code .deleted}, then removed; the
     * log start offset moves to the oldest remaining segment.
     *
     * @return the number of segments deleted
     */
    public int deleteOldSegments(long retentionFloor, long nowMs) {
        checkWritable();
        synchronized (structureLock) {
            closeDeletedSegments();
            List<LogSegment> all = List.copyOf(segments.values());
            List<LogSegment> doomed = all.subList(0, Retention.deletableSegments(all, config, retentionFloor, nowMs));
            if (doomed.isEmpty()) {
                return 0;
            }
            long newStart = all.get(doomed.size()).baseOffset();
            logStartOffset = newStart;
            try {
                epochCache.truncateFromStart(newStart);
                for (LogSegment segment : doomed) {
                    segments.remove(segment.baseOffset());
                    segment.deleteFiles();
                    deletedSegments.add(segment);
                }
                io.fsyncDirectory(dir);
            } catch (IOException e) {
                throw new LogStorageException("deleting old segments of " + dir + " failed: " + e.getMessage(), e);
            }
            return doomed.size();
        }
    }

    /** Deleted segments stay open until the next retention pass so in-flight reads can finish. */
    private void closeDeletedSegments() {
        for (LogSegment segment : deletedSegments) {
            segment.closeQuietly();
        }
        deletedSegments.clear();
    }

    /**
     * Flushes everything, snapshots the producer state, records the recovery point, trims the
     * indexes and closes every file. Idempotent.
     */
    public void close() {
        synchronized (structureLock) {
            if (closed) {
                return;
            }
            try {
                if (offlineReason == null) {
                    flush();
                    producerState.advanceMapEndOffset(end.offset());
                    producerState.takeSnapshot();
                    recoveryPoint.maybeAdvance(end.segment().baseOffset());
                }
            } catch (IOException e) {
                throw new LogStorageException("closing " + dir + " failed: " + e.getMessage(), e);
            } finally {
                closeAllSegments();
            }
        }
    }

    private void closeAllSegments() {
        closed = true;
        for (LogSegment segment : segments.values()) {
            try {
                segment.close();
            } catch (IOException e) {
                segment.closeQuietly();
            }
        }
        closeDeletedSegments();
    }

    /** Closes every file without flushing (a log about to be deleted, or a dead log in a test). */
    public void closeWithoutFlush() {
        synchronized (structureLock) {
            for (LogSegment segment : segments.values()) {
                segment.closeQuietly();
            }
            closeDeletedSegments();
            closed = true;
        }
    }

    private void checkWritable() {
        if (closed) {
            throw new IllegalStateException("log " + dir + " is closed");
        }
        String reason = offlineReason;
        if (reason != null) {
            throw new LogStorageException("log " + dir + " is offline: " + reason);
        }
    }

    @Override
    public String toString() {
        return "Log(" + dir.getFileName() + ", start=" + logStartOffset + ", end=" + end.offset()
                + ", flushed=" + flushedOffset + ")";
    }
}
