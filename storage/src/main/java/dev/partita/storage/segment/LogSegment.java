package dev.partita.storage.segment;

import dev.partita.protocol.record.CorruptRecordException;
import dev.partita.protocol.record.RecordBatch;
import dev.partita.storage.file.FileIO;
import dev.partita.storage.file.LogFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One segment of a partition's log: {@code <base offset>.log} holding record batches back to
 * back exactly as they travel on the wire (see {@link RecordBatch}), the sparse
 * {@link OffsetIndex} and the {@link TimeIndex}. The base offset, written as 20 zero-padded
 * digits in every file name, is the first offset the segment may hold.
 *
 * <p>Every {@code indexIntervalBytes} of appended batches, the batch about to be written gets an
 * offset-index entry (its last offset, its position) and the time index gets the segment's largest
 * timestamp so far. {@link #recover} rebuilds both from the log file, validating each batch; it is
 * the only integrity check of the indexes.
 *
 * <p>Thread-safety: not thread-safe for writes; its {@code Log} owns it and has a single writer.
 * Reads ({@link #read}, {@link #findOffsetByTimestamp}) may run concurrently with appends: they
 * only touch bytes below a size the caller obtained after the bytes were written.
 */
public final class LogSegment {

    public static final String LOG_SUFFIX = ".log";
    public static final String DELETED_SUFFIX = ".deleted";

    private final FileIO io;
    private final Path dir;
    private final long baseOffset;
    private final int indexIntervalBytes;
    private final int maxIndexBytes;
    private final LogFile log;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final long createdMs;
    private volatile int size;
    private volatile long maxTimestampSoFar = RecordBatch.NO_TIMESTAMP;
    private int bytesSinceLastIndexEntry;

    private LogSegment(FileIO io, Path dir, long baseOffset, int indexIntervalBytes, int maxIndexBytes,
                       long createdMs, boolean active) throws IOException {
        this.io = io;
        this.dir = dir;
        this.baseOffset = baseOffset;
        this.indexIntervalBytes = indexIntervalBytes;
        this.maxIndexBytes = maxIndexBytes;
        this.createdMs = createdMs;
        this.log = io.open(dir.resolve(fileName(baseOffset, LOG_SUFFIX)), true);
        OffsetIndex offsets = null;
        try {
            offsets = new OffsetIndex(io, dir.resolve(fileName(baseOffset, OffsetIndex.SUFFIX)),
                    baseOffset, maxIndexBytes, active);
            this.offsetIndex = offsets;
            this.timeIndex = new TimeIndex(io, dir.resolve(fileName(baseOffset, TimeIndex.SUFFIX)),
                    baseOffset, maxIndexBytes, active);
        } catch (IOException | RuntimeException e) {
            if (offsets != null) {
                offsets.closeQuietly();
            }
            log.close();
            throw e;
        }
        long length = log.size();
        if (length > Integer.MAX_VALUE) {
            throw new IOException("segment " + log.path() + " is larger than 2 GiB: " + length);
        }
        this.size = (int) length;
    }

    /**
     * Opens the segment with {@code baseOffset} in {@code dir}, creating empty files if it does not
     * exist. The indexes are taken as they are; call {@link #recover} or {@link #loadAfterCleanOpen}.
     *
     * @param createdMs the time the segment counts its age from (for {@code segment.ms})
     * @param active whether the segment will take appends: its indexes are then preallocated to
     *               {@code maxIndexBytes}; an older segment's indexes are mapped at their size
     */
    public static LogSegment open(FileIO io, Path dir, long baseOffset, int indexIntervalBytes,
                                  int maxIndexBytes, long createdMs, boolean active) throws IOException {
        return new LogSegment(io, dir, baseOffset, indexIntervalBytes, maxIndexBytes, createdMs, active);
    }

    /**
     * Readies an older segment to take appends again (a truncation made it the active one): its
     * indexes get their full size back.
     */
    public void makeActive() throws IOException {
        offsetIndex.ensureCapacity(maxIndexBytes);
        timeIndex.ensureCapacity(maxIndexBytes);
    }

    /**
     * The segment stopped taking appends (the log rolled past it): trims its indexes to their
     * entries and fsyncs them, so they pass the sanity check after a crash instead of being
     * rebuilt from the log.
     */
    public void makeInactive() throws IOException {
        offsetIndex.trimToEntries();
        timeIndex.trimToEntries();
    }

    /** {@code 00000000000000000042.log} for base offset 42 and suffix {@code .log}. */
    public static String fileName(long baseOffset, String suffix) {
        return String.format("%020d%s", baseOffset, suffix);
    }

    /** The base offset encoded in a segment file name, or -1 when it is not a segment file name. */
    public static long parseBaseOffset(String fileName, String suffix) {
        if (!fileName.endsWith(suffix) || fileName.length() != 20 + suffix.length()) {
            return -1;
        }
        String digits = fileName.substring(0, 20);
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(digits);
    }

    public long baseOffset() {
        return baseOffset;
    }

    /** Bytes of batches in the log file. */
    public int sizeInBytes() {
        return size;
    }

    public long createdMs() {
        return createdMs;
    }

    /** Largest batch max timestamp in the segment, or {@link RecordBatch#NO_TIMESTAMP}. */
    public long maxTimestampSoFar() {
        return maxTimestampSoFar;
    }

    public LogFile logFile() {
        return log;
    }

    public OffsetIndex offsetIndex() {
        return offsetIndex;
    }

    public TimeIndex timeIndex() {
        return timeIndex;
    }

    /** Whether the indexes can take {@code batches} more entries. */
    public boolean hasIndexRoomFor(int batches) {
        return !offsetIndex.isFull() && !timeIndex.isFull()
                && offsetIndex.entries() + batches <= capacity(offsetIndex)
                && timeIndex.entries() + batches <= capacity(timeIndex);
    }

    private static int capacity(AbstractIndex index) {
        return (int) Math.min(Integer.MAX_VALUE, (long) index.buffer().capacity() / index.entrySize());
    }

    /**
     * Appends complete, validated batches with their offsets assigned ({@code batches} from its
     * position to its limit). On an I/O error the log file is cut back to its previous size
     * and the indexes are untouched, so the segment is as before the call.
     */
    public void append(ByteBuffer batches) throws IOException {
        int start = size;
        int length = batches.remaining();
        try {
            log.write(batches.duplicate(), start);
        } catch (IOException e) {
            try {
                log.truncate(start);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        int position = start;
        for (int at = batches.position(); at < batches.limit(); ) {
            RecordBatch batch = new RecordBatch(batches, at);
            indexBatch(batch, position);
            position += batch.sizeInBytes();
            at += batch.sizeInBytes();
        }
        size = start + length;
    }

    private void indexBatch(RecordBatch batch, int position) {
        if (batch.maxTimestamp() > maxTimestampSoFar) {
            maxTimestampSoFar = batch.maxTimestamp();
        }
        if (bytesSinceLastIndexEntry > indexIntervalBytes) {
            offsetIndex.append(batch.lastOffset(), position);
            timeIndex.maybeAppend(maxTimestampSoFar, batch.lastOffset());
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += batch.sizeInBytes();
    }

    /**
     * The header of the batch at {@code position} if a whole header lies below {@code limit}, else
     * null. Only the header fields of the returned view are readable.
     */
    public RecordBatch readHeader(int position, int limit) throws IOException {
        if (limit - position < RecordBatch.HEADER_SIZE) {
            return null;
        }
        ByteBuffer header = ByteBuffer.allocate(RecordBatch.HEADER_SIZE);
        if (log.read(header, position) < RecordBatch.HEADER_SIZE) {
            return null;
        }
        RecordBatch batch = new RecordBatch(header, 0);
        if (batch.batchLength() < RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD) {
            throw new CorruptRecordException("impossible batch length " + batch.batchLength()
                    + " at position " + position + " of " + log.path());
        }
        return batch;
    }

    /**
     * Batches from the one holding {@code startOffset}: whole batches only, at most
     * {@code maxBytes} bytes (unless {@code minOneBatch} and the first batch alone is larger),
     * only batches whose last offset is below {@code maxOffsetExclusive}, only bytes below
     * {@code maxPosition}.
     *
     * @return the slice (possibly empty when a limit stops the first batch), or null when no batch
     *         at or after {@code startOffset} lies below {@code maxPosition}
     */
    public FileRecords read(long startOffset, int maxBytes, long maxOffsetExclusive, int maxPosition,
                            boolean minOneBatch) throws IOException {
        int position = offsetIndex.lookup(startOffset).position();
        RecordBatch header;
        while (true) {
            header = readHeader(position, maxPosition);
            if (header == null) {
                return null;
            }
            if (header.lastOffset() >= startOffset) {
                break;
            }
            position += header.sizeInBytes();
        }
        int start = position;
        int total = 0;
        while (header != null) {
            int batchSize = header.sizeInBytes();
            if (position + batchSize > maxPosition || header.lastOffset() >= maxOffsetExclusive) {
                break;
            }
            if (total + batchSize > maxBytes && !(total == 0 && minOneBatch)) {
                break;
            }
            total += batchSize;
            position += batchSize;
            header = readHeader(position, maxPosition);
        }
        return new FileRecords(log, start, total);
    }

    /**
     * The first batch whose max timestamp is at or above {@code timestamp}, as (that max
     * timestamp, the batch's base offset), looking at bytes below {@code maxPosition}.
     */
    public Optional<TimestampOffset> findOffsetByTimestamp(long timestamp, int maxPosition) throws IOException {
        Optional<TimeIndex.Entry> below = timeIndex.lastEntryBelow(timestamp);
        int position = below.isPresent() ? positionAfter(below.get().offset(), maxPosition) : 0;
        for (RecordBatch header = readHeader(position, maxPosition); header != null;
             header = readHeader(position, maxPosition)) {
            if (header.maxTimestamp() >= timestamp) {
                return Optional.of(new TimestampOffset(header.maxTimestamp(), header.baseOffset()));
            }
            position += header.sizeInBytes();
        }
        return Optional.empty();
    }

    /** Position of the first batch holding an offset above {@code offset}. */
    private int positionAfter(long offset, int maxPosition) throws IOException {
        int position = offsetIndex.lookup(offset).position();
        for (RecordBatch header = readHeader(position, maxPosition); header != null;
             header = readHeader(position, maxPosition)) {
            if (header.lastOffset() > offset) {
                return position;
            }
            position += header.sizeInBytes();
        }
        return maxPosition;
    }

    /**
     * Validates every batch from the start of the file and rebuilds both indexes. The first batch
     * that is incomplete, has the wrong magic, an impossible length, a bad CRC, or a base offset
     * other than where its predecessor ended ends the valid part: the file is cut there.
     *
     * @param visitor sees every valid batch, in order (full batch bytes)
     * @param maxBatchBytes a batch claiming more bytes than this is taken as corrupt
     */
    public RecoveryResult recover(Consumer<RecordBatch> visitor, int maxBatchBytes) throws IOException {
        makeActive(); // room for the rebuilt entries
        offsetIndex.reset();
        timeIndex.reset();
        maxTimestampSoFar = RecordBatch.NO_TIMESTAMP;
        bytesSinceLastIndexEntry = 0;
        long fileSize = log.size();
        int limit = (int) Math.min(fileSize, Integer.MAX_VALUE);
        int position = 0;
        long nextOffset = baseOffset;
        String invalidReason = null;
        ByteBuffer buffer = ByteBuffer.allocate(RecordBatch.HEADER_SIZE);
        while (position < limit) {
            if (limit - position < RecordBatch.HEADER_SIZE) {
                invalidReason = "incomplete batch header";
                break;
            }
            buffer.clear().limit(RecordBatch.HEADER_SIZE);
            log.read(buffer, position);
            RecordBatch header = new RecordBatch(buffer, 0);
            int batchLength = header.batchLength();
            long batchSize = (long) RecordBatch.LOG_OVERHEAD + batchLength;
            if (batchLength < RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD || batchSize > maxBatchBytes) {
                invalidReason = "impossible batch length " + batchLength;
                break;
            }
            if (position + batchSize > limit) {
                invalidReason = "incomplete batch";
                break;
            }
            if (header.magic() != RecordBatch.MAGIC) {
                invalidReason = "magic " + header.magic();
                break;
            }
            long lastOffset = header.baseOffset() + header.lastOffsetDelta();
            // Offsets are dense: each batch starts where the previous one ended (the first at
            // the base offset). This also catches damage to the base offset, which the CRC
            // does not cover.
            if (header.baseOffset() != nextOffset || header.lastOffsetDelta() < 0
                    || lastOffset - baseOffset > Integer.MAX_VALUE) {
                invalidReason = "offsets " + header.baseOffset() + ".." + lastOffset + " after " + nextOffset;
                break;
            }
            if (buffer.capacity() < batchSize) {
                buffer = ByteBuffer.allocate((int) Math.max(batchSize, 2L * buffer.capacity()));
            }
            buffer.clear().limit((int) batchSize);
            log.read(buffer, position);
            RecordBatch batch = new RecordBatch(buffer, 0);
            if (!batch.isCrcValid()) {
                invalidReason = "CRC mismatch";
                break;
            }
            indexBatch(batch, position);
            visitor.accept(batch);
            nextOffset = batch.nextOffset();
            position += (int) batchSize;
        }
        long truncated = fileSize - position;
        if (truncated > 0) {
            log.truncate(position);
        }
        size = position;
        return new RecoveryResult(baseOffset, position, truncated, nextOffset, invalidReason);
    }

    /**
     * For a segment not recovered (clean shutdown, or below the recovery point): checks the
     * indexes for sanity (rebuilding them through {@link #recover} when they fail) and computes
     * the next offset and the largest timestamp by scanning headers from the last index entry.
     *
     * @return the offset after the segment's last batch (the base offset when empty)
     */
    public long loadAfterCleanOpen(Consumer<RecordBatch> onRebuildVisitor, int maxBatchBytes) throws IOException {
        boolean missingIndex = offsetIndex.entries() == 0 && size > indexIntervalBytes + RecordBatch.HEADER_SIZE;
        if (missingIndex || !offsetIndex.isSane(size) || !lastIndexEntryMatches()) {
            return recover(onRebuildVisitor, maxBatchBytes).nextOffset();
        }
        long nextOffset = baseOffset;
        OffsetIndex.Entry last = offsetIndex.lastEntry();
        int position = last.position();
        long maxTimestamp = timeIndex.lastEntry().map(TimeIndex.Entry::timestamp).orElse(RecordBatch.NO_TIMESTAMP);
        int sinceEntry = 0;
        for (RecordBatch header = readHeader(position, size); header != null; header = readHeader(position, size)) {
            maxTimestamp = Math.max(maxTimestamp, header.maxTimestamp());
            nextOffset = header.nextOffset();
            sinceEntry += header.sizeInBytes();
            position += header.sizeInBytes();
        }
        if (position != size || (offsetIndex.entries() > 0 && !timeIndex.isSane(nextOffset))) {
            return recover(onRebuildVisitor, maxBatchBytes).nextOffset();
        }
        maxTimestampSoFar = maxTimestamp;
        // Appends count the indexed batch itself into the bytes since the entry.
        bytesSinceLastIndexEntry = sinceEntry;
        return nextOffset;
    }

    private boolean lastIndexEntryMatches() throws IOException {
        if (offsetIndex.entries() == 0) {
            return timeIndex.entries() == 0;
        }
        OffsetIndex.Entry last = offsetIndex.lastEntry();
        RecordBatch header = readHeader(last.position(), size);
        return header != null && header.lastOffset() == last.offset();
    }

    /**
     * Removes every batch from the one holding {@code offset} on (a batch is never split).
     *
     * @return the number of bytes removed
     */
    public int truncateTo(long offset) throws IOException {
        int position = offsetIndex.lookup(offset).position();
        for (RecordBatch header = readHeader(position, size); header != null; header = readHeader(position, size)) {
            if (header.lastOffset() >= offset) {
                break;
            }
            position += header.sizeInBytes();
        }
        int removed = size - position;
        if (removed <= 0) {
            return 0;
        }
        log.truncate(position);
        size = position;
        offsetIndex.truncateTo(offset);
        timeIndex.truncateTo(offset);
        recomputeAfterTruncation();
        return removed;
    }

    private void recomputeAfterTruncation() throws IOException {
        long maxTimestamp = RecordBatch.NO_TIMESTAMP;
        int sinceEntry = 0;
        boolean indexed = offsetIndex.entries() > 0;
        int lastIndexed = offsetIndex.lastEntry().position();
        int position = 0;
        for (RecordBatch header = readHeader(position, size); header != null; header = readHeader(position, size)) {
            maxTimestamp = Math.max(maxTimestamp, header.maxTimestamp());
            if (indexed && position == lastIndexed) {
                sinceEntry = 0;
            }
            sinceEntry += header.sizeInBytes();
            position += header.sizeInBytes();
        }
        maxTimestampSoFar = maxTimestamp;
        bytesSinceLastIndexEntry = sinceEntry;
    }

    /**
     * Shows {@code visitor} the header of every batch whose last offset is at or above
     * {@code fromOffset} (header fields only; the records are not read).
     */
    public void scanHeaders(long fromOffset, Consumer<RecordBatch> visitor) throws IOException {
        int limit = size;
        int position = offsetIndex.lookup(fromOffset).position();
        for (RecordBatch header = readHeader(position, limit); header != null; header = readHeader(position, limit)) {
            if (header.lastOffset() >= fromOffset) {
                visitor.accept(header);
            }
            position += header.sizeInBytes();
        }
    }

    /** The offset after the segment's last batch, or the base offset when empty. */
    public long readNextOffset() throws IOException {
        OffsetIndex.Entry last = offsetIndex.lastEntry();
        long next = baseOffset;
        int position = last.position();
        for (RecordBatch header = readHeader(position, size); header != null; header = readHeader(position, size)) {
            next = header.nextOffset();
            position += header.sizeInBytes();
        }
        return next;
    }

    /** Fsyncs the log file and both indexes. */
    public void flush() throws IOException {
        log.force();
        offsetIndex.flush();
        timeIndex.flush();
    }

    /** Fsyncs the log file only (the indexes of the active segment are rebuilt by recovery). */
    public void flushLog() throws IOException {
        log.force();
    }

    /** Trims the indexes and closes every file. */
    public void close() throws IOException {
        try {
            offsetIndex.close();
            timeIndex.close();
        } finally {
            log.close();
        }
    }

    /** Closes every file without trimming or fsyncing (for deleted segments). */
    public void closeQuietly() {
        offsetIndex.closeQuietly();
        timeIndex.closeQuietly();
        try {
            log.close();
        } catch (IOException ignored) {
            // The segment is gone already.
        }
    }

    /**
     * Renames the segment's files to {@code *.deleted} and removes them. The log file stays open so
     * readers holding a slice can finish; {@link #closeQuietly()} releases it later.
     */
    public void deleteFiles() throws IOException {
        for (String suffix : new String[] {LOG_SUFFIX, OffsetIndex.SUFFIX, TimeIndex.SUFFIX}) {
            Path file = dir.resolve(fileName(baseOffset, suffix));
            Path deleted = dir.resolve(fileName(baseOffset, suffix + DELETED_SUFFIX));
            if (io.exists(file)) {
                io.atomicMove(file, deleted);
            }
        }
        for (String suffix : new String[] {LOG_SUFFIX, OffsetIndex.SUFFIX, TimeIndex.SUFFIX}) {
            io.delete(dir.resolve(fileName(baseOffset, suffix + DELETED_SUFFIX)));
        }
    }

    /** Deletes whatever files of the segment with {@code baseOffset} exist, ignoring errors. */
    public static void deleteFilesQuietly(FileIO io, Path dir, long baseOffset) {
        for (String suffix : new String[] {LOG_SUFFIX, OffsetIndex.SUFFIX, TimeIndex.SUFFIX}) {
            try {
                io.delete(dir.resolve(fileName(baseOffset, suffix)));
            } catch (IOException ignored) {
                // Recovery deletes an empty leftover segment anyway.
            }
        }
    }

    @Override
    public String toString() {
        return "LogSegment(" + log.path() + ", size=" + size + ")";
    }
}
