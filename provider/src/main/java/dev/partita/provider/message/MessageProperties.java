package dev.partita.provider.message;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message's properties: values by name in insertion order, read with the conversions of
 * {@link ValueConversions}, set only while writable. {@code JMSXDeliveryCount} is not in the map:
 * it is delivery state the provider sets on receipt, reads as an {@code int} property while it is
 * above 0, and survives {@link #clear()}. Not thread-safe: a message belongs to one session thread.
 */
final class MessageProperties {

    private final Map<String, Object> values = new LinkedHashMap<>();
    private boolean readOnly;
    private int deliveryCount;

    void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    boolean isReadOnly() {
        return readOnly;
    }

    void setDeliveryCount(int deliveryCount) {
        this.deliveryCount = deliveryCount;
    }

    int deliveryCount() {
        return deliveryCount;
    }

    /** Removes every property; they become writable again. */
    void clear() {
        values.clear();
        readOnly = false;
    }

    boolean exists(String name) {
        return get(name) != null || values.containsKey(name);
    }

    /** The value, or null when the property is not set (or set to null). */
    Object get(String name) {
        PropertyNames.checkReadable(name);
        if (deliveryCount > 0 && name.equals(PropertyNames.JMSX_DELIVERY_COUNT)) {
            return deliveryCount;
        }
        return values.get(name);
    }

    /**
     * Sets a property as the application does: the name must be settable and the value a boxed
     * primitive (not char), a String or null.
     */
    void set(String name, Object value) throws MessageNotWriteableException, MessageFormatException {
        PropertyNames.checkSettable(name);
        if (readOnly) {
            throw new MessageNotWriteableException("the properties of this message are read-only: call"
                    + " clearProperties() first to set " + name);
        }
        if (!ValueConversions.isPropertyValue(value)) {
            throw new MessageFormatException("property " + name + " cannot hold a " + ValueConversions.typeName(value)
                    + ": only Boolean, Byte, Short, Integer, Long, Float, Double and String");
        }
        values.put(name, value);
    }

    /** Puts a property as received or copied, without the application's name rules. */
    void putUnchecked(String name, Object value) {
        values.put(name, value);
    }

    /** The names of every property, {@code JMSXDeliveryCount} included on a received message. */
    Enumeration<String> names() {
        List<String> names = new ArrayList<>(values.keySet());
        if (deliveryCount > 0) {
            names.add(PropertyNames.JMSX_DELIVERY_COUNT);
        }
        return Collections.enumeration(names);
    }

    /** The stored properties (without {@code JMSXDeliveryCount}), for encoding. */
    Map<String, Object> stored() {
        return values;
    }
}
