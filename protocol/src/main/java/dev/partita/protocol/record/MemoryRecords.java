package dev.partita.protocol.record;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Record batches held in a heap or direct {@link ByteBuffer}, from the buffer's position to its
 * limit. Iterating yields a {@link RecordBatch} view per complete batch; a truncated batch at the
 * end (possible in a fetch response cut at max bytes) is not yielded, and {@link #validBytes()}
 * says where the complete batches end.
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
