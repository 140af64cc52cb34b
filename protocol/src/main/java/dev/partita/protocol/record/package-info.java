/**
 * The record batch format: Apache Kafka's record batch format, magic 2, written from its public
 * documentation. The same bytes travel in produce and fetch requests and sit in log segments, and
 * Kafka clients can read and write them (tested against {@code kafka-clients} in both directions).
 *
 * <h2>Layout</h2>
 *
 * A run of batches ({@link dev.partita.protocol.record.Records}) is batches back to back, no
 * framing between them. Integers are big-endian; "varint"/"varlong" are zig-zag base-128 varints
 * ({@link dev.partita.protocol.record.Varints}).
 *
 * <pre>
 * RecordBatch (61-byte header, then records)       see {@link dev.partita.protocol.record.RecordBatch}
 *   0  baseOffset            int64   first offset; assigned by the log on append
 *   8  batchLength           int32   bytes after this field (whole batch = batchLength + 12)
 *  12  partitionLeaderEpoch  int32   stamped by the leader on append; -1 before
 *  16  magic                 int8    2
 *  17  crc                   uint32  CRC-32C (Castagnoli) of bytes 21 .. end of batch
 *  21  attributes            int16   bits 0-2 codec: 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd
 *                                    bit 3 timestamp type (1 = log append time)
 *                                    bit 4 transactional, bit 5 control batch
 *                                    bit 6 delete horizon set (compaction; unused here)
 *  23  lastOffsetDelta       int32   offset of the last record - baseOffset
 *  27  baseTimestamp         int64   timestamp the record deltas are relative to
 *  35  maxTimestamp          int64   largest record timestamp, or the log append time
 *  43  producerId            int64   -1 when not idempotent
 *  51  producerEpoch         int16   -1 when not idempotent
 *  53  baseSequence          int32   sequence of the first record, -1 when not idempotent;
 *                                    record i has baseSequence + i, wrapping to 0 after 2^31-1
 *  57  recordsCount          int32
 *  61  records               the records back to back; with a codec, one compressed stream of them
 *
 * Record                                            see {@link dev.partita.protocol.record.DefaultRecord}
 *      length                varint  bytes after this field
 *      attributes            int8    unused (0)
 *      timestampDelta        varlong timestamp - baseTimestamp
 *      offsetDelta           varint  offset - baseOffset
 *      keyLength, key        varint, bytes   -1 = null
 *      valueLength, value    varint, bytes   -1 = null
 *      headerCount           varint
 *      headers               headerCount times: keyLength varint, key UTF-8 bytes (never null),
 *                            valueLength varint (-1 = null), value bytes
 *
 * Control record (in a control batch; transaction markers also set the transactional bit)
 *      key   = version int16 (0), type int16 (0 ABORT, 1 COMMIT)   {@link dev.partita.protocol.record.ControlRecordType}
 *      value = version int16 (0), coordinatorEpoch int32           {@link dev.partita.protocol.record.EndTransactionMarker}
 * </pre>
 *
 * <h2>What the CRC covers</h2>
 *
 * Everything from the attributes to the end of the batch. Base offset, batch length, partition
 * leader epoch and magic are outside it, so a log assigns offsets and stamps the leader epoch in
 * place without recomputing the CRC; the batch length is checked against the bytes present. A
 * log-append-time batch changes attributes and max timestamp, so the CRC is rewritten
 * ({@link dev.partita.protocol.record.RecordBatch#setLogAppendTime(long)}).
 *
 * <h2>Compression</h2>
 *
 * The records part (after {@code recordsCount}) is compressed as one stream in the codec's Kafka
 * framing ({@link dev.partita.protocol.record.CompressionType}). Reading decompresses a batch once,
 * into a heap buffer bounded by {@link dev.partita.protocol.record.RecordBatch#DEFAULT_MAX_DECOMPRESSED_BYTES}
 * (or a caller's bound), so a decompression bomb is an {@link dev.partita.protocol.record.InvalidRecordException},
 * never an out-of-memory error.
 *
 * <h2>Validation</h2>
 *
 * {@link dev.partita.protocol.record.RecordBatch#ensureValid()} checks sizes, magic and the CRC
 * without touching the records ({@link dev.partita.protocol.record.CorruptRecordException} for a
 * CRC mismatch, {@link dev.partita.protocol.record.InvalidRecordException} for the rest);
 * {@link dev.partita.protocol.record.RecordBatch#ensureRecordsValid()} also parses every record and
 * checks consecutive offset deltas, the last offset delta and control keys. Readers never trust a
 * length for allocation: every length is checked against the bytes actually present.
 *
 * <h2>Threads</h2>
 *
 * Nothing here is thread-safe for writing; views over unchanging bytes may be read concurrently
 * if each thread uses its own view. No class here starts threads or does I/O.
 */
package dev.partita.protocol.record;
