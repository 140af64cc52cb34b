package dev.partita.protocol.jms;

import dev.partita.protocol.record.Header;
import dev.partita.protocol.record.Record;
import dev.partita.protocol.record.SimpleRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a {@link JmsRecord} into record headers, timestamp and value, and back, following the
 * table in this package's documentation. Headers whose value is the default are not written.
 * Decoding is bounded by {@link JmsCodecLimits} and fails with {@link MalformedJmsRecordException}.
 * Immutable and thread-safe.
 */
public final class JmsRecordCodec {

    /** A codec with {@link JmsCodecLimits#DEFAULT}. */
    public static final JmsRecordCodec DEFAULT = new JmsRecordCodec(JmsCodecLimits.DEFAULT);

    private final JmsCodecLimits limits;

    public JmsRecordCodec(JmsCodecLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public JmsCodecLimits limits() {
        return limits;
    }

    /**
     * The record timestamp for a message sent at {@code sendTime}: its {@code JMSTimestamp}, or
     * the send time when the producer disabled timestamps (0).
     */
    public static long recordTimestamp(JmsRecord message, long sendTime) {
        return message.timestamp() != 0 ? message.timestamp() : sendTime;
    }

    /** The record for a message sent at {@code sendTime}: timestamp, key, headers, body. */
    public SimpleRecord toRecord(JmsRecord message, long sendTime, byte[] key) {
        long recordTimestamp = recordTimestamp(message, sendTime);
        return new SimpleRecord(recordTimestamp, key, message.body(), encodeHeaders(message, recordTimestamp));
    }

    /** The record headers of a message whose record timestamp is {@code recordTimestamp}. */
    public Header[] encodeHeaders(JmsRecord message, long recordTimestamp) {
        List<Header> headers = new ArrayList<>(8 + message.properties().size());
        if (message.bodyType() != JmsBodyType.MESSAGE) {
            headers.add(header(JmsHeaderNames.BODY_TYPE, message.bodyType().code()));
        }
        if (message.messageId() != null) {
            headers.add(header(JmsHeaderNames.MESSAGE_ID, message.messageId()));
        }
        if (message.timestamp() != recordTimestamp) {
            headers.add(header(JmsHeaderNames.TIMESTAMP, message.timestamp()));
        }
        if (message.correlationId() != null) {
            headers.add(header(JmsHeaderNames.CORRELATION_ID, message.correlationId()));
        }
        if (message.destination() != null) {
            headers.add(header(JmsHeaderNames.DESTINATION, message.destination()));
        }
        if (message.replyTo() != null) {
            headers.add(header(JmsHeaderNames.REPLY_TO, message.replyTo()));
        }
        if (message.type() != null) {
            headers.add(header(JmsHeaderNames.TYPE, message.type()));
        }
        if (message.deliveryMode() != JmsRecord.PERSISTENT) {
            headers.add(header(JmsHeaderNames.DELIVERY_MODE, (byte) message.deliveryMode()));
        }
        if (message.priority() != JmsRecord.DEFAULT_PRIORITY) {
            headers.add(header(JmsHeaderNames.PRIORITY, (byte) message.priority()));
        }
        if (message.expiration() != 0) {
            headers.add(header(JmsHeaderNames.EXPIRATION, message.expiration()));
        }
        if (message.deliveryTime() != message.timestamp()) {
            headers.add(header(JmsHeaderNames.DELIVERY_TIME, message.deliveryTime()));
        }
        if (message.sender() != null) {
            headers.add(header(JmsHeaderNames.SENDER_CONNECTION_ID, uuidBytes(message.sender().connectionId())));
            if (message.sender().clientId() != null) {
                headers.add(header(JmsHeaderNames.SENDER_CLIENT_ID, message.sender().clientId()));
            }
        }
        for (Map.Entry<String, Object> property : message.properties().entrySet()) {
            headers.add(header(property.getKey(), property.getValue()));
        }
        return headers.toArray(new Header[0]);
    }

    /**
     * The sender recorded in a record's headers, without decoding the rest (the broker's noLocal
     * test on every record it delivers): null when the record names no sending connection or its
     * sender headers are not in this encoding.
     */
    public static JmsSender sender(Header[] headers) {
        UUID connectionId = null;
        String clientId = null;
        for (Header header : headers) {
            if (header.key().equals(JmsHeaderNames.SENDER_CONNECTION_ID)) {
                byte[] value = header.value();
                if (value == null || value.length != 17 || value[0] != JmsValueTag.BYTES.code()) {
                    return null;
                }
                ByteBuffer in = ByteBuffer.wrap(value, 1, 16);
                connectionId = new UUID(in.getLong(), in.getLong());
            } else if (header.key().equals(JmsHeaderNames.SENDER_CLIENT_ID)) {
                try {
                    clientId = (String) JmsValues.decodeHeaderValue(header.key(), header.value(), JmsCodecLimits.DEFAULT);
                } catch (MalformedJmsRecordException | ClassCastException e) {
                    return null;
                }
            }
        }
        return connectionId == null ? null : new JmsSender(connectionId, clientId);
    }

    /**
     * A record header holding one property in this encoding, for a broker that adds a Partita
     * property to a stored record without re-encoding it (the dead-letter move).
     *
     * @throws IllegalArgumentException for a reserved name or a value a property cannot hold
     */
    public static Header propertyHeader(String name, Object value) {
        Objects.requireNonNull(name, "property name");
        if (JmsHeaderNames.RESERVED.contains(name)) {
            throw new IllegalArgumentException("property name " + name + " is reserved for a header");
        }
        if (!JmsValueTag.of(value).isPropertyType()) {
            throw new IllegalArgumentException("property " + name + " cannot hold a " + value.getClass().getName());
        }
        return header(name, value);
    }

    /** The property value a header written by {@link #propertyHeader} holds, or null when it holds none. */
    public Object propertyValue(Header header) {
        try {
            Object value = JmsValues.decodeHeaderValue(header.key(), header.value(), limits);
            return JmsValueTag.of(value).isPropertyType() ? value : null;
        } catch (MalformedJmsRecordException e) {
            return null;
        }
    }

    private static byte[] uuidBytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    /** Decodes a record read from a log. */
    public JmsRecord decode(Record record) {
        return decode(record.timestamp(), record.headers(), record.valueBytes());
    }

    /**
     * Decodes a message from its record timestamp, headers and value.
     *
     * @throws MalformedJmsRecordException if the headers do not follow the encoding or break a limit
     */
    public JmsRecord decode(long recordTimestamp, Header[] headers, byte[] value) {
        if (headers.length > limits.maxHeaders()) {
            throw new MalformedJmsRecordException("record has " + headers.length
                    + " headers, more than the limit of " + limits.maxHeaders());
        }
        DecodedFields fields = new DecodedFields();
        Set<String> seen = new HashSet<>();
        for (Header header : headers) {
            String name = header.key();
            // a char is 1..3 UTF-8 bytes: only names that might exceed the limit are measured
            if (name.length() * 3L > limits.maxNameBytes()
                    && name.getBytes(StandardCharsets.UTF_8).length > limits.maxNameBytes()) {
                throw new MalformedJmsRecordException("header name of " + name.length()
                        + " characters is longer than the limit of " + limits.maxNameBytes() + " bytes");
            }
            if (!seen.add(name)) {
                throw new MalformedJmsRecordException("header " + name + " appears twice");
            }
            if (name.startsWith(JmsHeaderNames.PARTITA_PREFIX) && !JmsHeaderNames.RESERVED.contains(name)) {
                acceptVendorHeader(fields, name, header.value());
                continue;
            }
            fields.accept(name, JmsValues.decodeHeaderValue(name, header.value(), limits));
        }
        return fields.toRecord(recordTimestamp, value);
    }

    /**
     * A {@code JMS_Partita_} header this version does not reserve: a Partita property (such as a
     * dead-letter reason) when it holds a property value; otherwise an internal header of a newer
     * version, skipped so that older readers keep working.
     */
    private void acceptVendorHeader(DecodedFields fields, String name, byte[] value) {
        Object decoded;
        try {
            decoded = JmsValues.decodeHeaderValue(name, value, limits);
        } catch (MalformedJmsRecordException newerEncoding) {
            return;
        }
        if (JmsValueTag.of(decoded).isPropertyType()) {
            fields.accept(name, decoded);
        }
    }

    private static Header header(String name, Object value) {
        return new Header(name, JmsValues.encodeHeaderValue(value));
    }

    /** Header values collected while decoding, checked against their expected types. */
    private static final class DecodedFields {
        private JmsBodyType bodyType;
        private String messageId;
        private Long timestamp;
        private Object correlationId;
        private JmsDestination destination;
        private JmsDestination replyTo;
        private String type;
        private int deliveryMode = JmsRecord.PERSISTENT;
        private int priority = JmsRecord.DEFAULT_PRIORITY;
        private long expiration;
        private Long deliveryTime;
        private UUID senderConnectionId;
        private String senderClientId;
        private final Map<String, Object> properties = new LinkedHashMap<>();

        void accept(String name, Object value) {
            switch (name) {
                case JmsHeaderNames.BODY_TYPE -> {
                    byte code = expect(name, value, Byte.class);
                    bodyType = JmsBodyType.forCode(code).orElseThrow(() ->
                            new MalformedJmsRecordException("header " + name + ": unknown message type " + code));
                }
                case JmsHeaderNames.MESSAGE_ID -> messageId = expect(name, value, String.class);
                case JmsHeaderNames.TIMESTAMP -> timestamp = expect(name, value, Long.class);
                case JmsHeaderNames.CORRELATION_ID -> {
                    if (!(value instanceof String) && !(value instanceof byte[])) {
                        throw wrongType(name, value, "String or BYTES");
                    }
                    correlationId = value;
                }
                case JmsHeaderNames.DESTINATION -> destination = expect(name, value, JmsDestination.class);
                case JmsHeaderNames.REPLY_TO -> replyTo = expect(name, value, JmsDestination.class);
                case JmsHeaderNames.TYPE -> type = expect(name, value, String.class);
                case JmsHeaderNames.DELIVERY_MODE -> {
                    deliveryMode = expect(name, value, Byte.class);
                    if (deliveryMode != JmsRecord.NON_PERSISTENT && deliveryMode != JmsRecord.PERSISTENT) {
                        throw new MalformedJmsRecordException("header " + name + ": " + deliveryMode
                                + " is not a delivery mode (1 or 2)");
                    }
                }
                case JmsHeaderNames.PRIORITY -> {
                    priority = expect(name, value, Byte.class);
                    if (priority < 0 || priority > 9) {
                        throw new MalformedJmsRecordException("header " + name + ": " + priority
                                + " is not a priority (0..9)");
                    }
                }
                case JmsHeaderNames.EXPIRATION -> expiration = expect(name, value, Long.class);
                case JmsHeaderNames.DELIVERY_TIME -> deliveryTime = expect(name, value, Long.class);
                case JmsHeaderNames.SENDER_CONNECTION_ID -> {
                    byte[] id = expect(name, value, byte[].class);
                    if (id.length != 16) {
                        throw new MalformedJmsRecordException("header " + name + " must hold 16 bytes, it holds "
                                + id.length);
                    }
                    ByteBuffer in = ByteBuffer.wrap(id);
                    senderConnectionId = new UUID(in.getLong(), in.getLong());
                }
                case JmsHeaderNames.SENDER_CLIENT_ID -> senderClientId = expect(name, value, String.class);
                default -> {
                    if (!JmsValueTag.of(value).isPropertyType()) {
                        throw new MalformedJmsRecordException("property " + name + " has type "
                                + JmsValueTag.of(value) + ", which a JMS property cannot have");
                    }
                    properties.put(name, value);
                }
            }
        }

        JmsRecord toRecord(long recordTimestamp, byte[] body) {
            JmsBodyType type = bodyType != null ? bodyType
                    : body == null ? JmsBodyType.MESSAGE : JmsBodyType.BYTES;
            if (type == JmsBodyType.MESSAGE && body != null) {
                throw new MalformedJmsRecordException("a record of message type MESSAGE must have no value, it has "
                        + body.length + " bytes");
            }
            long jmsTimestamp = timestamp != null ? timestamp : recordTimestamp;
            return new JmsRecord(type, messageId, jmsTimestamp, correlationId, destination, replyTo, this.type,
                    deliveryMode, priority, expiration, deliveryTime != null ? deliveryTime : jmsTimestamp,
                    properties, body, sender());
        }

        private JmsSender sender() {
            if (senderConnectionId == null) {
                if (senderClientId != null) {
                    throw new MalformedJmsRecordException("header " + JmsHeaderNames.SENDER_CLIENT_ID + " without "
                            + JmsHeaderNames.SENDER_CONNECTION_ID);
                }
                return null;
            }
            return new JmsSender(senderConnectionId, senderClientId);
        }

        private static <T> T expect(String name, Object value, Class<T> type) {
            if (!type.isInstance(value)) {
                throw wrongType(name, value, type.getSimpleName());
            }
            return type.cast(value);
        }

        private static MalformedJmsRecordException wrongType(String name, Object value, String expected) {
            return new MalformedJmsRecordException("header " + name + " must hold a " + expected + ", it holds "
                    + JmsValueTag.of(value));
        }
    }
}
