package dev.partita.protocol.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JmsBodyCodecTest {

    private static final JmsCodecLimits LIMITS = JmsCodecLimits.DEFAULT;

    static List<Object> oneOfEachType() {
        return Arrays.asList(null, true, false, (byte) 1, (short) -2, 'x', 3, 4L, 5.5f, 6.25d, "s\u00fc\u00df",
                "", new byte[] {7, 8}, new byte[0]);
    }

    @Test
    void aStreamOfEveryTypeRoundTrips() {
        List<Object> items = oneOfEachType();
        List<Object> decoded = JmsBodyCodec.decodeStream(JmsBodyCodec.encodeStream(items), LIMITS);
        assertThat(decoded).hasSameSizeAs(items);
        for (int i = 0; i < items.size(); i++) {
            assertThat(decoded.get(i)).as("item %d", i).isEqualTo(items.get(i));
        }
    }

    @Test
    void aMapOfEveryTypeRoundTripsInOrder() {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Object> values = oneOfEachType();
        for (int i = 0; i < values.size(); i++) {
            map.put("k\u00e9" + i, values.get(i));
        }
        Map<String, Object> decoded = JmsBodyCodec.decodeMap(JmsBodyCodec.encodeMap(map), LIMITS);
        assertThat(decoded.keySet()).containsExactlyElementsOf(map.keySet());
        map.forEach((name, value) -> assertThat(decoded.get(name)).as(name).isEqualTo(value));
    }

    @Test
    void theMapEncodingIsTheDocumentedOne() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("b", "xy");
        // count 2 (zig-zag 4); "a" (len 2); INT 1; "b"; STRING len 2 "xy"
        assertThat(JmsBodyCodec.encodeMap(map)).containsExactly(4, 2, 'a', 4, 0, 0, 0, 1, 2, 'b', 8, 4, 'x', 'y');
    }

    @Test
    void anAbsentBodyIsEmpty() {
        assertThat(JmsBodyCodec.decodeMap(null, LIMITS)).isEmpty();
        assertThat(JmsBodyCodec.decodeStream(null, LIMITS)).isEmpty();
        assertThat(JmsBodyCodec.decodeText(null, LIMITS)).isNull();
        assertThat(JmsBodyCodec.encodeText(null)).isNull();
    }

    @Test
    void textIsPlainUtf8() {
        String text = "gr\u00fc\u00df \ud83c\udf89";
        assertThat(JmsBodyCodec.encodeText(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(JmsBodyCodec.decodeText(JmsBodyCodec.encodeText(text), LIMITS)).isEqualTo(text);
        assertThatThrownBy(() -> JmsBodyCodec.decodeText(new byte[] {(byte) 0xFF}, LIMITS))
                .isInstanceOf(MalformedJmsRecordException.class).hasMessageContaining("text body: invalid UTF-8");
    }

    @Test
    void valuesOfOtherTypesAreRefusedOnEncode() {
        assertThatThrownBy(() -> JmsBodyCodec.encodeStream(List.of(new ArrayList<>())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.util.ArrayList");
        assertThatThrownBy(() -> JmsBodyCodec.encodeStream(List.of(JmsDestination.queue("q"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("destination");
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void malformedBodiesAreRefusedWithTheEntryNamed() {
        assertMap(bytes(1), "map body: negative length -1");
        assertMap(bytes(0xC8, 0x01), "100 entries cannot fit in 0 bytes");
        assertMap(bytes(0xFE, 0xFF, 0xFF, 0xFF, 0x0F), "more than the limit of 1000000");
        assertMap(bytes(2, 2, 'a'), "map entry 0 (a) is cut short");
        assertMap(bytes(2, 2, 'a', 4, 0, 0), "map entry 0 (a): INT needs 4 bytes, 2 left");
        assertMap(bytes(2, 2, 'a', 0, 0), "map body: 1 bytes after the last entry");
        assertMap(bytes(4, 2, 'a', 0, 2, 'a', 0), "map entry 1: name a appears twice");
        assertMap(bytes(2, 20, 'a'), "map entry 0: string of 10 bytes but only 1 left");
        assertMap(bytes(2, 2, 'a', 42), "map entry 0 (a): unknown type tag 42");
        assertMap(bytes(2, 2, 'a', 11, 1), "cannot be a destination");
        assertThatThrownBy(() -> JmsBodyCodec.decodeStream(bytes(2, 8, 10, 'a'), LIMITS))
                .isInstanceOf(MalformedJmsRecordException.class)
                .hasMessageContaining("stream item 0: string of 5 bytes but only 1 left");
        JmsCodecLimits strict = new JmsCodecLimits(10, 1, 2, 1);
        assertThatThrownBy(() -> JmsBodyCodec.decodeStream(bytes(4, 0, 0), strict))
                .isInstanceOf(MalformedJmsRecordException.class).hasMessageContaining("2 entries, more than the limit of 1");
        assertThatThrownBy(() -> JmsBodyCodec.decodeStream(bytes(2, 9, 6, 1, 2, 3), strict))
                .isInstanceOf(MalformedJmsRecordException.class).hasMessageContaining("longer than the limit of 2");
        assertThatThrownBy(() -> JmsBodyCodec.decodeMap(bytes(2, 4, 'a', 'b', 0), strict))
                .isInstanceOf(MalformedJmsRecordException.class).hasMessageContaining("name of 2 bytes");
    }

    private static void assertMap(byte[] body, String expected) {
        assertThatThrownBy(() -> JmsBodyCodec.decodeMap(body, LIMITS))
                .isInstanceOf(MalformedJmsRecordException.class).hasMessageContaining(expected);
    }
}
