package dev.partita.protocol.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.protocol.message.DestinationKind;
import dev.partita.protocol.record.CompressionType;
import dev.partita.protocol.record.Header;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.MemoryRecordsBuilder;
import dev.partita.protocol.record.Record;
import dev.partita.protocol.record.RecordBatch;
import dev.partita.protocol.record.SimpleRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JmsRecordCodecTest {

    private static final JmsRecordCodec CODEC = JmsRecordCodec.DEFAULT;

    static JmsRecord everyField(Object correlationId) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("aNull", null);
        properties.put("aBoolean", true);
        properties.put("aByte", (byte) -7);
        properties.put("aShort", (short) 300);
        properties.put("anInt", 70_000);
        properties.put("aLong", 1L << 40);
        properties.put("aFloat", 1.5f);
        properties.put("aDouble", -2.25d);
        properties.put("aString", "h\u00e9llo \u2603");
        properties.put("JMSXGroupID", "group-1");
        properties.put("JMS_Other_Vendor", 3);
        return new JmsRecord(JmsBodyType.TEXT, "ID:abc-1", 1_000L, correlationId,
                JmsDestination.queue("orders"), JmsDestination.topic("replies"), "order.created",
                JmsRecord.NON_PERSISTENT, 9, 5_000L, 2_000L, properties, "body".getBytes(StandardCharsets.UTF_8));
    }

    private static List<Record> throughBatch(CompressionType compression, SimpleRecord... records) {
        MemoryRecordsBuilder builder = MemoryRecordsBuilder.builder().compression(compression).baseOffset(10);
        for (SimpleRecord record : records) {
            builder.append(record);
        }
        ByteBuffer bytes = builder.build().buffer();
        List<Record> read = new ArrayList<>();
        for (RecordBatch batch : MemoryRecords.readableRecords(bytes.duplicate()).batches()) {
            batch.ensureValid();
            batch.forEach(read::add);
        }
        return read;
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void everyHeaderAndPropertyTypeSurvivesAKafkaFormatBatch(CompressionType compression) {
        JmsRecord stringCorrelation = everyField("corr-1");
        JmsRecord bytesCorrelation = everyField(new byte[] {1, 2, 3});

        List<Record> read = throughBatch(compression, CODEC.toRecord(stringCorrelation, 99L, null),
                CODEC.toRecord(bytesCorrelation, 99L, null));

        assertThat(read).hasSize(2);
        assertThat(read.get(0).timestamp()).as("JMSTimestamp is the record timestamp").isEqualTo(1_000L);
        assertThat(read.get(0).valueBytes()).as("the value is the body alone")
                .isEqualTo("body".getBytes(StandardCharsets.UTF_8));
        assertThat(CODEC.decode(read.get(0))).isEqualTo(stringCorrelation);
        JmsRecord decoded = CODEC.decode(read.get(1));
        assertThat(decoded).isEqualTo(bytesCorrelation);
        assertThat(decoded.correlationId()).isInstanceOf(byte[].class);
        assertThat(decoded.properties().keySet()).containsExactlyElementsOf(stringCorrelation.properties().keySet());
    }

    @Test
    void headersUseTheDocumentedNamesAndTags() {
        Map<String, Header> headers = Arrays.stream(CODEC.encodeHeaders(everyField("c"), 1_000L))
                .collect(Collectors.toMap(Header::key, h -> h));
        assertThat(headers.get("JMS_Partita_BodyType").value()).containsExactly(2, 1);
        assertThat(headers.get("JMSPriority").value()).containsExactly(2, 9);
        assertThat(headers.get("JMSDeliveryMode").value()).containsExactly(2, 1);
        assertThat(headers.get("JMSReplyTo").value()).containsExactly(11, DestinationKind.TOPIC.code(),
                'r', 'e', 'p', 'l', 'i', 'e', 's');
        assertThat(new String(headers.get("JMSMessageID").value(), StandardCharsets.UTF_8)).isEqualTo("\bID:abc-1");
        assertThat(headers.get("anInt").value()).containsExactly(4, 0, 1, 0x11, 0x70);
        assertThat(headers.get("aNull").value()).containsExactly(0);
        assertThat(headers).doesNotContainKey("JMSTimestamp");
    }

    @Test
    void aDefaultMessageHasNoHeadersAtAllAndATextMessageOnlyItsType() {
        assertThat(CODEC.encodeHeaders(JmsRecord.of(JmsBodyType.MESSAGE, null), 0L)).isEmpty();
        Header[] text = CODEC.encodeHeaders(JmsRecord.of(JmsBodyType.TEXT, new byte[0]), 0L);
        assertThat(text).extracting(Header::key).containsExactly(JmsHeaderNames.BODY_TYPE);
        assertThat(CODEC.decode(0L, text, new byte[0])).isEqualTo(JmsRecord.of(JmsBodyType.TEXT, new byte[0]));
    }

    @Test
    void aDisabledTimestampStaysZeroWhileTheRecordGetsTheSendTime() {
        JmsRecord message = new JmsRecord(JmsBodyType.MESSAGE, null, 0L, null, null, null, null,
                JmsRecord.PERSISTENT, 4, 0L, 0L, Map.of(), null);
        SimpleRecord record = CODEC.toRecord(message, 12_345L, null);
        assertThat(record.timestamp()).isEqualTo(12_345L);
        assertThat(record.headers()).extracting(Header::key).containsExactly(JmsHeaderNames.TIMESTAMP);
        assertThat(CODEC.decode(throughBatch(CompressionType.NONE, record).get(0))).isEqualTo(message);
    }

    @Test
    void aDeliveryTimeAfterTheTimestampIsKept() {
        JmsRecord delayed = new JmsRecord(JmsBodyType.MESSAGE, null, 100L, null, null, null, null,
                JmsRecord.PERSISTENT, 4, 0L, 600L, Map.of(), null);
        assertThat(CODEC.decode(100L, CODEC.encodeHeaders(delayed, 100L), null).deliveryTime()).isEqualTo(600L);
    }

    @Test
    void aRecordAKafkaClientWroteReadsAsABytesMessageWithDefaultHeaders() {
        JmsRecord decoded = CODEC.decode(777L, new Header[0], new byte[] {1, 2});
        assertThat(decoded.bodyType()).isEqualTo(JmsBodyType.BYTES);
        assertThat(decoded.body()).containsExactly(1, 2);
        assertThat(decoded.timestamp()).isEqualTo(777L);
        assertThat(decoded.deliveryTime()).isEqualTo(777L);
        assertThat(decoded.priority()).isEqualTo(4);
        assertThat(decoded.deliveryMode()).isEqualTo(JmsRecord.PERSISTENT);
        assertThat(decoded.messageId()).isNull();
        assertThat(CODEC.decode(777L, new Header[0], null).bodyType()).isEqualTo(JmsBodyType.MESSAGE);
    }

    @Test
    void partitaPropertiesAreReadAndUnknownPartitaHeadersOfLaterVersionsSkipped() {
        JmsRecord withReason = withProperty("JMS_Partita_DeadLetterReason", "max deliveries");
        JmsRecord decoded = CODEC.decode(1L, CODEC.encodeHeaders(withReason, 1L), null);
        assertThat(decoded.properties()).containsEntry("JMS_Partita_DeadLetterReason", "max deliveries");

        Header unknownTag = new Header("JMS_Partita_Future", new byte[] {99, 1, 2});
        Header bytes = new Header("JMS_Partita_Internal", new byte[] {9, 1, 2});
        Header truncated = new Header("JMS_Partita_Other", new byte[] {5, 1});
        assertThat(CODEC.decode(1L, new Header[] {unknownTag, bytes, truncated}, null).properties()).isEmpty();
    }

    @Test
    void theSenderTravelsInReservedHeadersAndIsReadWithoutDecodingTheRest() {
        java.util.UUID connection = java.util.UUID.fromString("00000000-0000-0001-0000-000000000002");
        JmsRecord sent = everyField("c").withSender(new JmsSender(connection, "client-1"));
        Header[] headers = CODEC.encodeHeaders(sent, 1_000L);
        Map<String, Header> byName = Arrays.stream(headers).collect(Collectors.toMap(Header::key, h -> h));
        assertThat(byName.get("JMS_Partita_ConnectionID").value())
                .containsExactly(9, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2);
        assertThat(new String(byName.get("JMS_Partita_ClientID").value(), StandardCharsets.UTF_8)).isEqualTo("\bclient-1");

        JmsRecord decoded = CODEC.decode(1_000L, headers, sent.body());
        assertThat(decoded).isEqualTo(sent);
        assertThat(decoded.properties()).as("the sender is no property").doesNotContainKeys(
                "JMS_Partita_ConnectionID", "JMS_Partita_ClientID");
        assertThat(JmsRecordCodec.sender(headers)).isEqualTo(new JmsSender(connection, "client-1"));

        JmsSender noClientId = new JmsSender(connection, null);
        Header[] anonymous = CODEC.encodeHeaders(JmsRecord.of(JmsBodyType.MESSAGE, null).withSender(noClientId), 0L);
        assertThat(anonymous).extracting(Header::key).containsExactly("JMS_Partita_ConnectionID");
        assertThat(JmsRecordCodec.sender(anonymous)).isEqualTo(noClientId);
        assertThat(JmsRecordCodec.sender(CODEC.encodeHeaders(everyField("c"), 1_000L))).isNull();
        assertThat(JmsRecordCodec.sender(new Header[] {new Header("JMS_Partita_ConnectionID", new byte[] {9, 1})}))
                .as("not in this encoding: no sender").isNull();
        assertMalformed(new Header[] {new Header("JMS_Partita_ConnectionID", new byte[] {9, 1, 2})}, null,
                "16 bytes");
        assertMalformed(new Header[] {new Header("JMS_Partita_ClientID", new byte[] {8, 'a'})}, null,
                "JMS_Partita_ClientID without");
    }

    @Test
    void aPropertyHeaderAddedToAStoredRecordReadsAsAProperty() {
        JmsRecord original = everyField("c");
        List<Header> headers = new ArrayList<>(Arrays.asList(CODEC.encodeHeaders(original, 1_000L)));
        headers.add(JmsRecordCodec.propertyHeader(JmsHeaderNames.DEAD_LETTER_SOURCE, "log:0:5"));
        headers.add(JmsRecordCodec.propertyHeader(JmsHeaderNames.DEAD_LETTER_DELIVERY_COUNT, 10));

        JmsRecord decoded = CODEC.decode(1_000L, headers.toArray(Header[]::new), original.body());
        assertThat(decoded.properties()).containsEntry("JMS_Partita_DeadLetterSource", "log:0:5")
                .containsEntry("JMS_Partita_DeadLetterDeliveryCount", 10);
        assertThat(decoded.messageId()).isEqualTo(original.messageId());
        assertThat(CODEC.propertyValue(headers.get(headers.size() - 2))).isEqualTo("log:0:5");
        assertThat(CODEC.propertyValue(new Header("x", new byte[] {99}))).isNull();
        assertThatThrownBy(() -> JmsRecordCodec.propertyHeader(JmsHeaderNames.PRIORITY, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
    }

    @Test
    void aRecordRefusesPropertiesTheEncodingCannotCarry() {
        assertThatThrownBy(() -> withProperty("JMSPriority", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JMSPriority");
        assertThatThrownBy(() -> withProperty("JMS_Partita_BodyType", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> withProperty("bytes", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[B");
        assertThatThrownBy(() -> withProperty("char", 'c'))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Character");
        assertThatThrownBy(() -> withProperty("list", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be of type");
        assertThatThrownBy(() -> new JmsRecord(JmsBodyType.MESSAGE, null, 0, 42, null, null, null, 2, 4, 0, 0,
                Map.of(), null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("correlation");
        assertThatThrownBy(() -> new JmsRecord(JmsBodyType.MESSAGE, null, 0, null, null, null, null, 3, 4, 0, 0,
                Map.of(), null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delivery mode");
        assertThatThrownBy(() -> new JmsRecord(JmsBodyType.MESSAGE, null, 0, null, null, null, null, 2, 10, 0, 0,
                Map.of(), null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("priority");
    }

    private static JmsRecord withProperty(String name, Object value) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(name, value);
        return new JmsRecord(JmsBodyType.MESSAGE, null, 0, null, null, null, null, 2, 4, 0, 0, properties, null);
    }

    // ---- bad input: each refused with a message naming the header ----

    private static void assertMalformed(Header[] headers, byte[] value, String expectedMessagePart) {
        assertThatThrownBy(() -> CODEC.decode(1L, headers, value))
                .isInstanceOf(MalformedJmsRecordException.class)
                .hasMessageContaining(expectedMessagePart);
    }

    private static Header raw(String name, int... bytes) {
        byte[] value = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            value[i] = (byte) bytes[i];
        }
        return new Header(name, value);
    }

    @Test
    void malformedHeadersAreRefusedWithTheHeaderNamed() {
        assertMalformed(new Header[] {new Header("p", null)}, null, "header p has no type tag");
        assertMalformed(new Header[] {raw("p")}, null, "header p has no type tag");
        assertMalformed(new Header[] {raw("p", 42)}, null, "header p: unknown type tag 42");
        assertMalformed(new Header[] {raw("p", 4, 0, 0)}, null, "header p: INT needs 4 bytes, 2 left");
        assertMalformed(new Header[] {raw("p", 4, 0, 0, 0, 0, 0)}, null, "1 bytes after its INT value");
        assertMalformed(new Header[] {raw("p", 1, 2)}, null, "boolean byte 2");
        assertMalformed(new Header[] {raw("p", 8, 0xC3, 0x28)}, null, "header p: invalid UTF-8");
        assertMalformed(new Header[] {raw("p", 9, 1)}, null, "property p has type BYTES");
        assertMalformed(new Header[] {raw("p", 10, 0, 65)}, null, "property p has type CHAR");
        assertMalformed(new Header[] {raw("p", 0), raw("p", 0)}, null, "header p appears twice");
        assertMalformed(new Header[] {raw("JMSPriority", 4, 0, 0, 0, 1)}, null, "JMSPriority must hold a Byte");
        assertMalformed(new Header[] {raw("JMSPriority", 2, 10)}, null, "10 is not a priority");
        assertMalformed(new Header[] {raw("JMSDeliveryMode", 2, 0)}, null, "0 is not a delivery mode");
        assertMalformed(new Header[] {raw("JMSReplyTo", 8, 65)}, null, "JMSReplyTo must hold a JmsDestination");
        assertMalformed(new Header[] {raw("JMSReplyTo", 11)}, null, "destination without a kind");
        assertMalformed(new Header[] {raw("JMSReplyTo", 11, 7, 65)}, null, "unknown destination kind 7");
        assertMalformed(new Header[] {raw("JMSCorrelationID", 4, 0, 0, 0, 1)}, null, "String or BYTES");
        assertMalformed(new Header[] {raw("JMS_Partita_BodyType", 2, 9)}, null, "unknown message type 9");
        assertMalformed(new Header[] {raw("JMS_Partita_BodyType", 2, 0)}, new byte[1], "must have no value");
    }

    @Test
    void limitsAreEnforcedBeforeDecoding() {
        JmsRecordCodec strict = new JmsRecordCodec(new JmsCodecLimits(2, 16, 3, 10));
        assertThatThrownBy(() -> strict.decode(1L, new Header[] {raw("a", 0), raw("b", 0), raw("c", 0)}, null))
                .isInstanceOf(MalformedJmsRecordException.class).hasMessageContaining("3 headers, more than the limit of 2");
        assertThatThrownBy(() -> strict.decode(1L, new Header[] {raw("abcdefghijklmnopq", 0)}, null))
                .isInstanceOf(MalformedJmsRecordException.class).hasMessageContaining("longer than the limit of 16 bytes");
        assertThatThrownBy(() -> strict.decode(1L, new Header[] {raw("s", 8, 65, 65, 65, 65)}, null))
                .isInstanceOf(MalformedJmsRecordException.class)
                .hasMessageContaining("string of 4 bytes is longer than the limit of 3");
        assertThatThrownBy(() -> strict.decode(1L, new Header[] {raw("JMSCorrelationID", 9, 1, 2, 3, 4)}, null))
                .isInstanceOf(MalformedJmsRecordException.class)
                .hasMessageContaining("byte array of 4 bytes is longer than the limit of 3");
        assertThatThrownBy(() -> new JmsCodecLimits(-1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
