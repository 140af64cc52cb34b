package dev.partita.protocol.record;

import java.io.IOException;
import java.io.InputStream;
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
        if (batch.magic() != RecordBatch.MAGIC) {
            throw new InvalidRecordException("unsupported record batch magic " + batch.magic());
        }
        int start = batch.start();
        long end = (long) start + batch.sizeInBytes();
        if (batch.batchLength() < RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD || end > batch.buffer().limit()) {
            throw new InvalidRecordException("record batch of " + batch.sizeInBytes() + " bytes at "
                    + start + " does not fit in its buffer (limit " + batch.buffer().limit() + ")");
        }
        this.count = batch.recordCount();
        if (count < 0) {
            throw new InvalidRecordException("negative record count " + count);
        }
        ByteBuffer region = batch.buffer().duplicate();
        region.limit((int) end).position(start + RecordBatch.RECORDS_OFFSET);
        CompressionType compression = compressionOf(batch);
        this.records = compression == CompressionType.NONE
                ? region.slice()
                : decompress(compression, region, maxDecompressedBytes);
        this.context = new DefaultRecord.BatchContext(batch.baseOffset(), batch.baseTimestamp(),
                batch.maxTimestamp(), batch.isLogAppendTime(), batch.baseSequence());
    }

    private static CompressionType compressionOf(RecordBatch batch) {
        try {
            return CompressionType.forId(batch.compressionCodecId());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(e.getMessage(), e);
        }
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

    /**
     * Inflates {@code compressed} into a heap buffer, growing it as data actually arrives (a
     * claimed size is never trusted for allocation), and fails past {@code maxBytes}.
     */
    static ByteBuffer decompress(CompressionType compression, ByteBuffer compressed, int maxBytes) {
        int initial = (int) Math.min(maxBytes, Math.max(1024L, compressed.remaining() * 4L));
        byte[] out = new byte[initial];
        int size = 0;
        try (InputStream in = compression.wrapForInput(new ByteBufferInputStream(compressed))) {
            while (true) {
                if (size == out.length) {
                    if (out.length >= maxBytes) {
                        if (in.read() != -1) {
                            throw new InvalidRecordException("records of a " + compression
                                    + " batch decompress to more than " + maxBytes + " bytes");
                        }
                        break;
                    }
                    byte[] grown = new byte[(int) Math.min(maxBytes, out.length * 2L)];
                    System.arraycopy(out, 0, grown, 0, size);
                    out = grown;
                }
                int n = in.read(out, size, out.length - size);
                if (n < 0) {
                    break;
                }
                size += n;
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidRecordException invalid) {
                throw invalid;
            }
            // Codecs signal garbage with IOExceptions and assorted runtime exceptions.
            throw new InvalidRecordException("cannot decompress " + compression + " records: " + e, e);
        }
        return ByteBuffer.wrap(out, 0, size).slice();
    }
}
