package dev.partita.provider.message;

import dev.partita.protocol.jms.JmsBodyCodec;
import dev.partita.protocol.jms.JmsBodyType;
import dev.partita.protocol.jms.JmsCodecLimits;
import dev.partita.protocol.jms.MalformedJmsRecordException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.StreamMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A stream message: a sequence of typed values (boxed primitives, String, byte[], null) read back
 * in order with the conversions of section 3.11.3 ({@link ValueConversions}). Write-only when new
 * or cleared, read-only after {@link #reset()} or receipt. A read that fails with
 * {@code MessageFormatException} or {@code NumberFormatException} does not move the position, so
 * the value can be read again as another type. A byte[] value read with {@link #readBytes} in
 * pieces must be read to its end (the call returning -1) before another value can be read.
 * {@code getBody} always throws {@code MessageFormatException} (spec: a stream has no body type).
 * Not thread-safe.
 */
public class PartitaStreamMessage extends PartitaMessage implements StreamMessage {

    private final List<Object> items = new ArrayList<>();
    private int position;
    /** The byte[] value readBytes is part way through (null when none) and how far it got. */
    private byte[] partialBytes;
    private int partialOffset;

    // ---------------------------------------------------------------- reading

    private interface Conversion<T> {
        T convert(Object value) throws JMSException;
    }

    private <T> T read(Conversion<T> conversion) throws JMSException {
        checkReadable();
        finishBytesField();
        if (position >= items.size()) {
            throw new MessageEOFException("the end of the stream message was reached");
        }
        T value = conversion.convert(items.get(position)); // throws before the position moves
        position++;
        return value;
    }

    private void finishBytesField() throws MessageFormatException {
        if (partialBytes != null) {
            if (partialOffset < partialBytes.length) {
                throw new MessageFormatException("a byte[] value is partly read: read it to its end with readBytes"
                        + " before reading the next value");
            }
            partialBytes = null;
            position++;
        }
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return read(ValueConversions::toBoolean);
    }

    @Override
    public byte readByte() throws JMSException {
        return read(ValueConversions::toByte);
    }

    @Override
    public short readShort() throws JMSException {
        return read(ValueConversions::toShort);
    }

    @Override
    public char readChar() throws JMSException {
        return read(ValueConversions::toChar);
    }

    @Override
    public int readInt() throws JMSException {
        return read(ValueConversions::toInt);
    }

    @Override
    public long readLong() throws JMSException {
        return read(ValueConversions::toLong);
    }

    @Override
    public float readFloat() throws JMSException {
        return read(ValueConversions::toFloat);
    }

    @Override
    public double readDouble() throws JMSException {
        return read(ValueConversions::toDouble);
    }

    @Override
    public String readString() throws JMSException {
        return read(ValueConversions::toText);
    }

    /** The next value as stored (a byte[] copied), or null. */
    @Override
    public Object readObject() throws JMSException {
        return read(value -> value instanceof byte[] bytes ? bytes.clone() : value);
    }

    /**
     * Reads the next byte[] value into {@code value}, in pieces if it is longer: returns the bytes
     * copied, 0 for an empty array (the first call), -1 once the value is fully read (that call
     * moves on to the next value) or for a null value.
     */
    @Override
    public int readBytes(byte[] value) throws JMSException {
        checkReadable();
        if (partialBytes == null) {
            if (position >= items.size()) {
                throw new MessageEOFException("the end of the stream message was reached");
            }
            Object next = items.get(position);
            if (next == null) {
                position++;
                return -1;
            }
            if (!(next instanceof byte[] bytes)) {
                throw ValueConversions.cannot(next, "byte[]");
            }
            partialBytes = bytes;
            partialOffset = 0;
            if (bytes.length == 0) {
                return 0;
            }
        } else if (partialOffset == partialBytes.length) {
            partialBytes = null;
            position++;
            return -1;
        }
        int copied = Math.min(value.length, partialBytes.length - partialOffset);
        System.arraycopy(partialBytes, partialOffset, value, 0, copied);
        partialOffset += copied;
        return copied;
    }

    private void checkReadable() throws MessageNotReadableException {
        if (!isBodyReadOnly()) {
            throw new MessageNotReadableException("this StreamMessage is write-only: call reset() before reading");
        }
    }

    // ---------------------------------------------------------------- writing

    private void add(Object value) throws JMSException {
        checkBodyWritable();
        items.add(value);
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        add(value);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        add(value);
    }

    @Override
    public void writeShort(short value) throws JMSException {
        add(value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        add(value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        add(value);
    }

    @Override
    public void writeLong(long value) throws JMSException {
        add(value);
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        add(value);
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        add(value);
    }

    @Override
    public void writeString(String value) throws JMSException {
        add(value);
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        add(value == null ? null : value.clone());
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        Objects.checkFromIndexSize(offset, length, value.length);
        add(Arrays.copyOfRange(value, offset, offset + length));
    }

    /** @throws MessageFormatException for a value that is not a boxed primitive, String, byte[] or null */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (!ValueConversions.isBodyValue(value)) {
            throw new MessageFormatException("a StreamMessage cannot hold a " + ValueConversions.typeName(value)
                    + ": only boxed primitives, String, byte[] and null");
        }
        add(value instanceof byte[] bytes ? bytes.clone() : value);
    }

    // ---------------------------------------------------------------- states and body

    @Override
    public void reset() throws JMSException {
        setBodyReadOnly(true);
    }

    @Override
    void setBodyReadOnly(boolean readOnly) throws JMSException {
        position = 0;
        partialBytes = null;
        super.setBodyReadOnly(readOnly);
    }

    /** A stream message's body cannot be returned as anything: always false. */
    @Override
    @SuppressWarnings("rawtypes") // the API's signature
    public boolean isBodyAssignableTo(Class c) {
        return false;
    }

    /** @throws MessageFormatException always: the spec gives a stream message no body type */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        throw new MessageFormatException("the body of a StreamMessage cannot be returned by getBody");
    }

    @Override
    public JmsBodyType bodyType() {
        return JmsBodyType.STREAM;
    }

    @Override
    void clearBodyContent() {
        items.clear();
        position = 0;
        partialBytes = null;
    }

    @Override
    byte[] encodeBody() {
        return items.isEmpty() ? null : JmsBodyCodec.encodeStream(items);
    }

    @Override
    void decodeBody(byte[] body, JmsCodecLimits limits) throws JMSException {
        items.clear();
        try {
            items.addAll(JmsBodyCodec.decodeStream(body, limits));
        } catch (MalformedJmsRecordException e) {
            throw PartitaTextMessage.formatError(e);
        }
        position = 0;
    }

    /** The values as written (not copied), for copying and encoding. */
    List<Object> items() {
        return items;
    }
}
