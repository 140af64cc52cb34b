package dev.partita.provider.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.protocol.jms.JmsBodyType;
import dev.partita.protocol.jms.JmsCodecLimits;
import dev.partita.protocol.jms.JmsRecordCodec;
import dev.partita.protocol.record.CompressionType;
import dev.partita.protocol.record.Header;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.MemoryRecordsBuilder;
import dev.partita.protocol.record.Record;
import dev.partita.protocol.record.RecordBatch;
import dev.partita.protocol.record.SimpleRecord;
import dev.partita.provider.destination.PartitaDestination;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.destination.PartitaTopic;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Messages through the codec and a Kafka-format batch and back, as a consumer receives them. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessageRecordsTest {

    private static final PartitaQueue QUEUE = new PartitaQueue("orders");

    /** Sends through a real batch (lz4) and receives with the given delivery count. */
    static PartitaMessage roundTrip(PartitaMessage sent, int deliveryCount) throws JMSException {
        SimpleRecord record = JmsRecordCodec.DEFAULT.toRecord(MessageRecords.toRecord(sent), 50_000L, null);
        MemoryRecords batch = MemoryRecordsBuilder.builder().compression(CompressionType.LZ4).append(record).build();
        List<Record> read = new ArrayList<>();
        for (RecordBatch b : MemoryRecords.readableRecords(batch.buffer().duplicate()).batches()) {
            b.ensureValid();
            b.forEach(read::add);
        }
        return MessageRecords.received(read.get(0), QUEUE, deliveryCount, ObjectMessageAllowlist.DEFAULT,
                JmsCodecLimits.DEFAULT);
    }

    @Test
    void everyHeaderFieldAndPropertySurvives() throws JMSException {
        PartitaTextMessage sent = new PartitaTextMessage("hello");
        sent.setJMSMessageID("ID:1-2-3");
        sent.setJMSTimestamp(1_000L);
        sent.setJMSCorrelationID("corr");
        sent.setJMSDestination(new PartitaTopic("events"));
        sent.setJMSReplyTo(new PartitaQueue("replies"));
        sent.setJMSType("greeting");
        sent.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        sent.setJMSPriority(7);
        sent.setJMSExpiration(9_000L);
        sent.setJMSDeliveryTime(2_000L);
        sent.setBooleanProperty("b", true);
        sent.setByteProperty("y", (byte) 1);
        sent.setShortProperty("s", (short) 2);
        sent.setIntProperty("i", 3);
        sent.setLongProperty("l", 4L);
        sent.setFloatProperty("f", 5f);
        sent.setDoubleProperty("d", 6d);
        sent.setStringProperty("t", "seven");
        sent.setObjectProperty("n", null);
        sent.setStringProperty("JMSXGroupID", "g");
        sent.setIntProperty("JMSXGroupSeq", 2);

        PartitaTextMessage received = (PartitaTextMessage) roundTrip(sent, 1);

        assertThat(received.getText()).isEqualTo("hello");
        assertThat(received.getJMSMessageID()).isEqualTo("ID:1-2-3");
        assertThat(received.getJMSTimestamp()).isEqualTo(1_000L);
        assertThat(received.getJMSCorrelationID()).isEqualTo("corr");
        assertThat(received.getJMSDestination()).isEqualTo(new PartitaTopic("events"));
        assertThat(received.getJMSReplyTo()).isEqualTo(new PartitaQueue("replies"));
        assertThat(received.getJMSType()).isEqualTo("greeting");
        assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(received.getJMSPriority()).isEqualTo(7);
        assertThat(received.getJMSExpiration()).isEqualTo(9_000L);
        assertThat(received.getJMSDeliveryTime()).isEqualTo(2_000L);
        assertThat(received.getJMSRedelivered()).isFalse();
        assertThat(Collections.list(received.getPropertyNames())).containsExactly("b", "y", "s", "i", "l", "f", "d",
                "t", "n", "JMSXGroupID", "JMSXGroupSeq", "JMSXDeliveryCount");
        for (String name : List.of("b", "y", "s", "i", "l", "f", "d", "t", "n", "JMSXGroupID", "JMSXGroupSeq")) {
            assertThat(received.getObjectProperty(name)).as(name).isEqualTo(sent.getObjectProperty(name));
        }
        assertThat(received.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
    }

    @Test
    void aByteCorrelationIdStaysBytesAndDefaultsAreKept() throws JMSException {
        PartitaMessage sent = new PartitaMessage();
        sent.setJMSCorrelationIDAsBytes(new byte[] {(byte) 0xFF, 0});
        PartitaMessage received = roundTrip(sent, 2);
        assertThat(received.getJMSCorrelationIDAsBytes()).containsExactly(0xFF, 0);
        assertThat(received.getJMSDestination()).as("the destination consumed from").isEqualTo(QUEUE);
        assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(received.getJMSPriority()).isEqualTo(4);
        assertThat(received.getJMSMessageID()).isNull();
        assertThat(received.getJMSTimestamp()).isZero();
        assertThat(received.getJMSRedelivered()).isTrue();
        assertThat(received.getBody(Object.class)).isNull();
    }

    @Test
    void aStringCorrelationIdReadsAsItsUtf8Bytes() {
        PartitaMessage message = new PartitaMessage();
        message.setJMSCorrelationID("\u00e9");
        assertThat(message.getJMSCorrelationIDAsBytes()).isEqualTo("\u00e9".getBytes(StandardCharsets.UTF_8));
        message.setJMSCorrelationIDAsBytes("ab".getBytes(StandardCharsets.UTF_8));
        assertThat(message.getJMSCorrelationID()).isEqualTo("ab");
    }

    @Test
    void eachBodyTypeRoundTrips() throws JMSException {
        PartitaBytesMessage bytes = new PartitaBytesMessage();
        bytes.writeLong(42L);
        PartitaBytesMessage receivedBytes = (PartitaBytesMessage) roundTrip(bytes, 1);
        assertThat(receivedBytes.getBodyLength()).isEqualTo(8);
        assertThat(receivedBytes.readLong()).isEqualTo(42L);

        PartitaMapMessage map = new PartitaMapMessage();
        map.setChar("c", 'x');
        map.setBytes("b", new byte[] {1});
        map.setString("s", "v");
        PartitaMapMessage receivedMap = (PartitaMapMessage) roundTrip(map, 1);
        assertThat(Collections.list(receivedMap.getMapNames())).containsExactly("c", "b", "s");
        assertThat(receivedMap.getChar("c")).isEqualTo('x');
        assertThat(receivedMap.getBytes("b")).containsExactly(1);
        assertThat(receivedMap.getString("s")).isEqualTo("v");

        PartitaStreamMessage stream = new PartitaStreamMessage();
        stream.writeDouble(1.5);
        stream.writeObject(null);
        stream.writeChar('q');
        PartitaStreamMessage receivedStream = (PartitaStreamMessage) roundTrip(stream, 1);
        assertThat(receivedStream.readDouble()).isEqualTo(1.5);
        assertThat(receivedStream.readObject()).isNull();
        assertThat(receivedStream.readChar()).isEqualTo('q');

        PartitaObjectMessage object = new PartitaObjectMessage();
        object.setObject(new ArrayList<>(List.of("x")));
        assertThat(((PartitaObjectMessage) roundTrip(object, 1)).getObject()).isEqualTo(List.of("x"));

        assertThat(((PartitaTextMessage) roundTrip(new PartitaTextMessage(), 1)).getText()).isNull();
        assertThat(((PartitaTextMessage) roundTrip(new PartitaTextMessage(""), 1)).getText()).isEmpty();
        assertThat(roundTrip(new PartitaMessage(), 1).getClass()).isEqualTo(PartitaMessage.class);
        assertThat(MessageRecords.toRecord(new PartitaStreamMessage()).bodyType()).isEqualTo(JmsBodyType.STREAM);
    }

    @Test
    void theRecordValueIsTheBodyAKafkaClientReads() throws JMSException {
        SimpleRecord text = JmsRecordCodec.DEFAULT.toRecord(MessageRecords.toRecord(new PartitaTextMessage("k\u00e4se")),
                1L, null);
        assertThat(new String(text.value(), StandardCharsets.UTF_8)).isEqualTo("k\u00e4se");
        PartitaBytesMessage bytes = new PartitaBytesMessage();
        bytes.writeBytes(new byte[] {9, 8});
        assertThat(JmsRecordCodec.DEFAULT.toRecord(MessageRecords.toRecord(bytes), 1L, null).value())
                .containsExactly(9, 8);
    }

    @Test
    void aMalformedRecordIsAMessageFormatExceptionNamingItsOffset() {
        SimpleRecord bad = new SimpleRecord(1L, null, null, new Header("JMSPriority", new byte[] {2, 42}));
        MemoryRecords batch = MemoryRecordsBuilder.builder().baseOffset(17).append(bad).build();
        Record record = batch.records().iterator().next();
        assertThatThrownBy(() -> MessageRecords.received(record, QUEUE, 1, ObjectMessageAllowlist.DEFAULT,
                JmsCodecLimits.DEFAULT))
                .isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("offset 17").hasMessageContaining("42 is not a priority");
    }

    @Test
    void aMalformedBodyIsAMessageFormatException() {
        SimpleRecord bad = new SimpleRecord(1L, null, new byte[] {2, 8},
                new Header("JMS_Partita_BodyType", new byte[] {2, 3}));
        Record record = MemoryRecordsBuilder.builder().append(bad).build().records().iterator().next();
        assertThatThrownBy(() -> MessageRecords.received(record, QUEUE, 1, ObjectMessageAllowlist.DEFAULT,
                JmsCodecLimits.DEFAULT))
                .isInstanceOf(MessageFormatException.class).hasMessageContaining("body is malformed");
    }

    @Test
    void aDeliveryCountBelowOneIsAProgrammingError() {
        assertThatThrownBy(() -> roundTrip(new PartitaMessage(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void destinationsKeepTheirKind() {
        assertThat(PartitaDestination.fromRecordForm(new PartitaQueue("x").toRecordForm())).isEqualTo(new PartitaQueue("x"));
        assertThat(PartitaDestination.fromRecordForm(new PartitaTopic("x").toRecordForm())).isEqualTo(new PartitaTopic("x"));
    }
}
