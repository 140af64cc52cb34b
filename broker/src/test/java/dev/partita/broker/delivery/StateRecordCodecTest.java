package dev.partita.broker.delivery;

import static dev.partita.broker.delivery.TestIds.C1;
import static dev.partita.broker.delivery.TestIds.C2;
import static dev.partita.broker.delivery.TestIds.S1;
import static dev.partita.broker.delivery.TestIds.S2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class StateRecordCodecTest {

    static final List<StateRecord> EXAMPLES = List.of(
            new StateRecord.Acquire(3, S1, 2, C1, List.of(new OffsetRange(0, 9, 0), new OffsetRange(12, 12, 4))),
            new StateRecord.Acquire(0, S2, 0, C2, List.of(new OffsetRange(Long.MAX_VALUE - 5, Long.MAX_VALUE - 1, 9))),
            new StateRecord.Ack(7, S1, 1, List.of(OffsetRange.of(5, 0), new OffsetRange(7, 1_000_000, 3))),
            new StateRecord.Release(1, S2, 4, 10, List.of(ReleaseRange.of(3, 4, 1, true), ReleaseRange.of(6, 6, 0, false))),
            new StateRecord.Archive(2, ArchiveReason.DEAD_LETTERED, null, 0, List.of(OffsetRange.of(8, 10))),
            new StateRecord.Archive(2, ArchiveReason.EXPIRED, S1, 3, List.of(OffsetRange.of(8, 1))),
            new StateRecord.Expire(9, S2, 6, ExpireReason.LEASE_EXPIRED, 10),
            new StateRecord.Expire(9, S2, 7, ExpireReason.CLOSED, 1),
            new StateRecord.PendingAck(4, S1, 0, 77, (short) 3, List.of(new OffsetRange(1, 2, 0))),
            new StateRecord.TxnMarker(4, true, 77, (short) 3, 10),
            new StateRecord.TxnMarker(4, false, 77, (short) 3, 10),
            new StateRecord.Snapshot(5, 40, List.of(
                    new StateRecord.SessionEntry(S1, new SessionInfo(C1, 0, false)),
                    new StateRecord.SessionEntry(S2, new SessionInfo(C2, 3, true))),
                    List.of(new Run(41, 45, DeliveryStatus.ACQUIRED, new Owner.Session(S1, 0), 0),
                            new Run(46, 46, DeliveryStatus.AVAILABLE, null, 2),
                            new Run(47, 47, DeliveryStatus.PENDING_ACK, new Owner.Transaction(5, (short) 1), 1),
                            new Run(48, 50, DeliveryStatus.ACKNOWLEDGED, null, 0),
                            new Run(60, 60, DeliveryStatus.ARCHIVED, null, 0),
                            new Run(61, 61, DeliveryStatus.DEAD_LETTER_PENDING, null, 10))),
            new StateRecord.Snapshot(0, 0, List.of(), List.of()));

    @Test
    void everyRecordTypeRoundTrips() {
        for (StateRecord record : EXAMPLES) {
            byte[] bytes = StateRecordCodec.encode(record);
            assertThat(bytes[0]).isEqualTo(StateRecordCodec.VERSION);
            assertThat(StateRecordCodec.decode(bytes)).isEqualTo(record);
            assertThat(StateRecordCodec.peekType(ByteBuffer.wrap(bytes))).isEqualTo(record.type());
        }
    }

    @Test
    void decodingDoesNotMoveTheCallersBuffer() {
        ByteBuffer buffer = ByteBuffer.wrap(StateRecordCodec.encode(EXAMPLES.get(0)));
        StateRecordCodec.decode(buffer);
        assertThat(buffer.position()).isZero();
    }

    @Test
    void theEncodingIsCompact() {
        StateRecord ack = new StateRecord.Ack(1, S1, 0, List.of(OffsetRange.of(123_456, 0)));
        assertThat(StateRecordCodec.encode(ack)).hasSizeLessThan(6 + 16 + 1 + 1 + 3 + 1 + 1 + 1);
    }

    @Test
    void everyTruncationFailsWithAFormatError() {
        for (StateRecord record : EXAMPLES) {
            byte[] bytes = StateRecordCodec.encode(record);
            for (int length = 0; length < bytes.length; length++) {
                byte[] cut = Arrays.copyOf(bytes, length);
                assertThatThrownBy(() -> StateRecordCodec.decode(cut)).as("%s cut to %d bytes", record.type(), length)
                        .isInstanceOf(StateRecordFormatException.class);
            }
        }
    }

    @Test
    void trailingBytesUnknownVersionsAndTypesAreRefused() {
        byte[] bytes = StateRecordCodec.encode(EXAMPLES.get(2));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> StateRecordCodec.decode(longer)).isInstanceOf(StateRecordFormatException.class)
                .hasMessageContaining("trailing");
        byte[] version = bytes.clone();
        version[0] = 2;
        assertThatThrownBy(() -> StateRecordCodec.decode(version)).isInstanceOf(StateRecordFormatException.class)
                .hasMessageContaining("version 2");
        byte[] type = bytes.clone();
        type[1] = 42;
        assertThatThrownBy(() -> StateRecordCodec.decode(type)).isInstanceOf(StateRecordFormatException.class)
                .hasMessageContaining("type 42");
    }

    @Test
    void aHugeCountIsRefusedBeforeAllocating() {
        ByteBuffer out = ByteBuffer.allocate(64);
        out.put(StateRecordCodec.VERSION).put((byte) StateRecordType.ACK.code()).putInt(0);
        out.putLong(1).putLong(2).put((byte) 0);
        out.put(new byte[] {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}); // zig-zag Integer.MAX_VALUE
        byte[] bytes = Arrays.copyOf(out.array(), out.position());
        assertThatThrownBy(() -> StateRecordCodec.decode(bytes)).isInstanceOf(StateRecordFormatException.class)
                .hasMessageContaining("count");
    }

    @Test
    void unsortedRangesAndNegativeNumbersAreRefused() {
        ByteBuffer out = ByteBuffer.allocate(64);
        out.put(StateRecordCodec.VERSION).put((byte) StateRecordType.ACK.code()).putInt(0);
        out.putLong(1).putLong(2).put((byte) 0); // session, epoch 0
        out.put((byte) 2);                        // one range (zig-zag 1)
        out.put((byte) 1);                        // gap -1: first offset -1
        out.put((byte) 0).put((byte) 0);
        byte[] bytes = Arrays.copyOf(out.array(), out.position());
        assertThatThrownBy(() -> StateRecordCodec.decode(bytes)).isInstanceOf(StateRecordFormatException.class);
    }

    @Test
    void randomGarbageNeverFailsOtherwise() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] garbage;
            if (i % 2 == 0) {
                garbage = new byte[random.nextInt(80)];
                random.nextBytes(garbage);
                if (garbage.length > 1) {
                    garbage[0] = StateRecordCodec.VERSION;
                    garbage[1] = (byte) (1 + random.nextInt(9));
                }
            } else {
                garbage = StateRecordCodec.encode(EXAMPLES.get(random.nextInt(EXAMPLES.size())));
                garbage[6 + random.nextInt(garbage.length - 6)] ^= (byte) (1 + random.nextInt(255));
            }
            try {
                StateRecord decoded = StateRecordCodec.decode(garbage);
                assertThat(StateRecordCodec.decode(StateRecordCodec.encode(decoded))).isEqualTo(decoded);
            } catch (StateRecordFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }
}
