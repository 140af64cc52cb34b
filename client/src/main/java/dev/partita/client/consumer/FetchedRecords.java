package dev.partita.client.consumer;

import dev.partita.client.metadata.TopicPartition;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.record.Header;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.Record;
import dev.partita.protocol.record.RecordBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the record batches of one partition's fetch answer into {@link ConsumedRecord}s, starting
 * at the consumer's position.
 *
 * <p>A fetch returns whole stored batches, so the first batch may begin below the requested offset:
 * its earlier records are skipped. Control batches (transaction markers) yield nothing but move
 * the position past them. A partial batch at the end (the answer was cut at its byte limit) is
 * ignored: the next fetch starts at it. Every batch's CRC is checked before its records are read.
 * Stateless.
 */
final class FetchedRecords {

    /** The records read and the position after them. */
    record Decoded(List<ConsumedRecord> records, long nextPosition) {
    }

    private FetchedRecords() {
    }

    /**
     * The position {@link #decode} would return for these records, read from batch headers only (no
     * CRC check, no record parsing), so the next fetch can be sent before the records are decoded.
     * If {@code decode} then fails, the position does not move and the answer to that early fetch is
     * dropped by the consumer because it no longer matches.
     */
    static long positionAfter(MemoryRecords records, long position) {
        long next = position;
        for (RecordBatch batch : records) {
            if (batch.lastOffset() >= next) {
                next = batch.nextOffset();
            }
        }
        return next;
    }

    /**
     * @throws dev.partita.protocol.record.InvalidRecordException for a corrupt batch
     * @throws dev.partita.protocol.message.ApiException RECORD_TOO_LARGE when bytes came back but no
     *         complete batch at or after the position (a batch larger than the fetch size limits)
     */
    static Decoded decode(TopicPartition tp, MemoryRecords records, long position) {
        return decodeInto(tp, records, position, new ArrayList<>());
    }

    /** Like {@link #decode}, appending the records to {@code result} (which is returned in the answer). */
    static Decoded decodeInto(TopicPartition tp, MemoryRecords records, long position, List<ConsumedRecord> result) {
        long next = position;
        boolean sawCompleteBatch = false;
        for (RecordBatch batch : records) {
            sawCompleteBatch = true;
            if (batch.lastOffset() < next) {
                continue; // entirely below the position (e.g. a re-fetched batch)
            }
            batch.ensureValid();
            if (!batch.isControlBatch()) {
                for (Record record : batch) {
                    if (record.offset() < next) {
                        continue;
                    }
                    Header[] headers = record.headers();
                    result.add(new ConsumedRecord(tp.topic(), tp.partition(), record.offset(), record.timestamp(),
                            record.keyBytes(), record.valueBytes(), headers.length == 0 ? List.of() : List.of(headers)));
                }
            }
            next = batch.nextOffset();
        }
        if (!sawCompleteBatch && records.sizeInBytes() > 0) {
            throw Errors.RECORD_TOO_LARGE.exception("the batch at offset " + position + " of " + tp
                    + " is larger than the fetch size limit (" + records.sizeInBytes() + " bytes received); raise partitionFetchMaxBytes");
        }
        return new Decoded(result, next);
    }
}
