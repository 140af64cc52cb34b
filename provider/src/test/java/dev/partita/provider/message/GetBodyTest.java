package dev.partita.provider.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code getBody} and {@code isBodyAssignableTo} as the {@code Message} javadoc defines them. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GetBodyTest {

    @Test
    void messagesWithoutABodyReturnNullForAnyType() throws JMSException {
        PartitaMessage[] empty = {new PartitaMessage(), new PartitaTextMessage(), new PartitaBytesMessage(),
                new PartitaMapMessage(), new PartitaObjectMessage()};
        for (PartitaMessage message : empty) {
            assertThat(message.getBody(Integer.class)).as(message.getClass().getSimpleName()).isNull();
            assertThat(message.isBodyAssignableTo(StringBuilder.class)).as(message.getClass().getSimpleName()).isTrue();
        }
    }

    @Test
    void textBodiesAreStrings() throws JMSException {
        PartitaTextMessage text = new PartitaTextMessage("t");
        assertThat(text.getBody(String.class)).isEqualTo("t");
        assertThat(text.getBody(CharSequence.class)).isEqualTo("t");
        assertThat(text.getBody(Object.class)).isEqualTo("t");
        assertThat(text.isBodyAssignableTo(Integer.class)).isFalse();
        assertThatThrownBy(() -> text.getBody(Integer.class)).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("java.lang.Integer");
    }

    @Test
    void bytesBodiesAreByteArraysInEitherModeWithoutMovingThePosition() throws JMSException {
        PartitaBytesMessage bytes = new PartitaBytesMessage();
        bytes.writeShort((short) 258);
        assertThat(bytes.getBody(byte[].class)).containsExactly(1, 2);
        bytes.reset();
        assertThat(bytes.readByte()).isEqualTo((byte) 1);
        assertThat(bytes.getBody(byte[].class)).containsExactly(1, 2);
        assertThat(bytes.readByte()).isEqualTo((byte) 2);
        assertThat(bytes.isBodyAssignableTo(String.class)).isFalse();
        assertThatThrownBy(() -> bytes.getBody(String.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void mapBodiesAreCopiedMaps() throws JMSException {
        PartitaMapMessage map = new PartitaMapMessage();
        map.setInt("a", 1);
        @SuppressWarnings("unchecked") // getBody(Map.class) is the spec's way to ask for the map
        Map<String, Object> body = map.getBody(Map.class);
        assertThat(body).containsExactly(Map.entry("a", 1));
        body.put("b", 2);
        assertThat(map.itemExists("b")).as("a copy").isFalse();
        assertThat(map.isBodyAssignableTo(Map.class)).isTrue();
        assertThat(map.isBodyAssignableTo(HashMap.class)).isFalse();
        assertThatThrownBy(() -> map.getBody(String.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void objectBodiesAreTheDeserializedObject() throws JMSException {
        PartitaObjectMessage object = new PartitaObjectMessage();
        object.setObject(42);
        assertThat(object.getBody(Integer.class)).isEqualTo(42);
        assertThat(object.getBody(Serializable.class)).isEqualTo(42);
        assertThat(object.isBodyAssignableTo(Number.class)).isTrue();
        assertThat(object.isBodyAssignableTo(String.class)).isFalse();
        assertThatThrownBy(() -> object.getBody(String.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void streamBodiesAreNeverAssignable() throws JMSException {
        PartitaStreamMessage stream = new PartitaStreamMessage();
        assertThat(stream.isBodyAssignableTo(Object.class)).isFalse();
        assertThatThrownBy(() -> stream.getBody(Object.class)).isInstanceOf(MessageFormatException.class);
        stream.writeInt(1);
        assertThat(stream.isBodyAssignableTo(Object.class)).isFalse();
    }
}
