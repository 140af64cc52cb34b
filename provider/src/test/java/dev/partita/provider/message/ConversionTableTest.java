package dev.partita.provider.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cell of the conversion tables: properties (spec 3.5.4), stream messages (3.11.3) and map
 * messages (the same table). A cell either converts to the expected value or throws
 * {@code MessageFormatException}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConversionTableTest {

    /** Read types, in the order of the spec's columns. */
    static final List<String> READ_TYPES =
            List.of("boolean", "byte", "short", "char", "int", "long", "float", "double", "String", "byte[]");

    /** Stored value per row, and the read types the row allows (3.11.3; 3.5.4 is this without char and byte[]). */
    static final Map<Object, Set<String>> ALLOWED = Map.of(
            true, Set.of("boolean", "String"),
            (byte) 7, Set.of("byte", "short", "int", "long", "String"),
            (short) 7, Set.of("short", "int", "long", "String"),
            'c', Set.of("char", "String"),
            7, Set.of("int", "long", "String"),
            7L, Set.of("long", "String"),
            7.5f, Set.of("float", "double", "String"),
            7.5d, Set.of("double", "String"),
            "7", Set.of("boolean", "byte", "short", "int", "long", "float", "double", "String"),
            new byte[] {7}, Set.of("byte[]"));

    /** What a permitted read of {@code stored} as {@code type} returns. */
    static Object expected(Object stored, String type) {
        if (stored instanceof String s) {
            return switch (type) {
                case "boolean" -> Boolean.valueOf(s);
                case "byte" -> Byte.valueOf(s);
                case "short" -> Short.valueOf(s);
                case "int" -> Integer.valueOf(s);
                case "long" -> Long.valueOf(s);
                case "float" -> Float.valueOf(s);
                case "double" -> Double.valueOf(s);
                default -> s;
            };
        }
        if (type.equals("String")) {
            return String.valueOf(stored);
        }
        if (stored instanceof Number n) {
            return switch (type) {
                case "byte" -> n.byteValue();
                case "short" -> n.shortValue();
                case "int" -> n.intValue();
                case "long" -> n.longValue();
                case "float" -> n.floatValue();
                case "double" -> n.doubleValue();
                default -> throw new AssertionError(type);
            };
        }
        return stored;
    }

    static Stream<Arguments> bodyCells() {
        List<Arguments> cells = new ArrayList<>();
        ALLOWED.forEach((stored, allowed) -> READ_TYPES.forEach(type ->
                cells.add(Arguments.of(stored, type, allowed.contains(type)))));
        return cells.stream();
    }

    static Stream<Arguments> propertyCells() {
        List<String> propertyReadTypes = READ_TYPES.stream().filter(t -> !t.equals("char") && !t.equals("byte[]"))
                .toList();
        List<Arguments> cells = new ArrayList<>();
        ALLOWED.forEach((stored, allowed) -> {
            if (!(stored instanceof Character) && !(stored instanceof byte[])) {
                propertyReadTypes.forEach(type -> cells.add(Arguments.of(stored, type, allowed.contains(type))));
            }
        });
        return cells.stream();
    }

    interface Read {
        Object as(String type) throws JMSException;
    }

    private static void assertCell(Object stored, String type, boolean allowed, Read read) throws JMSException {
        if (allowed) {
            Object value = read.as(type);
            if (value instanceof byte[] bytes) {
                assertThat(bytes).isEqualTo((byte[]) stored);
            } else {
                assertThat(value).as("%s read as %s", stored, type).isEqualTo(expected(stored, type));
            }
        } else {
            assertThatThrownBy(() -> read.as(type)).as("%s read as %s", stored, type)
                    .isInstanceOf(MessageFormatException.class)
                    .hasMessageContaining("cannot be read as " + type);
        }
    }

    static Object readProperty(PartitaMessage message, String name, String type) throws JMSException {
        return switch (type) {
            case "boolean" -> message.getBooleanProperty(name);
            case "byte" -> message.getByteProperty(name);
            case "short" -> message.getShortProperty(name);
            case "int" -> message.getIntProperty(name);
            case "long" -> message.getLongProperty(name);
            case "float" -> message.getFloatProperty(name);
            case "double" -> message.getDoubleProperty(name);
            case "String" -> message.getStringProperty(name);
            default -> throw new AssertionError(type);
        };
    }

    static Object readMap(PartitaMapMessage message, String name, String type) throws JMSException {
        return switch (type) {
            case "boolean" -> message.getBoolean(name);
            case "byte" -> message.getByte(name);
            case "short" -> message.getShort(name);
            case "char" -> message.getChar(name);
            case "int" -> message.getInt(name);
            case "long" -> message.getLong(name);
            case "float" -> message.getFloat(name);
            case "double" -> message.getDouble(name);
            case "String" -> message.getString(name);
            case "byte[]" -> message.getBytes(name);
            default -> throw new AssertionError(type);
        };
    }

    static Object readStream(PartitaStreamMessage message, String type) throws JMSException {
        return switch (type) {
            case "boolean" -> message.readBoolean();
            case "byte" -> message.readByte();
            case "short" -> message.readShort();
            case "char" -> message.readChar();
            case "int" -> message.readInt();
            case "long" -> message.readLong();
            case "float" -> message.readFloat();
            case "double" -> message.readDouble();
            case "String" -> message.readString();
            case "byte[]" -> {
                byte[] buffer = new byte[16];
                int read = message.readBytes(buffer);
                yield java.util.Arrays.copyOf(buffer, read);
            }
            default -> throw new AssertionError(type);
        };
    }

    @ParameterizedTest(name = "property {0} as {1}: {2}")
    @MethodSource("propertyCells")
    void propertyCell(Object stored, String type, boolean allowed) throws JMSException {
        PartitaMessage message = new PartitaMessage();
        message.setObjectProperty("p", stored);
        assertCell(stored, type, allowed, t -> readProperty(message, "p", t));
        assertThat(message.getObjectProperty("p")).isEqualTo(stored);
    }

    @ParameterizedTest(name = "map {0} as {1}: {2}")
    @MethodSource("bodyCells")
    void mapCell(Object stored, String type, boolean allowed) throws JMSException {
        PartitaMapMessage message = new PartitaMapMessage();
        message.setObject("e", stored);
        assertCell(stored, type, allowed, t -> readMap(message, "e", t));
    }

    @ParameterizedTest(name = "stream {0} as {1}: {2}")
    @MethodSource("bodyCells")
    void streamCell(Object stored, String type, boolean allowed) throws JMSException {
        PartitaStreamMessage message = new PartitaStreamMessage();
        message.writeObject(stored);
        message.writeInt(99);
        message.reset();
        assertCell(stored, type, allowed, t -> readStream(message, t));
        if (!allowed) {
            // a refused read leaves the position: the value reads again as its own type, then the next one
            assertThat(message.readObject()).usingRecursiveComparison().isEqualTo(stored);
        } else if (stored instanceof byte[]) {
            assertThat(message.readBytes(new byte[1])).as("end of the byte[] value").isEqualTo(-1);
        }
        assertThat(message.readInt()).isEqualTo(99);
    }

    @Test
    void unparsableStringsThrowNumberFormatExceptionAndDoNotMoveTheStream() throws JMSException {
        PartitaMessage message = new PartitaMessage();
        message.setStringProperty("s", "abc");
        for (String type : List.of("byte", "short", "int", "long", "float", "double")) {
            assertThatThrownBy(() -> readProperty(message, "s", type)).as(type)
                    .isInstanceOf(NumberFormatException.class);
        }
        assertThat(message.getBooleanProperty("s")).isFalse();

        PartitaStreamMessage stream = new PartitaStreamMessage();
        stream.writeString("abc");
        stream.reset();
        assertThatThrownBy(stream::readInt).isInstanceOf(NumberFormatException.class);
        assertThat(stream.readString()).isEqualTo("abc");
    }

    @Test
    void aMissingPropertyReadsAsValueOfNull() throws JMSException {
        PartitaMessage message = new PartitaMessage();
        assertThat(message.getBooleanProperty("missing")).isFalse();
        assertThat(message.getStringProperty("missing")).isNull();
        assertThat(message.getObjectProperty("missing")).isNull();
        assertThat(message.propertyExists("missing")).isFalse();
        for (String type : List.of("byte", "short", "int", "long")) {
            assertThatThrownBy(() -> readProperty(message, "missing", type)).as(type)
                    .isInstanceOf(NumberFormatException.class);
        }
        for (String type : List.of("float", "double")) {
            assertThatThrownBy(() -> readProperty(message, "missing", type)).as(type)
                    .isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void aNullPropertyExistsAndReadsAsValueOfNull() throws JMSException {
        PartitaMessage message = new PartitaMessage();
        message.setStringProperty("n", null);
        assertThat(message.propertyExists("n")).isTrue();
        assertThat(message.getStringProperty("n")).isNull();
        assertThatThrownBy(() -> message.getIntProperty("n")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void nullBodyValuesReadAsValueOfNull() throws JMSException {
        PartitaStreamMessage stream = new PartitaStreamMessage();
        stream.writeObject(null);
        stream.writeObject(null);
        stream.writeObject(null);
        stream.reset();
        assertThatThrownBy(stream::readChar).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(stream::readInt).isInstanceOf(NumberFormatException.class);
        assertThat(stream.readString()).isNull();
        assertThat(stream.readBoolean()).isFalse();
        assertThat(stream.readBytes(new byte[1])).as("a null byte[] value").isEqualTo(-1);

        PartitaMapMessage map = new PartitaMapMessage();
        assertThat(map.getBytes("missing")).isNull();
        assertThat(map.getString("missing")).isNull();
        assertThatThrownBy(() -> map.getChar("missing")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> map.getDouble("missing")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> map.getLong("missing")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void propertiesRefuseValuesOfOtherTypes() {
        PartitaMessage message = new PartitaMessage();
        assertThatThrownBy(() -> message.setObjectProperty("c", 'c')).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("Character");
        assertThatThrownBy(() -> message.setObjectProperty("b", new byte[1])).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("byte[]");
        assertThatThrownBy(() -> message.setObjectProperty("l", List.of())).isInstanceOf(MessageFormatException.class);
        PartitaMapMessage map = new PartitaMapMessage();
        assertThatThrownBy(() -> map.setObject("l", List.of())).isInstanceOf(MessageFormatException.class);
        PartitaStreamMessage stream = new PartitaStreamMessage();
        assertThatThrownBy(() -> stream.writeObject(new Object())).isInstanceOf(MessageFormatException.class);
    }
}
