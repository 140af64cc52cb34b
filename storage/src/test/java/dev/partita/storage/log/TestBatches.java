package dev.partita.storage.log;

import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.RecordBatch;
import dev.partita.protocol.record.Varints;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds valid uncompressed magic-2 record batches for storage tests without depending on the
 * protocol module's builder: records with a null key, the given values and no headers; base
 * offset 0 and leader epoch -1 (the log assigns both). Also reads values back out of batches.
 * Stateless; shared with the broker's tests through the test-jar.
 */
public final class TestBatches {

    private TestBatches() {
    }

    /** A batch of non-idempotent records with the given values, all stamped {@code timestamp}. */
    public static MemoryRecords batch(long timestamp, byte[]... values) {
        return batch(RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH, RecordBatch.NO_SEQUENCE, timestamp, values);
    }

    /** A batch of records whose values are the UTF-8 bytes of {@code values}. */
    public static MemoryRecords batchOf(long timestamp, String... values) {
        byte[][] bytes = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = values[i].getBytes(StandardCharsets.UTF_8);
        }
        return batch(timestamp, bytes);
    }

    /** An idempotent producer's batch. */
    public static MemoryRecords idempotentBatch(long producerId, short epoch, int baseSequence, long timestamp,
                                                byte[]... values) {
        return batch(producerId, epoch, baseSequence, timestamp, values);
    }

    /** The bytes of one batch, with base offset 0 and no leader epoch. */
    public static MemoryRecords batch(long producerId, short epoch, int baseSequence, long timestamp, byte[]... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a batch needs records");
        }
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        for (int i = 0; i < values.length; i++) {
            ByteBuffer body = ByteBuffer.allocate(values[i].length + 64);
            body.put((byte) 0);                       // record attributes
            Varints.writeVarlong(0, body);            // timestamp delta
            Varints.writeVarint(i, body);             // offset delta
            Varints.writeVarint(-1, body);            // null key
            Varints.writeVarint(values[i].length, body);
            body.put(values[i]);
            Varints.writeVarint(0, body);             // no headers
            body.flip();
            ByteBuffer length = ByteBuffer.allocate(Varints.MAX_VARINT_BYTES);
            Varints.writeVarint(body.remaining(), length);
            records.write(length.array(), 0, length.position());
            records.write(body.array(), 0, body.remaining());
        }
        byte[] recordBytes = records.toByteArray();
        ByteBuffer buffer = ByteBuffer.allocate(RecordBatch.HEADER_SIZE + recordBytes.length);
        buffer.putLong(RecordBatch.BASE_OFFSET_OFFSET, 0L);
        buffer.putInt(RecordBatch.BATCH_LENGTH_OFFSET, buffer.capacity() - RecordBatch.LOG_OVERHEAD);
        buffer.putInt(RecordBatch.PARTITION_LEADER_EPOCH_OFFSET, RecordBatch.NO_PARTITION_LEADER_EPOCH);
        buffer.put(RecordBatch.MAGIC_OFFSET, RecordBatch.MAGIC);
        buffer.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) 0);
        buffer.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, values.length - 1);
        buffer.putLong(RecordBatch.BASE_TIMESTAMP_OFFSET, timestamp);
        buffer.putLong(RecordBatch.MAX_TIMESTAMP_OFFSET, timestamp);
        buffer.putLong(RecordBatch.PRODUCER_ID_OFFSET, producerId);
        buffer.putShort(RecordBatch.PRODUCER_EPOCH_OFFSET, epoch);
        buffer.putInt(RecordBatch.BASE_SEQUENCE_OFFSET, baseSequence);
        buffer.putInt(RecordBatch.RECORDS_COUNT_OFFSET, values.length);
        buffer.position(RecordBatch.RECORDS_OFFSET);
        buffer.put(recordBytes);
        buffer.flip();
        new RecordBatch(buffer, 0).writeCrc();
        return MemoryRecords.readableRecords(buffer);
    }

    /** One decoded record: its absolute offset and value. */
    public record TestRecord(long offset, byte[] value) {
        public String valueString() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    /** The records of every complete batch in {@code records} (uncompressed batches only). */
    public static List<TestRecord> records(MemoryRecords records) {
        List<TestRecord> result = new ArrayList<>();
        for (RecordBatch batch : records) {
            if (batch.compressionCodecId() != 0) {
                throw new IllegalArgumentException("compressed batches are not decoded here");
            }
            ByteBuffer in = batch.buffer().duplicate();
            in.limit(batch.start() + batch.sizeInBytes()).position(batch.start() + RecordBatch.RECORDS_OFFSET);
            for (int i = 0; i < batch.recordCount(); i++) {
                int length = Varints.readVarint(in);
                int next = in.position() + length;
                in.get();                                   // attributes
                Varints.readVarlong(in);                    // timestamp delta
                int offsetDelta = Varints.readVarint(in);
                int keyLength = Varints.readVarint(in);
                if (keyLength > 0) {
                    in.position(in.position() + keyLength);
                }
                int valueLength = Varints.readVarint(in);
                byte[] value = valueLength < 0 ? null : new byte[valueLength];
                if (value != null) {
                    in.get(value);
                }
                in.position(next);
                result.add(new TestRecord(batch.baseOffset() + offsetDelta, value));
            }
        }
        return result;
    }
}
