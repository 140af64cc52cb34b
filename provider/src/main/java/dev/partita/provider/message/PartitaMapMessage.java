package dev.partita.provider.message;

import dev.partita.protocol.jms.JmsBodyCodec;
import dev.partita.protocol.jms.JmsBodyType;
import dev.partita.protocol.jms.JmsCodecLimits;
import dev.partita.protocol.jms.MalformedJmsRecordException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A map message: named values (boxed primitives, String, byte[], null) read with the conversions
 * of {@link ValueConversions}. Byte arrays are copied in and out. Readable in every state, writable
 * until received (then after {@code clearBody}). A name must be non-null and non-empty
 * ({@code IllegalArgumentException}). {@code getBody(Map.class)} returns a copy. Not thread-safe.
 */
public class PartitaMapMessage extends PartitaMessage implements MapMessage {

    private final Map<String, Object> map = new LinkedHashMap<>();

    @Override
    public boolean getBoolean(String name) throws JMSException {
        return ValueConversions.toBoolean(get(name));
    }

    @Override
    public byte getByte(String name) throws JMSException {
        return ValueConversions.toByte(get(name));
    }

    @Override
    public short getShort(String name) throws JMSException {
        return ValueConversions.toShort(get(name));
    }

    @Override
    public char getChar(String name) throws JMSException {
        return ValueConversions.toChar(get(name));
    }

    @Override
    public int getInt(String name) throws JMSException {
        return ValueConversions.toInt(get(name));
    }

    @Override
    public long getLong(String name) throws JMSException {
        return ValueConversions.toLong(get(name));
    }

    @Override
    public float getFloat(String name) throws JMSException {
        return ValueConversions.toFloat(get(name));
    }

    @Override
    public double getDouble(String name) throws JMSException {
        return ValueConversions.toDouble(get(name));
    }

    @Override
    public String getString(String name) throws JMSException {
        return ValueConversions.toText(get(name));
    }

    @Override
    public byte[] getBytes(String name) throws JMSException {
        return ValueConversions.toBytes(get(name));
    }

    @Override
    public Object getObject(String name) {
        Object value = get(name);
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }

    @Override
    public Enumeration<String> getMapNames() {
        return Collections.enumeration(map.keySet().stream().toList());
    }

    @Override
    public boolean itemExists(String name) {
        return map.containsKey(name);
    }

    @Override
    public void setBoolean(String name, boolean value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setByte(String name, byte value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setShort(String name, short value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setChar(String name, char value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setInt(String name, int value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setLong(String name, long value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setFloat(String name, float value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setDouble(String name, double value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setString(String name, String value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setBytes(String name, byte[] value) throws JMSException {
        put(name, value == null ? null : value.clone());
    }

    @Override
    public void setBytes(String name, byte[] value, int offset, int length) throws JMSException {
        Objects.checkFromIndexSize(offset, length, value.length);
        put(name, Arrays.copyOfRange(value, offset, offset + length));
    }

    /** @throws MessageFormatException for a value that is not a boxed primitive, String, byte[] or null */
    @Override
    public void setObject(String name, Object value) throws JMSException {
        if (!ValueConversions.isBodyValue(value)) {
            throw new MessageFormatException("a MapMessage cannot hold a " + ValueConversions.typeName(value)
                    + ": only boxed primitives, String and byte[]");
        }
        put(name, value instanceof byte[] bytes ? bytes.clone() : value);
    }

    private Object get(String name) {
        checkName(name);
        return map.get(name);
    }

    private void put(String name, Object value) throws JMSException {
        checkName(name);
        checkBodyWritable();
        map.put(name, value);
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a MapMessage entry name must not be " + (name == null ? "null" : "empty"));
        }
    }

    @Override
    public JmsBodyType bodyType() {
        return JmsBodyType.MAP;
    }

    @Override
    boolean hasBody() {
        return !map.isEmpty();
    }

    @Override
    Object bodyValue() {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((name, value) -> copy.put(name, value instanceof byte[] bytes ? bytes.clone() : value));
        return copy;
    }

    /** The spec's body type is {@code java.util.Map}, whatever class the copy has. */
    @Override
    boolean isAssignable(Class<?> c, Object body) {
        return c.isAssignableFrom(Map.class);
    }

    @Override
    void clearBodyContent() {
        map.clear();
    }

    @Override
    byte[] encodeBody() {
        return map.isEmpty() ? null : JmsBodyCodec.encodeMap(map);
    }

    @Override
    void decodeBody(byte[] body, JmsCodecLimits limits) throws JMSException {
        map.clear();
        try {
            map.putAll(JmsBodyCodec.decodeMap(body, limits));
        } catch (MalformedJmsRecordException e) {
            throw PartitaTextMessage.formatError(e);
        }
    }
}
