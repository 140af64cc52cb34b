package dev.partita.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.protocol.record.MemoryRecords;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MessageWriterTest {

    @Test
    void growsPastItsInitialCapacityAndFillsTheSizePrefix() {
        MessageWriter writer = new MessageWriter();
        for (int i = 0; i < 10_000; i++) {
            writer.writeInt(i);
        }
        EncodedFrame frame = writer.finish();

        assertThat(frame.totalSize()).isEqualTo(4 + 40_000);
        ByteBuffer bytes = frame.toByteBuffer();
        assertThat(bytes.getInt()).isEqualTo(40_000);
        for (int i = 0; i < 10_000; i++) {
            assertThat(bytes.getInt()).isEqualTo(i);
        }
    }

    @Test
    void recordsBecomeTheirOwnPartsAndEmptyRecordsNone() {
        MemoryRecords first = MemoryRecords.readableRecords(ByteBuffer.wrap(new byte[] {1, 2}));
        MemoryRecords second = MemoryRecords.readableRecords(ByteBuffer.wrap(new byte[] {3}));
        EncodedFrame frame = new MessageWriter().writeRecords(first).writeRecords(second)
                .writeRecords(MemoryRecords.EMPTY).writeByte((byte) 9).finish();

        assertThat(frame.parts()).hasSize(5);
        assertThat(frame.parts().get(1)).isSameAs(first);
        assertThat(frame.parts().get(3)).isSameAs(second);
        assertThat(Frames.toArray(frame.toByteBuffer()))
                .containsExactly(0, 0, 0, 16, 0, 0, 0, 2, 1, 2, 0, 0, 0, 1, 3, 0, 0, 0, 0, 9);
    }

    @Test
    void encodingTwiceGivesTheSameBytesAndLeavesPartsUntouched() {
        EncodedFrame frame = new MessageWriter().writeString("abc").finish();
        ByteBuffer first = frame.toByteBuffer();
        assertThat(frame.toByteBuffer()).isEqualTo(first);
    }

    @Test
    void stringsAreBoundedByTheirInt16Length() {
        String longest = "x".repeat(MessageReader.MAX_STRING_BYTES);
        EncodedFrame frame = new MessageWriter().writeString(longest).finish();
        MessageReader reader = new MessageReader(Frames.body(frame));
        assertThat(reader.readString()).isEqualTo(longest);

        assertThatThrownBy(() -> new MessageWriter().writeString(longest + "y"))
                .isInstanceOf(IllegalArgumentException.class);
        // a 2-byte character pushes a string of half the limit in chars over the limit in bytes
        assertThatThrownBy(() -> new MessageWriter().writeString("é".repeat(MessageReader.MAX_STRING_BYTES / 2 + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageWriter().writeString(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFinishedWriterCannotBeReused() {
        MessageWriter writer = new MessageWriter();
        writer.finish();
        assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> writer.writeInt(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readerDoesNotMoveTheCallersBufferAndCountsWhatItRead() {
        ByteBuffer buffer = Frames.body(new MessageWriter().writeIntArray(List.of(1, 2, 3)).writeLong(7).finish());
        MessageReader reader = new MessageReader(buffer);

        assertThat(reader.readIntArray()).containsExactly(1, 2, 3);
        assertThat(reader.bytesRead()).isEqualTo(16);
        assertThat(reader.readLong()).isEqualTo(7);
        reader.ensureFullyRead("test");
        assertThat(buffer.position()).isZero();
    }

    @Test
    void encodedFrameRejectsInconsistentSizesAndUnknownParts() {
        ByteBuffer prefix = ByteBuffer.allocate(4);
        assertThatThrownBy(() -> new EncodedFrame(List.of(prefix), 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EncodedFrame(List.of(prefix, "text"), 8))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EncodedFrame(List.of(MemoryRecords.EMPTY), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
