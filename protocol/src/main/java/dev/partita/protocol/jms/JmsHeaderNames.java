package dev.partita.protocol.jms;

import java.util.Set;

/**
 * The record header names that carry JMS header fields and Partita's own fields. None can be a
 * user property name: a JMS application property may not start with {@code JMS} (names starting
 * {@code JMSX} are JMS-defined properties, {@code JMS_<vendor>} provider properties), and
 * {@code JMS_Partita_} is Partita's vendor prefix. Selector identifiers for header fields
 * ({@code JMSPriority}, ...) are the header names themselves.
 */
public final class JmsHeaderNames {

    public static final String MESSAGE_ID = "JMSMessageID";
    public static final String TIMESTAMP = "JMSTimestamp";
    public static final String CORRELATION_ID = "JMSCorrelationID";
    public static final String REPLY_TO = "JMSReplyTo";
    public static final String DESTINATION = "JMSDestination";
    public static final String TYPE = "JMSType";
    public static final String DELIVERY_MODE = "JMSDeliveryMode";
    public static final String PRIORITY = "JMSPriority";
    public static final String EXPIRATION = "JMSExpiration";
    public static final String DELIVERY_TIME = "JMSDeliveryTime";
    /**
     * Partita's vendor prefix: internal headers (the names in {@link #RESERVED}) and Partita's
     * provider properties (any other name with it, set by Partita only, such as a dead-letter reason).
     */
    public static final String PARTITA_PREFIX = "JMS_Partita_";
    /** The message type ({@link JmsBodyType} code). */
    public static final String BODY_TYPE = PARTITA_PREFIX + "BodyType";
    /** The logical id of the connection that sent the message (BYTES: the UUID's 16 bytes), for noLocal. */
    public static final String SENDER_CONNECTION_ID = PARTITA_PREFIX + "ConnectionID";
    /** The client ID of the connection that sent the message, when it had one (STRING), for noLocal. */
    public static final String SENDER_CLIENT_ID = PARTITA_PREFIX + "ClientID";

    /** Every name above: the decoder never reads these as properties. */
    public static final Set<String> RESERVED = Set.of(MESSAGE_ID, TIMESTAMP, CORRELATION_ID, REPLY_TO,
            DESTINATION, TYPE, DELIVERY_MODE, PRIORITY, EXPIRATION, DELIVERY_TIME, BODY_TYPE,
            SENDER_CONNECTION_ID, SENDER_CLIENT_ID);

    // Provider properties the broker adds when it moves a message to a dead-letter queue. They are
    // properties (not reserved): a consumer of the dead-letter queue reads them like any other.

    /** STRING {@code <logId>:<partition>:<offset>} of the source record; also the key that keeps the move idempotent. */
    public static final String DEAD_LETTER_SOURCE = PARTITA_PREFIX + "DeadLetterSource";
    /** STRING: why the message was dead-lettered. */
    public static final String DEAD_LETTER_REASON = PARTITA_PREFIX + "DeadLetterReason";
    /** INT: the deliveries the message had in its source destination. */
    public static final String DEAD_LETTER_DELIVERY_COUNT = PARTITA_PREFIX + "DeadLetterDeliveryCount";
    /** STRING: the destination the message was dead-lettered from, as {@code queue://name} or {@code topic://name}. */
    public static final String ORIGINAL_DESTINATION = PARTITA_PREFIX + "OriginalDestination";
    /** LONG: epoch ms when the broker read the message to move it. */
    public static final String DEAD_LETTER_TIME = PARTITA_PREFIX + "DeadLetterTime";

    private JmsHeaderNames() {
    }
}
