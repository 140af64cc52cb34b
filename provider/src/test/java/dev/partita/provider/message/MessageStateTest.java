package dev.partita.provider.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.protocol.jms.JmsCodecLimits;
import dev.partita.provider.destination.PartitaQueue;
import jakarta.jms.JMSException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Read-only and write-only states: new, received, cleared, reset. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessageStateTest {

    static <T extends PartitaMessage> T receive(T sent) throws JMSException {
        @SuppressWarnings("unchecked") // received() builds the same type as the record's, which is sent's type
        T received = (T) MessageRecords.received(MessageRecords.toRecord(sent), new PartitaQueue("q"), 1,
                ObjectMessageAllowlist.DEFAULT, JmsCodecLimits.DEFAULT);
        return received;
    }

    @Test
    void aReceivedMessageHasReadOnlyPropertiesUntilClearProperties() throws JMSException {
        PartitaMessage sent = new PartitaMessage();
        sent.setStringProperty("p", "v");
        PartitaMessage received = receive(sent);
        assertThat(received.getStringProperty("p")).isEqualTo("v");
        assertThatThrownBy(() -> received.setStringProperty("q", "w"))
                .isInstanceOf(MessageNotWriteableException.class).hasMessageContaining("clearProperties");
        received.clearProperties();
        assertThat(received.propertyExists("p")).isFalse();
        received.setStringProperty("q", "w");
        assertThat(received.getStringProperty("q")).isEqualTo("w");
    }

    @Test
    void headerFieldsStaySettableOnAReceivedMessage() throws JMSException {
        PartitaMessage received = receive(new PartitaMessage());
        received.setJMSType("t");
        received.setJMSPriority(1);
        assertThat(received.getJMSType()).isEqualTo("t");
        assertThat(received.getJMSPriority()).isEqualTo(1);
    }

    @Test
    void readOnlyBodiesRefuseWritesUntilClearBody() throws JMSException {
        PartitaTextMessage text = receive(new PartitaTextMessage("hi"));
        assertThatThrownBy(() -> text.setText("x")).isInstanceOf(MessageNotWriteableException.class);
        text.clearBody();
        assertThat(text.getText()).isNull();
        text.setText("x");

        PartitaMapMessage sentMap = new PartitaMapMessage();
        sentMap.setInt("a", 1);
        PartitaMapMessage map = receive(sentMap);
        assertThat(map.getInt("a")).isEqualTo(1);
        assertThatThrownBy(() -> map.setInt("b", 2)).isInstanceOf(MessageNotWriteableException.class);
        map.clearBody();
        assertThat(map.itemExists("a")).isFalse();
        map.setInt("b", 2);

        PartitaObjectMessage sentObject = new PartitaObjectMessage();
        sentObject.setObject("s");
        PartitaObjectMessage object = receive(sentObject);
        assertThatThrownBy(() -> object.setObject("t")).isInstanceOf(MessageNotWriteableException.class);
        object.clearBody();
        assertThat(object.getObject()).isNull();
    }

    @Test
    void bytesMessagesAreWriteOnlyUntilResetAndReadOnlyAfter() throws JMSException {
        PartitaBytesMessage bytes = new PartitaBytesMessage();
        bytes.writeInt(5);
        assertThatThrownBy(bytes::readInt).isInstanceOf(MessageNotReadableException.class)
                .hasMessageContaining("reset()");
        assertThatThrownBy(bytes::getBodyLength).isInstanceOf(MessageNotReadableException.class);
        bytes.reset();
        assertThat(bytes.getBodyLength()).isEqualTo(4);
        assertThat(bytes.readInt()).isEqualTo(5);
        assertThatThrownBy(() -> bytes.writeInt(6)).isInstanceOf(MessageNotWriteableException.class);
        bytes.reset();
        assertThat(bytes.readInt()).as("reset rewinds").isEqualTo(5);
        bytes.clearBody();
        assertThatThrownBy(bytes::readInt).isInstanceOf(MessageNotReadableException.class);
        bytes.writeByte((byte) 1);
        bytes.reset();
        assertThat(bytes.getBodyLength()).isEqualTo(1);

        PartitaBytesMessage received = receive(bytes);
        assertThat(received.readByte()).isEqualTo((byte) 1);
        assertThatThrownBy(() -> received.writeByte((byte) 2)).isInstanceOf(MessageNotWriteableException.class);
    }

    @Test
    void streamMessagesAreWriteOnlyUntilResetAndReadOnlyAfter() throws JMSException {
        PartitaStreamMessage stream = new PartitaStreamMessage();
        stream.writeString("a");
        assertThatThrownBy(stream::readString).isInstanceOf(MessageNotReadableException.class);
        stream.reset();
        assertThat(stream.readString()).isEqualTo("a");
        assertThatThrownBy(() -> stream.writeString("b")).isInstanceOf(MessageNotWriteableException.class);
        stream.reset();
        assertThat(stream.readString()).isEqualTo("a");
        stream.clearBody();
        stream.writeString("b");
        PartitaStreamMessage received = receive(stream);
        assertThat(received.readString()).isEqualTo("b");
        assertThatThrownBy(() -> received.writeString("c")).isInstanceOf(MessageNotWriteableException.class);
        received.clearBody();
        assertThatThrownBy(received::readString).isInstanceOf(MessageNotReadableException.class);
    }

    @Test
    void deliveryCountIsAReadOnlyIntPropertyOfReceivedMessagesThatSurvivesClearProperties() throws JMSException {
        PartitaMessage fresh = new PartitaMessage();
        assertThat(fresh.propertyExists("JMSXDeliveryCount")).isFalse();
        PartitaMessage redelivered = MessageRecords.received(MessageRecords.toRecord(fresh), new PartitaQueue("q"), 3,
                ObjectMessageAllowlist.DEFAULT, JmsCodecLimits.DEFAULT);
        assertThat(redelivered.getIntProperty("JMSXDeliveryCount")).isEqualTo(3);
        assertThat(redelivered.getObjectProperty("JMSXDeliveryCount")).isEqualTo(3);
        assertThat(redelivered.getJMSRedelivered()).isTrue();
        assertThat(Collections.list(redelivered.getPropertyNames())).contains("JMSXDeliveryCount");
        redelivered.clearProperties();
        assertThatThrownBy(() -> redelivered.setIntProperty("JMSXDeliveryCount", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set by the provider");
        assertThat(redelivered.getIntProperty("JMSXDeliveryCount")).isEqualTo(3);
        assertThat(receive(fresh).getJMSRedelivered()).isFalse();
    }

    @Test
    void acknowledgeNeedsASession() throws JMSException {
        PartitaMessage message = new PartitaMessage();
        assertThatThrownBy(message::acknowledge).isInstanceOf(jakarta.jms.IllegalStateException.class)
                .hasMessageContaining("not attached to a session");
        PartitaMessage[] acknowledged = new PartitaMessage[1];
        message.setAcknowledgeHandler(m -> acknowledged[0] = m);
        message.acknowledge();
        assertThat(acknowledged[0]).isSameAs(message);
    }

    @Test
    void headerSettersRefuseValuesOutsideTheSpecRanges() {
        PartitaMessage message = new PartitaMessage();
        assertThatThrownBy(() -> message.setJMSPriority(10)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> message.setJMSPriority(-1)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> message.setJMSDeliveryMode(0)).isInstanceOf(JMSException.class);
    }
}
