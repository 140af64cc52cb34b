package dev.partita.provider.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BytesAndStreamBodyTest {

    @Test
    void aBytesMessageReadsBackEveryTypeInOrder() throws JMSException {
        PartitaBytesMessage message = new PartitaBytesMessage();
        message.writeBoolean(true);
        message.writeByte((byte) -1);
        message.writeShort((short) -2);
        message.writeChar('z');
        message.writeInt(3);
        message.writeLong(4L);
        message.writeFloat(5.5f);
        message.writeDouble(6.25d);
        message.writeUTF("h\u00e9");
        message.writeBytes(new byte[] {1, 2, 3}, 1, 2);
        message.writeObject(7);
        message.reset();

        assertThat(message.readBoolean()).isTrue();
        assertThat(message.readUnsignedByte()).isEqualTo(255);
        assertThat(message.readUnsignedShort()).isEqualTo(65534);
        assertThat(message.readChar()).isEqualTo('z');
        assertThat(message.readInt()).isEqualTo(3);
        assertThat(message.readLong()).isEqualTo(4L);
        assertThat(message.readFloat()).isEqualTo(5.5f);
        assertThat(message.readDouble()).isEqualTo(6.25d);
        assertThat(message.readUTF()).isEqualTo("h\u00e9");
        byte[] two = new byte[2];
        assertThat(message.readBytes(two)).isEqualTo(2);
        assertThat(two).containsExactly(2, 3);
        assertThat(message.readInt()).isEqualTo(7);
        assertThat(message.readBytes(two)).as("at the end").isEqualTo(-1);
    }

    @Test
    void aReadPastTheEndThrowsMessageEofAndKeepsThePosition() throws JMSException {
        PartitaBytesMessage message = new PartitaBytesMessage();
        message.writeShort((short) 9);
        message.reset();
        assertThatThrownBy(message::readInt).isInstanceOf(MessageEOFException.class);
        assertThat(message.readShort()).isEqualTo((short) 9);
        assertThatThrownBy(message::readByte).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void bytesReadsHonourTheLengthArgument() throws JMSException {
        PartitaBytesMessage message = new PartitaBytesMessage();
        message.writeBytes(new byte[] {1, 2, 3, 4, 5});
        message.reset();
        byte[] buffer = new byte[4];
        assertThat(message.readBytes(buffer, 2)).isEqualTo(2);
        assertThat(message.readBytes(buffer)).isEqualTo(3);
        assertThat(buffer).startsWith(3, 4, 5);
        assertThat(message.readBytes(buffer)).isEqualTo(-1);
        assertThatThrownBy(() -> message.readBytes(buffer, 5)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void bytesWriteObjectRefusesNullAndOtherTypes() {
        PartitaBytesMessage message = new PartitaBytesMessage();
        assertThatThrownBy(() -> message.writeObject(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> message.writeObject(new Object())).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void aStreamByteArrayIsReadInPiecesThenMinusOne() throws JMSException {
        PartitaStreamMessage message = new PartitaStreamMessage();
        message.writeBytes(new byte[] {1, 2, 3, 4, 5});
        message.writeBytes(new byte[0]);
        message.writeString("after");
        message.reset();

        byte[] buffer = new byte[2];
        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThatThrownBy(message::readString).as("the byte[] value is only partly read")
                .isInstanceOf(MessageFormatException.class).hasMessageContaining("partly read");
        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(message.readBytes(buffer)).isEqualTo(1);
        assertThat(buffer[0]).isEqualTo((byte) 5);
        assertThat(message.readBytes(buffer)).isEqualTo(-1);
        assertThat(message.readBytes(buffer)).as("an empty array first reads 0").isEqualTo(0);
        assertThat(message.readBytes(buffer)).isEqualTo(-1);
        assertThat(message.readString()).isEqualTo("after");
        assertThatThrownBy(message::readString).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void aFullyCopiedByteArrayLetsTheNextValueBeRead() throws JMSException {
        PartitaStreamMessage message = new PartitaStreamMessage();
        message.writeBytes(new byte[] {1, 2});
        message.writeInt(3);
        message.reset();
        assertThat(message.readBytes(new byte[2])).isEqualTo(2);
        assertThat(message.readInt()).isEqualTo(3);
    }

    @Test
    void streamValuesAreCopiedInAndOut() throws JMSException {
        byte[] original = {1, 2};
        PartitaStreamMessage message = new PartitaStreamMessage();
        message.writeBytes(original);
        original[0] = 9;
        message.reset();
        byte[] read = (byte[]) message.readObject();
        assertThat(read).containsExactly(1, 2);
    }
}
