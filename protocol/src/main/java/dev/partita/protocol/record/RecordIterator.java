package dev.partita.protocol.record;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Walks the records of one batch. An uncompressed batch is read in place; a compressed one is
 * decompressed once, up front, into a heap array no larger than a caller-given bound, so a batch
 * that inflates to absurd sizes fails instead of exhausting the heap, and no decompressor (some
 * hold native memory) outlives the constructor. The batch must stay unchanged while records are
 * in use. Not thread-safe.
 */
final class RecordIterator implements Iterator<Record> {

    private final ByteBuffer records;
    private final DefaultRecord.BatchContext context;
    private final int count;
    private int read;

    RecordIterator(RecordBatch batch, int maxDecompressedBytes) {
        int start = batch.start();
        int available = batch.buffer().limit() - start;
        if (available < RecordBatch.HEADER_SIZE) {
            throw new InvalidRecordException("record batch truncated: " + available + " bytes, less than a header");
        }
        long end = (long) start + RecordBatch.LOG_OVERHEAD + batch.batchLength();
        if (batch.batchLength() < RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD || end > batch.buffer().limit()) {
            throw new InvalidRecordException("record batch length " + batch.batchLength() + " at " + start
                    + " does not fit in its buffer (limit " + batch.buffer().limit() + ")");
        }
        if (batch.magic() != RecordBatch.MAGIC) {
            throw new InvalidRecordException("unsupported record batch magic " + batch.magic());
        }
        this.count = batch.recordCount();
        if (count < 0) {
            throw new InvalidRecordException("negative record count " + count);
        }
        ByteBuffer region = batch.buffer().duplicate();
        region.limit((int) end).position(start + RecordBatch.RECORDS_OFFSET);
        CompressionType compression = batch.compressionType();
        this.records = compression == CompressionType.NONE
                ? region.slice()
                : Decompression.decompress(compression, region, maxDecompressedBytes);
        this.context = new DefaultRecord.BatchContext(batch.baseOffset(), batch.baseTimestamp(),
                batch.maxTimestamp(), batch.isLogAppendTime(), batch.baseSequence());
    }

    @Override
    public boolean hasNext() {
        return read < count;
    }

    @Override
    public Record next() {
        if (read >= count) {
            throw new NoSuchElementException();
        }
        if (!records.hasRemaining()) {
            throw new InvalidRecordException("record batch claims " + count + " records but its data ends after "
                    + read);
        }
        DefaultRecord record = DefaultRecord.readFrom(records, context);
        read++;
        if (read == count && records.hasRemaining()) {
            throw new InvalidRecordException("record batch has " + records.remaining()
                    + " bytes after its last record (" + count + " records claimed)");
        }
        return record;
    }
}
