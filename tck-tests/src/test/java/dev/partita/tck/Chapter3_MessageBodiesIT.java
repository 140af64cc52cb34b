package dev.partita.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.provider.message.ObjectMessageAllowlist;
import dev.partita.provider.message.PartitaMessage;
import dev.partita.tck.SuiteBroker.Stored;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageEOFException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 3.11 and the five body types (3.3): bodies, their states, the conversion table of 3.11.3, getBody. */
@DisplayName("3.11 Message body")
class Chapter3_MessageBodiesIT extends TckTest {

    private Connection connection;
    private Session session;

    @BeforeEach
    void connect() throws Exception {
        connection = factory().createConnection();
        session = connection.createSession();
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    @Test
    @DisplayName("3.3 text and bytes bodies arrive as sent; reading past the end of a BytesMessage is a MessageEOFException")
    void textAndBytesBodiesSurviveTheBroker() throws Exception {
        Queue queue = queue("b-types");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("héllo wörld"));
        BytesMessage bytes = session.createBytesMessage();
        bytes.writeInt(7);
        bytes.writeUTF("u");
        bytes.writeBytes(new byte[] {9, 8});
        producer.send(bytes);

        List<Stored> stored = stored(queue, 2);
        assertThat(((TextMessage) stored.get(0).message()).getText()).isEqualTo("héllo wörld");
        BytesMessage b = (BytesMessage) stored.get(1).message();
        assertThat(b.readInt()).isEqualTo(7);
        assertThat(b.readUTF()).isEqualTo("u");
        assertThat(b.readByte()).isEqualTo((byte) 9);
        assertThat(b.readByte()).isEqualTo((byte) 8);
        assertThatThrownBy(b::readByte).isInstanceOf(MessageEOFException.class);
    }

    @Test
    @DisplayName("3.3 map, stream, object and plain messages arrive as sent")
    void structuredBodiesSurviveTheBroker() throws Exception {
        Queue queue = queue("b-struct");
        MessageProducer producer = session.createProducer(queue);
        MapMessage map = session.createMapMessage();
        map.setInt("i", 1);
        map.setString("s", "two");
        map.setBytes("b", new byte[] {3});
        producer.send(map);
        StreamMessage stream = session.createStreamMessage();
        stream.writeBoolean(true);
        stream.writeLong(5L);
        stream.writeString("six");
        producer.send(stream);
        producer.send(session.createObjectMessage(new BigDecimal("7.25")));
        producer.send(session.createMessage());

        List<Stored> stored = stored(queue, 4);
        MapMessage m = (MapMessage) stored.get(0).message();
        Enumeration<?> mapNames = m.getMapNames();
        assertThat(names(mapNames)).containsExactlyInAnyOrder("i", "s", "b");
        assertThat(m.getInt("i")).isEqualTo(1);
        assertThat(m.getString("s")).isEqualTo("two");
        assertThat(m.getBytes("b")).containsExactly(3);
        StreamMessage s = (StreamMessage) stored.get(1).message();
        assertThat(s.readBoolean()).isTrue();
        assertThat(s.readLong()).isEqualTo(5L);
        assertThat(s.readString()).isEqualTo("six");
        assertThat(((ObjectMessage) stored.get(2).message()).getObject()).isEqualTo(new BigDecimal("7.25"));
        assertThat(stored.get(3).message().getBody(Object.class)).isNull();
    }

    @Test
    @DisplayName("3.11.1 clearBody empties the body and makes it writable again")
    void clearBody() throws Exception {
        TextMessage text = session.createTextMessage("x");
        text.clearBody();
        assertThat(text.getText()).isNull();
        Queue queue = queue("b-clear");
        session.createProducer(queue).send(session.createTextMessage("sent"));
        TextMessage received = (TextMessage) stored(queue, 1).get(0).message();
        assertThatThrownBy(() -> received.setText("changed")).isInstanceOf(MessageNotWriteableException.class);
        received.clearBody();
        received.setText("changed");
        assertThat(received.getText()).isEqualTo("changed");
    }

    @Test
    @DisplayName("3.11.2 a received body is read-only: writing it is a MessageNotWriteableException")
    void receivedBodiesAreReadOnly() throws Exception {
        Queue queue = queue("b-ro");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createBytesMessage());
        producer.send(session.createMapMessage());
        producer.send(session.createStreamMessage());
        producer.send(session.createObjectMessage("o"));
        List<Stored> stored = stored(queue, 4);
        assertThatThrownBy(() -> ((BytesMessage) stored.get(0).message()).writeInt(1)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> ((MapMessage) stored.get(1).message()).setInt("i", 1)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> ((StreamMessage) stored.get(2).message()).writeInt(1)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> ((ObjectMessage) stored.get(3).message()).setObject("p")).isInstanceOf(MessageNotWriteableException.class);
    }

    @Test
    @DisplayName("3.11.2 a new BytesMessage or StreamMessage is write-only until reset: reading is a MessageNotReadableException")
    void bytesAndStreamAreWriteOnlyUntilReset() throws JMSException {
        BytesMessage bytes = session.createBytesMessage();
        bytes.writeInt(1);
        assertThatThrownBy(bytes::readInt).isInstanceOf(MessageNotReadableException.class);
        assertThatThrownBy(bytes::getBodyLength).isInstanceOf(MessageNotReadableException.class);
        bytes.reset();
        assertThat(bytes.getBodyLength()).isEqualTo(4);
        assertThat(bytes.readInt()).isEqualTo(1);
        assertThatThrownBy(() -> bytes.writeInt(2)).as("read-only after reset").isInstanceOf(MessageNotWriteableException.class);
        StreamMessage stream = session.createStreamMessage();
        stream.writeInt(1);
        assertThatThrownBy(stream::readInt).isInstanceOf(MessageNotReadableException.class);
        stream.reset();
        assertThat(stream.readInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("3.11.3 StreamMessage conversions: allowed cells convert, refused ones are MessageFormatException, bad strings NumberFormatException")
    void streamConversions() throws JMSException {
        StreamMessage stream = session.createStreamMessage();
        stream.writeShort((short) 3);
        stream.writeString("4");
        stream.writeBoolean(true);
        stream.writeString("x");
        stream.reset();
        assertThat(stream.readLong()).isEqualTo(3L);
        assertThat(stream.readInt()).isEqualTo(4);
        assertThatThrownBy(stream::readInt).isInstanceOf(MessageFormatException.class);
        assertThat(stream.readString()).as("a failed read does not move the position").isEqualTo("true");
        assertThatThrownBy(stream::readLong).isInstanceOf(NumberFormatException.class);
        assertThat(stream.readString()).isEqualTo("x");
    }

    @Test
    @DisplayName("3.11.3 MapMessage conversions: allowed cells convert, refused ones are MessageFormatException")
    void mapConversions() throws JMSException {
        MapMessage map = session.createMapMessage();
        map.setInt("i", 5);
        map.setString("s", "6");
        map.setBoolean("z", false);
        assertThat(map.getLong("i")).isEqualTo(5L);
        assertThat(map.getString("i")).isEqualTo("5");
        assertThat(map.getShort("s")).isEqualTo((short) 6);
        assertThatThrownBy(() -> map.getShort("i")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> map.getInt("z")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> map.setObject("o", new Object())).isInstanceOf(MessageFormatException.class);
        assertThat(map.getString("missing")).isNull();
        assertThat(map.itemExists("missing")).isFalse();
    }

    @Test
    @DisplayName("3.11 getBody and isBodyAssignableTo follow the Message javadoc for every type")
    void getBodyRules() throws JMSException {
        TextMessage text = session.createTextMessage("t");
        assertThat(text.isBodyAssignableTo(String.class)).isTrue();
        assertThat(text.isBodyAssignableTo(Integer.class)).isFalse();
        assertThat(text.getBody(String.class)).isEqualTo("t");
        assertThatThrownBy(() -> text.getBody(Integer.class)).isInstanceOf(MessageFormatException.class);
        MapMessage map = session.createMapMessage();
        map.setInt("i", 1);
        Map<?, ?> body = map.getBody(Map.class);
        assertThat(body.get("i")).isEqualTo(1);
        ObjectMessage object = session.createObjectMessage("o");
        assertThat(object.isBodyAssignableTo(Serializable.class)).isTrue();
        assertThat(object.getBody(String.class)).isEqualTo("o");
        StreamMessage stream = session.createStreamMessage();
        assertThat(stream.isBodyAssignableTo(Object.class)).as("a StreamMessage body is never assignable").isFalse();
        assertThatThrownBy(() -> stream.getBody(Object.class)).isInstanceOf(MessageFormatException.class);
        Message plain = session.createMessage();
        assertThat(plain.isBodyAssignableTo(String.class)).isTrue();
        assertThat(plain.getBody(String.class)).isNull();
        assertThat(session.createTextMessage().getBody(String.class)).as("no body").isNull();
    }

    /** A class outside the default ObjectMessage allowlist. */
    record Outside(String value) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Test
    @DisplayName("ObjectMessage (bad input): a class outside the allowlist is refused with a MessageFormatException naming it; allowed, it arrives")
    void objectMessageAllowlist() throws Exception {
        Queue queue = queue("b-allow");
        session.createProducer(queue).send(session.createObjectMessage(new Outside("v")));
        PartitaMessage refused = stored(queue, 1).get(0).message();
        assertThatThrownBy(((ObjectMessage) refused)::getObject).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(Outside.class.getName());
        PartitaMessage allowed = stored(queue, 1, ObjectMessageAllowlist.of(List.of("dev.partita.tck"))).get(0).message();
        assertThat(((ObjectMessage) allowed).getObject()).isEqualTo(new Outside("v"));
    }
}
