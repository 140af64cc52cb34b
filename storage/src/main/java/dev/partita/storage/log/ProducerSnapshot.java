package dev.partita.storage.log;

import dev.partita.storage.log.ProducerStateManager.BatchMetadata;
import dev.partita.storage.log.ProducerStateManager.ProducerEntry;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The binary layout of a producer-state snapshot file {@code <20-digit offset>.snapshot}: the
 * state of every producer as of the file's offset (all batches below it). Big-endian.
 *
 * <pre>
 * | offset | size | field            | notes                                              |
 * |--------|------|------------------|----------------------------------------------------|
 * |      0 |    2 | version          | 1                                                  |
 * |      2 |    4 | crc              | CRC-32C of every byte after this field             |
 * |      6 |    8 | offset           | equals the offset in the file name                 |
 * |     14 |    4 | producerCount    |                                                    |
 * |     18 |    - | producers        | producerCount entries:                             |
 * |        |    8 |   producerId     |                                                    |
 * |        |    2 |   epoch          |                                                    |
 * |        |    8 |   lastTimestamp  | largest batch max timestamp seen                   |
 * |        |    1 |   batchCount     | 0..5, oldest first:                                |
 * |        |    4 |     firstSeq     |                                                    |
 * |        |    4 |     lastSeq      |                                                    |
 * |        |    8 |     firstOffset  |                                                    |
 * |        |    8 |     lastOffset   |                                                    |
 * </pre>
 *
 * A file whose CRC, version, offset or length does not check out is ignored (and deleted); the
 * state is then rebuilt from an older snapshot or the log. Stateless.
 */
final class ProducerSnapshot {

    static final short VERSION = 1;
    static final int VERSION_OFFSET = 0;
    static final int CRC_OFFSET = VERSION_OFFSET + 2;
    static final int OFFSET_OFFSET = CRC_OFFSET + 4;
    static final int COUNT_OFFSET = OFFSET_OFFSET + 8;
    static final int HEADER_SIZE = COUNT_OFFSET + 4;
    static final int PRODUCER_SIZE = 8 + 2 + 8 + 1;
    static final int BATCH_SIZE = 4 + 4 + 8 + 8;

    private ProducerSnapshot() {
    }

    static ByteBuffer encode(long offset, Collection<ProducerEntry> producers) {
        int size = HEADER_SIZE;
        for (ProducerEntry entry : producers) {
            size += PRODUCER_SIZE + entry.batches().size() * BATCH_SIZE;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putShort(VERSION).putInt(0).putLong(offset).putInt(producers.size());
        for (ProducerEntry entry : producers) {
            buffer.putLong(entry.producerId()).putShort(entry.epoch()).putLong(entry.lastTimestamp())
                    .put((byte) entry.batches().size());
            for (BatchMetadata batch : entry.batches()) {
                buffer.putInt(batch.firstSeq()).putInt(batch.lastSeq()).putLong(batch.firstOffset())
                        .putLong(batch.lastOffset());
            }
        }
        buffer.flip();
        buffer.putInt(CRC_OFFSET, crc(buffer));
        return buffer;
    }

    private static int crc(ByteBuffer buffer) {
        CRC32C crc = new CRC32C();
        ByteBuffer covered = buffer.duplicate();
        covered.position(OFFSET_OFFSET);
        crc.update(covered);
        return (int) crc.getValue();
    }

    /** The producers in the snapshot, or empty when it is damaged or not for {@code expectedOffset}. */
    static Optional<List<ProducerEntry>> decode(ByteBuffer content, long expectedOffset) {
        ByteBuffer buffer = content.duplicate();
        try {
            if (buffer.remaining() < HEADER_SIZE || buffer.getShort(VERSION_OFFSET) != VERSION
                    || buffer.getInt(CRC_OFFSET) != crc(buffer) || buffer.getLong(OFFSET_OFFSET) != expectedOffset) {
                return Optional.empty();
            }
            buffer.position(COUNT_OFFSET);
            int count = buffer.getInt();
            if (count < 0 || (long) count * PRODUCER_SIZE > buffer.remaining()) {
                return Optional.empty();
            }
            List<ProducerEntry> producers = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long producerId = buffer.getLong();
                short epoch = buffer.getShort();
                long lastTimestamp = buffer.getLong();
                int batchCount = buffer.get();
                if (batchCount < 0 || batchCount > ProducerStateManager.MAX_CACHED_BATCHES) {
                    return Optional.empty();
                }
                List<BatchMetadata> batches = new ArrayList<>(batchCount);
                for (int b = 0; b < batchCount; b++) {
                    batches.add(new BatchMetadata(buffer.getInt(), buffer.getInt(), buffer.getLong(), buffer.getLong()));
                }
                producers.add(new ProducerEntry(producerId, epoch, lastTimestamp, batches));
            }
            return buffer.hasRemaining() ? Optional.empty() : Optional.of(producers);
        } catch (BufferUnderflowException e) {
            return Optional.empty();
        }
    }
}
