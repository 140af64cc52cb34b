package dev.partita.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.protocol.record.MemoryRecords;
import java.nio.ByteBuffer;
import java.util.Comparator;

/** Test helpers: frames as bytes, and message equality that compares record bytes. */
final class Frames {

    private static final Comparator<MemoryRecords> BY_BYTES = Comparator.comparing(MemoryRecords::buffer);

    private Frames() { }

    /** The frame's bytes after the 4-byte size prefix, checking the prefix on the way. */
    static ByteBuffer body(EncodedFrame frame) {
        ByteBuffer all = frame.toByteBuffer();
        assertThat(all.getInt()).as("size prefix").isEqualTo(frame.totalSize() - 4);
        return all.slice();
    }

    static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** Deep equality of two messages, record sets compared by their bytes. */
    static void assertSameMessage(Object actual, Object expected, String description) {
        assertThat(actual).as(description)
                .usingRecursiveComparison()
                .withComparatorForType(BY_BYTES, MemoryRecords.class)
                .isEqualTo(expected);
        assertThat(actual).as(description).hasSameClassAs(expected);
    }
}
