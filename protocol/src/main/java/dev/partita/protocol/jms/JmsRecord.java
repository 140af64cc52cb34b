package dev.partita.protocol.jms;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One JMS message as the record codec sees it: its type, header fields, properties and encoded
 * body. Immutable (the body array and a byte-array correlation ID are the caller's: do not change
 * them after handing them over).
 *
 * @param bodyType      the message type
 * @param messageId     {@code JMSMessageID} (with its {@code ID:} prefix) or null
 * @param timestamp     {@code JMSTimestamp}, 0 when not set
 * @param correlationId {@code JMSCorrelationID}: a {@code String}, a {@code byte[]} or null
 * @param destination   {@code JMSDestination} or null
 * @param replyTo       {@code JMSReplyTo} or null
 * @param type          {@code JMSType} or null
 * @param deliveryMode  {@code JMSDeliveryMode}: {@link #NON_PERSISTENT} or {@link #PERSISTENT}
 * @param priority      {@code JMSPriority}, 0..9
 * @param expiration    {@code JMSExpiration}, 0 for never
 * @param deliveryTime  {@code JMSDeliveryTime}
 * @param properties    property name to value (null, Boolean, Byte, Short, Integer, Long, Float,
 *                      Double, String), in insertion order
 * @param body          the encoded body (see {@link JmsBodyCodec}) or null
 * @param sender        the sending connection and client ID (for noLocal), or null when not known
 */
public record JmsRecord(JmsBodyType bodyType, String messageId, long timestamp, Object correlationId,
                        JmsDestination destination, JmsDestination replyTo, String type, int deliveryMode,
                        int priority, long expiration, long deliveryTime, Map<String, Object> properties,
                        byte[] body, JmsSender sender) {

    /** Same value as {@code jakarta.jms.DeliveryMode.NON_PERSISTENT}. */
    public static final int NON_PERSISTENT = 1;
    /** Same value as {@code jakarta.jms.DeliveryMode.PERSISTENT}. */
    public static final int PERSISTENT = 2;
    /** Same value as {@code jakarta.jms.Message.DEFAULT_PRIORITY}. */
    public static final int DEFAULT_PRIORITY = 4;

    public JmsRecord {
        Objects.requireNonNull(bodyType, "body type");
        if (correlationId != null && !(correlationId instanceof String) && !(correlationId instanceof byte[])) {
            throw new IllegalArgumentException("correlation ID must be a String or a byte[], not "
                    + correlationId.getClass().getName());
        }
        if (deliveryMode != NON_PERSISTENT && deliveryMode != PERSISTENT) {
            throw new IllegalArgumentException("delivery mode must be 1 or 2, not " + deliveryMode);
        }
        if (priority < 0 || priority > 9) {
            throw new IllegalArgumentException("priority must be 0..9, not " + priority);
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            String name = Objects.requireNonNull(property.getKey(), "property name");
            if (JmsHeaderNames.RESERVED.contains(name)) {
                throw new IllegalArgumentException("property name " + name + " is reserved for a header");
            }
            if (!JmsValueTag.of(property.getValue()).isPropertyType()) {
                throw new IllegalArgumentException("property " + name + " cannot hold a "
                        + property.getValue().getClass().getName());
            }
            copy.put(name, property.getValue());
        }
        properties = Collections.unmodifiableMap(copy);
    }

    /** A message whose sender is not recorded. */
    public JmsRecord(JmsBodyType bodyType, String messageId, long timestamp, Object correlationId,
                     JmsDestination destination, JmsDestination replyTo, String type, int deliveryMode,
                     int priority, long expiration, long deliveryTime, Map<String, Object> properties, byte[] body) {
        this(bodyType, messageId, timestamp, correlationId, destination, replyTo, type, deliveryMode, priority,
                expiration, deliveryTime, properties, body, null);
    }

    /** This message as sent by {@code sender} (null: sender not recorded). */
    public JmsRecord withSender(JmsSender sender) {
        return new JmsRecord(bodyType, messageId, timestamp, correlationId, destination, replyTo, type, deliveryMode,
                priority, expiration, deliveryTime, properties, body, sender);
    }

    /** A message of this type with default headers, no properties and this body. */
    public static JmsRecord of(JmsBodyType bodyType, byte[] body) {
        return new JmsRecord(bodyType, null, 0L, null, null, null, null, PERSISTENT, DEFAULT_PRIORITY,
                0L, 0L, Map.of(), body);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JmsRecord that
                && bodyType == that.bodyType
                && Objects.equals(messageId, that.messageId)
                && timestamp == that.timestamp
                && Objects.deepEquals(correlationId, that.correlationId)
                && Objects.equals(destination, that.destination)
                && Objects.equals(replyTo, that.replyTo)
                && Objects.equals(type, that.type)
                && deliveryMode == that.deliveryMode
                && priority == that.priority
                && expiration == that.expiration
                && deliveryTime == that.deliveryTime
                && properties.equals(that.properties)
                && Arrays.equals(body, that.body)
                && Objects.equals(sender, that.sender);
    }

    @Override
    public int hashCode() {
        int result = Objects.hash(bodyType, messageId, timestamp, destination, replyTo, type, deliveryMode,
                priority, expiration, deliveryTime, properties, sender);
        result = 31 * result + (correlationId instanceof byte[] bytes ? Arrays.hashCode(bytes)
                : Objects.hashCode(correlationId));
        return 31 * result + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "JmsRecord(" + bodyType + ", id=" + messageId + ", timestamp=" + timestamp
                + ", destination=" + destination + ", properties=" + properties.keySet()
                + ", body=" + (body == null ? "null" : body.length + " bytes") + ")";
    }
}
