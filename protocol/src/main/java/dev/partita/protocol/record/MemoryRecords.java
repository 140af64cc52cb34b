package dev.partita.protocol.record;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Record batches held in a heap or direct {@link ByteBuffer}, from the buffer's position to its
 * limit. Iterating yields a {@link RecordBatch} view per complete batch; a truncated batch at the
 * end (possible in a fetch response cut at max bytes) is not yielded, and {@link #validBytes()}
 * says where the complete batches end.
 *
 * <p>Building: {@link MemoryRecordsBuilder} (one batch), {@link #withRecords} and
 * {@link #endTransactionMarker} for the common cases. The layout is documented on
 * {@link RecordBatch} and {@link DefaultRecord}.
 *
 * <p>Not thread-safe for writes; concurrent readers are fine as long as nobody changes the bytes
 * (every reader works on its own duplicate of the buffer).
 */
public final class MemoryRecords implements Records, Iterable<RecordBatch> {

    public static final MemoryRecords EMPTY = new MemoryRecords(ByteBuffer.allocate(0));

    private final ByteBuffer buffer;

    public MemoryRecords(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    public static MemoryRecords readableRecords(ByteBuffer buffer) {
        return new MemoryRecords(buffer);
    }

    /** The bytes, from the batches' start to their end; the returned buffer is a duplicate. */
    public ByteBuffer buffer() {
        return buffer.duplicate();
    }

    @Override
    public int sizeInBytes() {
        return buffer.remaining();
    }

    /** Number of bytes, from the start, covered by complete batches. */
    public int validBytes() {
        int end = buffer.position();
        for (RecordBatch batch : this) {
            end = batch.start() + batch.sizeInBytes();
        }
        return end - buffer.position();
    }

    /**
     * One uncompressed-or-{@code compression} create-time batch at offset 0 holding {@code records}
     * ({@link #EMPTY} if there are none).
     */
    public static MemoryRecords withRecords(CompressionType compression, SimpleRecord... records) {
        return withRecords(0L, compression, records);
    }

    /** One create-time batch starting at {@code baseOffset} holding {@code records}. */
    public static MemoryRecords withRecords(long baseOffset, CompressionType compression, SimpleRecord... records) {
        MemoryRecordsBuilder builder = MemoryRecordsBuilder.builder().compression(compression).baseOffset(baseOffset);
        for (SimpleRecord record : records) {
            builder.append(record);
        }
        return builder.build();
    }

    /**
     * A control batch (transactional, control) holding one commit or abort marker for the
     * transaction of {@code producerId}/{@code producerEpoch}.
     */
    public static MemoryRecords endTransactionMarker(long baseOffset, long timestamp, int partitionLeaderEpoch,
                                                     long producerId, short producerEpoch,
                                                     EndTransactionMarker marker) {
        return MemoryRecordsBuilder.builder()
                .baseOffset(baseOffset)
                .partitionLeaderEpoch(partitionLeaderEpoch)
                .producer(producerId, producerEpoch, RecordBatch.NO_SEQUENCE)
                .transactional(true)
                .control(true)
                .appendEndTransactionMarker(timestamp, marker)
                .build();
    }

    /** The complete batches, in order (same as iterating this object). */
    public Iterable<RecordBatch> batches() {
        return this;
    }

    /** The records of every complete batch, in order, decompressed as needed. */
    public Iterable<Record> records() {
        return () -> new Iterator<>() {
            private final Iterator<RecordBatch> batches = iterator();
            private Iterator<Record> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && batches.hasNext()) {
                    current = batches.next().iterator();
                }
                return current.hasNext();
            }

            @Override
            public Record next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    @Override
    public Iterator<RecordBatch> iterator() {
        return new Iterator<>() {
            private int next = buffer.position();

            @Override
            public boolean hasNext() {
                int remaining = buffer.limit() - next;
                if (remaining < RecordBatch.LOG_OVERHEAD) {
                    return false;
                }
                int batchLength = buffer.getInt(next + RecordBatch.BATCH_LENGTH_OFFSET);
                return batchLength >= RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD
                        && remaining >= RecordBatch.LOG_OVERHEAD + batchLength;
            }

            @Override
            public RecordBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                RecordBatch batch = new RecordBatch(buffer, next);
                next += batch.sizeInBytes();
                return batch;
            }
        };
    }

    @Override
    public String toString() {
        return "MemoryRecords(size=" + sizeInBytes() + ")";
    }
}
