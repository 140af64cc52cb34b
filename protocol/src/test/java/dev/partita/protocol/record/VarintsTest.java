package dev.partita.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** jqwik properties run without JUnit's timeout (jqwik ignores it); each {@code @Test} has its own. */
class VarintsTest {

    private static String encodeInt(int value) {
        ByteBuffer buffer = ByteBuffer.allocate(Varints.MAX_VARINT_BYTES);
        Varints.writeVarint(value, buffer);
        return HexFormat.of().formatHex(buffer.array(), 0, buffer.position());
    }

    private static ByteBuffer hex(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void encodesZigZagLeastSignificantGroupFirst() {
        assertThat(encodeInt(0)).isEqualTo("00");
        assertThat(encodeInt(-1)).isEqualTo("01");
        assertThat(encodeInt(1)).isEqualTo("02");
        assertThat(encodeInt(63)).isEqualTo("7e");
        assertThat(encodeInt(-64)).isEqualTo("7f");
        assertThat(encodeInt(64)).isEqualTo("8001");
        assertThat(encodeInt(300)).isEqualTo("d804");
        assertThat(encodeInt(Integer.MAX_VALUE)).isEqualTo("feffffff0f");
        assertThat(encodeInt(Integer.MIN_VALUE)).isEqualTo("ffffffff0f");
    }

    @Property(tries = 500)
    void intsRoundTripAndSizeMatches(@ForAll int value) {
        ByteBuffer buffer = ByteBuffer.allocate(Varints.MAX_VARINT_BYTES);
        Varints.writeVarint(value, buffer);
        assertThat(buffer.position()).isEqualTo(Varints.sizeOfVarint(value));
        buffer.flip();
        assertThat(Varints.readVarint(buffer)).isEqualTo(value);
        assertThat(buffer.hasRemaining()).isFalse();
    }

    @Property(tries = 500)
    void longsRoundTripAndSizeMatches(@ForAll long value) {
        ByteBuffer buffer = ByteBuffer.allocate(Varints.MAX_VARLONG_BYTES);
        Varints.writeVarlong(value, buffer);
        assertThat(buffer.position()).isEqualTo(Varints.sizeOfVarlong(value));
        buffer.flip();
        assertThat(Varints.readVarlong(buffer)).isEqualTo(value);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void extremeLongsTakeTenBytes() {
        assertThat(Varints.sizeOfVarlong(Long.MIN_VALUE)).isEqualTo(10);
        assertThat(Varints.sizeOfVarlong(Long.MAX_VALUE)).isEqualTo(10);
        assertThat(Varints.sizeOfVarlong(0)).isEqualTo(1);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void rejectsVarintsThatAreTooLongOrCutShort() {
        assertThatThrownBy(() -> Varints.readVarint(hex("ffffffffff01"))).isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> Varints.readVarint(hex("ffffffff7f"))).isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> Varints.readVarint(hex("8080"))).isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> Varints.readVarlong(hex("ffffffffffffffffff7f")))
                .isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> Varints.readVarlong(hex("ff"))).isInstanceOf(InvalidRecordException.class);
    }
}
