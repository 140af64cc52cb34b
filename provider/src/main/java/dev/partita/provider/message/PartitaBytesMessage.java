package dev.partita.provider.message;

import dev.partita.protocol.jms.JmsBodyType;
import dev.partita.protocol.jms.JmsCodecLimits;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A bytes message: a stream of bytes written and read as {@code DataOutputStream} and
 * {@code DataInputStream} do. A new or cleared message is write-only (reads throw
 * {@code MessageNotReadableException}); {@link #reset()} makes it read-only and rewinds it;
 * a received message is read-only. A read past the end throws {@code MessageEOFException} and
 * leaves the position where it was. Not thread-safe.
 */
public class PartitaBytesMessage extends PartitaMessage implements BytesMessage {

    private static final byte[] EMPTY = new byte[0];

    private ByteArrayOutputStream written = new ByteArrayOutputStream();
    private DataOutputStream out = new DataOutputStream(written);
    private byte[] content = EMPTY; // the body while read-only
    private ByteArrayInputStream input;
    private DataInputStream in;

    // ---------------------------------------------------------------- reading

    @Override
    public long getBodyLength() throws JMSException {
        checkReadable();
        return content.length;
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return read(DataInputStream::readBoolean);
    }

    @Override
    public byte readByte() throws JMSException {
        return read(DataInputStream::readByte);
    }

    @Override
    public int readUnsignedByte() throws JMSException {
        return read(DataInputStream::readUnsignedByte);
    }

    @Override
    public short readShort() throws JMSException {
        return read(DataInputStream::readShort);
    }

    @Override
    public int readUnsignedShort() throws JMSException {
        return read(DataInputStream::readUnsignedShort);
    }

    @Override
    public char readChar() throws JMSException {
        return read(DataInputStream::readChar);
    }

    @Override
    public int readInt() throws JMSException {
        return read(DataInputStream::readInt);
    }

    @Override
    public long readLong() throws JMSException {
        return read(DataInputStream::readLong);
    }

    @Override
    public float readFloat() throws JMSException {
        return read(DataInputStream::readFloat);
    }

    @Override
    public double readDouble() throws JMSException {
        return read(DataInputStream::readDouble);
    }

    @Override
    public String readUTF() throws JMSException {
        return read(data -> data.readUTF());
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        return readBytes(value, value.length);
    }

    /** @throws IndexOutOfBoundsException when {@code length} is negative or above {@code value.length} */
    @Override
    public int readBytes(byte[] value, int length) throws JMSException {
        checkReadable();
        if (length < 0 || length > value.length) {
            throw new IndexOutOfBoundsException("length " + length + " is outside 0.." + value.length);
        }
        if (input.available() == 0) {
            return -1;
        }
        return input.read(value, 0, length);
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private <T> T read(Reader<T> reader) throws JMSException {
        checkReadable();
        input.mark(0);
        try {
            return reader.read(in);
        } catch (EOFException e) {
            input.reset();
            throw new MessageEOFException("the end of the bytes message was reached");
        } catch (UTFDataFormatException e) {
            input.reset();
            throw new MessageFormatException("the bytes are not a modified-UTF-8 string: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
    }

    private void checkReadable() throws MessageNotReadableException {
        if (!isBodyReadOnly()) {
            throw new MessageNotReadableException("this BytesMessage is write-only: call reset() before reading");
        }
    }

    // ---------------------------------------------------------------- writing

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        write(o -> o.writeBoolean(value));
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        write(o -> o.writeByte(value));
    }

    @Override
    public void writeShort(short value) throws JMSException {
        write(o -> o.writeShort(value));
    }

    @Override
    public void writeChar(char value) throws JMSException {
        write(o -> o.writeChar(value));
    }

    @Override
    public void writeInt(int value) throws JMSException {
        write(o -> o.writeInt(value));
    }

    @Override
    public void writeLong(long value) throws JMSException {
        write(o -> o.writeLong(value));
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        write(o -> o.writeFloat(value));
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        write(o -> o.writeDouble(value));
    }

    /** @throws MessageFormatException when the string's modified UTF-8 form exceeds 65535 bytes */
    @Override
    public void writeUTF(String value) throws JMSException {
        Objects.requireNonNull(value, "value");
        checkBodyWritable();
        try {
            out.writeUTF(value);
        } catch (UTFDataFormatException e) {
            throw new MessageFormatException("string too long for writeUTF: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        writeBytes(value, 0, value.length);
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        Objects.checkFromIndexSize(offset, length, value.length);
        write(o -> o.write(value, offset, length));
    }

    /**
     * Writes a boxed primitive, a String (as {@link #writeUTF}) or a byte[].
     *
     * @throws NullPointerException for null
     * @throws MessageFormatException for any other type
     */
    @Override
    public void writeObject(Object value) throws JMSException {
        Objects.requireNonNull(value, "a BytesMessage cannot write null");
        if (value instanceof Boolean v) {
            writeBoolean(v);
        } else if (value instanceof Byte v) {
            writeByte(v);
        } else if (value instanceof Short v) {
            writeShort(v);
        } else if (value instanceof Character v) {
            writeChar(v);
        } else if (value instanceof Integer v) {
            writeInt(v);
        } else if (value instanceof Long v) {
            writeLong(v);
        } else if (value instanceof Float v) {
            writeFloat(v);
        } else if (value instanceof Double v) {
            writeDouble(v);
        } else if (value instanceof String v) {
            writeUTF(v);
        } else if (value instanceof byte[] v) {
            writeBytes(v);
        } else {
            throw new MessageFormatException("a BytesMessage cannot write a " + value.getClass().getName());
        }
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private void write(Writer writer) throws JMSException {
        checkBodyWritable();
        try {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    // ---------------------------------------------------------------- states

    /** Makes the body read-only and moves to its start. */
    @Override
    public void reset() throws JMSException {
        setBodyReadOnly(true);
    }

    @Override
    void setBodyReadOnly(boolean readOnly) throws JMSException {
        if (readOnly) {
            if (!isBodyReadOnly()) {
                content = written.toByteArray();
            }
            input = new ByteArrayInputStream(content);
            in = new DataInputStream(input);
        } else if (isBodyReadOnly()) {
            written = new ByteArrayOutputStream();
            written.writeBytes(content);
            out = new DataOutputStream(written);
            input = null;
            in = null;
        }
        super.setBodyReadOnly(readOnly);
    }

    @Override
    public JmsBodyType bodyType() {
        return JmsBodyType.BYTES;
    }

    private byte[] currentBytes() {
        return isBodyReadOnly() ? content : written.toByteArray();
    }

    @Override
    boolean hasBody() {
        return currentBytes().length > 0;
    }

    @Override
    Object bodyValue() {
        return currentBytes().clone();
    }

    @Override
    void clearBodyContent() {
        content = EMPTY;
        written = new ByteArrayOutputStream();
        out = new DataOutputStream(written);
        input = null;
        in = null;
    }

    @Override
    byte[] encodeBody() {
        return currentBytes();
    }

    @Override
    void decodeBody(byte[] body, JmsCodecLimits limits) {
        content = body == null ? EMPTY : body;
        written = new ByteArrayOutputStream();
        written.writeBytes(content);
        out = new DataOutputStream(written);
        if (isBodyReadOnly()) {
            input = new ByteArrayInputStream(content);
            in = new DataInputStream(input);
        }
    }
}
