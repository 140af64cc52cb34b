package dev.partita.storage.log;

import dev.partita.protocol.record.CorruptRecordException;
import dev.partita.protocol.record.InvalidRecordException;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.RecordBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks record batches before they reach a segment: whole batches only, magic 2, a plausible
 * length, the size limit, the CRC, sane offset deltas and counts; for a leader append also every
 * record inside (see {@link RecordBatch#ensureRecordsValid()}). Works on a private buffer the
 * caller may then rewrite in place (base offset, leader epoch, log append time). Stateless.
 */
final class BatchValidator {

    private BatchValidator() {
    }

    /** A buffer the log may modify: the records' own bytes unless they are read-only. */
    static ByteBuffer writableBuffer(MemoryRecords records) {
        ByteBuffer buffer = records.buffer();
        if (!buffer.isReadOnly()) {
            return buffer;
        }
        ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
        copy.put(buffer).flip();
        return copy;
    }

    /**
     * Validates every batch from the buffer's position to its limit.
     *
     * @param fromLeader whether offsets are yet to be assigned: a producer's batches must be
     *                   dense (one offset per record) and non-empty
     * @return the views of the batches, in order
     */
    static List<RecordBatch> validate(ByteBuffer buffer, int maxBatchBytes, boolean fromLeader) {
        if (!buffer.hasRemaining()) {
            throw new InvalidRecordException("no record batch to append");
        }
        List<RecordBatch> batches = new ArrayList<>();
        int position = buffer.position();
        long previousNext = Long.MIN_VALUE;
        while (position < buffer.limit()) {
            int remaining = buffer.limit() - position;
            if (remaining < RecordBatch.HEADER_SIZE) {
                throw new InvalidRecordException("incomplete record batch header: " + remaining + " bytes");
            }
            RecordBatch batch = new RecordBatch(buffer, position);
            int batchLength = batch.batchLength();
            if (batchLength < RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD) {
                throw new InvalidRecordException("impossible record batch length " + batchLength);
            }
            long size = (long) RecordBatch.LOG_OVERHEAD + batchLength;
            if (size > remaining) {
                throw new InvalidRecordException("record batch of " + size + " bytes is cut off after " + remaining);
            }
            if (batch.magic() != RecordBatch.MAGIC) {
                throw new InvalidRecordException("unsupported record batch magic " + batch.magic());
            }
            if (size > maxBatchBytes) {
                throw new RecordTooLargeException("record batch of " + size
                        + " bytes exceeds max.message.bytes " + maxBatchBytes);
            }
            if (fromLeader) {
                // The CRC, then every record parsed once (decompressing if needed): a producer's
                // bytes with a matching CRC may still hold records consumers could not read.
                batch.ensureRecordsValid();
            } else if (!batch.isCrcValid()) {
                throw new CorruptRecordException("record batch CRC mismatch: stored " + batch.storedCrc()
                        + ", computed " + batch.computeCrc());
            }
            checkCounts(batch, fromLeader);
            if (!fromLeader) {
                if (previousNext != Long.MIN_VALUE && batch.baseOffset() != previousNext) {
                    throw new InvalidRecordException("record batch offsets are not contiguous: " + batch.baseOffset()
                            + " after " + previousNext);
                }
                previousNext = batch.nextOffset();
            }
            batches.add(batch);
            position += (int) size;
        }
        return batches;
    }

    private static void checkCounts(RecordBatch batch, boolean fromLeader) {
        int count = batch.recordCount();
        int lastDelta = batch.lastOffsetDelta();
        if (count < 0 || lastDelta < 0) {
            throw new InvalidRecordException("record batch with record count " + count
                    + " and last offset delta " + lastDelta);
        }
        if (fromLeader && (count == 0 || lastDelta != count - 1)) {
            throw new InvalidRecordException("a produced record batch must hold one offset per record: count "
                    + count + ", last offset delta " + lastDelta);
        }
        if (batch.hasProducerId() && !batch.isControlBatch() && batch.baseSequence() < 0) {
            throw new InvalidRecordException("idempotent record batch of producer " + batch.producerId()
                    + " without a sequence");
        }
    }
}
