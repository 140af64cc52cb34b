package dev.partita.provider.message;

import jakarta.jms.MessageFormatException;

/**
 * The JMS type-conversion tables: section 3.5.4 for properties and 3.11.3 for
 * {@code StreamMessage} (which {@code MapMessage} shares). A row reads one stored type as another:
 *
 * <pre>
 * stored \ read  boolean byte short char int long float double String byte[]
 * boolean          X                                              X
 * byte                   X    X          X   X                    X
 * short                       X          X   X                    X
 * char                              X                             X
 * int                                    X   X                    X
 * long                                       X                    X
 * float                                           X     X         X
 * double                                                X         X
 * String           X     X    X          X   X    X     X         X
 * byte[]                                                                 X
 * </pre>
 *
 * Properties never hold char or byte[]. A String is parsed with the wrapper's {@code valueOf}
 * ({@code NumberFormatException} when it does not parse); a null value reads as
 * {@code valueOf(null)} would: false for boolean, {@code NumberFormatException} for the integer
 * types, {@code NullPointerException} for float, double and char, null for String and byte[].
 * Every other cell is a {@link MessageFormatException}. Stateless and thread-safe.
 */
final class ValueConversions {

    private ValueConversions() {
    }

    static boolean toBoolean(Object value) throws MessageFormatException {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Boolean.valueOf((String) value);
        }
        throw cannot(value, "boolean");
    }

    static byte toByte(Object value) throws MessageFormatException {
        if (value instanceof Byte b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Byte.valueOf((String) value);
        }
        throw cannot(value, "byte");
    }

    static short toShort(Object value) throws MessageFormatException {
        if (value instanceof Short s) {
            return s;
        }
        if (value instanceof Byte b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Short.valueOf((String) value);
        }
        throw cannot(value, "short");
    }

    static char toChar(Object value) throws MessageFormatException {
        if (value instanceof Character c) {
            return c;
        }
        if (value == null) {
            throw new NullPointerException("the value is null and cannot be read as a char");
        }
        throw cannot(value, "char");
    }

    static int toInt(Object value) throws MessageFormatException {
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value == null || value instanceof String) {
            return Integer.valueOf((String) value);
        }
        throw cannot(value, "int");
    }

    static long toLong(Object value) throws MessageFormatException {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value == null || value instanceof String) {
            return Long.valueOf((String) value);
        }
        throw cannot(value, "long");
    }

    static float toFloat(Object value) throws MessageFormatException {
        if (value instanceof Float f) {
            return f;
        }
        if (value == null || value instanceof String) {
            return Float.valueOf((String) value);
        }
        throw cannot(value, "float");
    }

    static double toDouble(Object value) throws MessageFormatException {
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value == null || value instanceof String) {
            return Double.valueOf((String) value);
        }
        throw cannot(value, "double");
    }

    static String toText(Object value) throws MessageFormatException {
        if (value instanceof byte[]) {
            throw cannot(value, "String");
        }
        return value == null ? null : value.toString();
    }

    static byte[] toBytes(Object value) throws MessageFormatException {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        throw cannot(value, "byte[]");
    }

    /** Whether a map or stream body may hold this value: a boxed primitive, String, byte[] or null. */
    static boolean isBodyValue(Object value) {
        return value == null || value instanceof Boolean || value instanceof Byte || value instanceof Short
                || value instanceof Character || value instanceof Integer || value instanceof Long
                || value instanceof Float || value instanceof Double || value instanceof String
                || value instanceof byte[];
    }

    /** Whether a property may hold this value: a boxed primitive other than char, String or null. */
    static boolean isPropertyValue(Object value) {
        return isBodyValue(value) && !(value instanceof Character) && !(value instanceof byte[]);
    }

    static MessageFormatException cannot(Object value, String type) {
        return new MessageFormatException("a " + typeName(value) + " value cannot be read as " + type);
    }

    static String typeName(Object value) {
        return value instanceof byte[] ? "byte[]" : value.getClass().getSimpleName();
    }
}
