package dev.partita.provider.message;

import dev.partita.protocol.jms.JmsBodyType;
import dev.partita.protocol.jms.JmsCodecLimits;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * A JMS message without a body, and the base of the five body types: header fields, properties
 * (through {@link MessageProperties}), the read-only and write-only states, {@code getBody} and
 * acknowledgement through an {@link AcknowledgeHandler}.
 *
 * <p>States: a new message has writable properties and body. A received message (see
 * {@link MessageRecords#received}) has read-only properties (until {@link #clearProperties()}) and
 * a read-only body (until {@link #clearBody()}); writing then throws
 * {@code MessageNotWriteableException}. Header fields stay settable: the provider sets them on send
 * and the spec lets applications set them on any message.
 *
 * <p>Not thread-safe: like its session, a message is used by one thread at a time.
 *
 * <p>Over 300 lines because the {@code Message} interface has some fifty accessors; each is one line
 * and the logic lives in {@link MessageProperties} and {@link ValueConversions}.
 */
public class PartitaMessage implements Message {

    private String messageId;
    private long timestamp;
    private Object correlationId; // String or byte[]
    private Destination replyTo;
    private Destination destination;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private boolean redelivered;
    private String type;
    private long expiration;
    private long deliveryTime;
    private int priority = Message.DEFAULT_PRIORITY;
    private final MessageProperties properties = new MessageProperties();
    private boolean bodyReadOnly;
    private AcknowledgeHandler acknowledgeHandler;

    // ---------------------------------------------------------------- header fields

    @Override
    public String getJMSMessageID() {
        return messageId;
    }

    @Override
    public void setJMSMessageID(String id) {
        this.messageId = id;
    }

    @Override
    public long getJMSTimestamp() {
        return timestamp;
    }

    @Override
    public void setJMSTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    /**
     * The correlation ID as bytes: as set with {@link #setJMSCorrelationIDAsBytes}, or the UTF-8
     * bytes of a string correlation ID; null when none.
     */
    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        if (correlationId instanceof byte[] bytes) {
            return bytes.clone();
        }
        return correlationId == null ? null : ((String) correlationId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void setJMSCorrelationIDAsBytes(byte[] correlationID) {
        this.correlationId = correlationID == null ? null : correlationID.clone();
    }

    @Override
    public void setJMSCorrelationID(String correlationID) {
        this.correlationId = correlationID;
    }

    /**
     * The correlation ID as a string: as set, or a byte correlation ID decoded as UTF-8 (lossy
     * for bytes that are not UTF-8); null when none.
     */
    @Override
    public String getJMSCorrelationID() {
        if (correlationId instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return (String) correlationId;
    }

    /** The correlation ID exactly as set: a {@code String}, a {@code byte[]} (not copied) or null. */
    Object correlationIdAsSet() {
        return correlationId;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }

    @Override
    public void setJMSReplyTo(Destination replyTo) {
        this.replyTo = replyTo;
    }

    @Override
    public Destination getJMSDestination() {
        return destination;
    }

    @Override
    public void setJMSDestination(Destination destination) {
        this.destination = destination;
    }

    @Override
    public int getJMSDeliveryMode() {
        return deliveryMode;
    }

    /** @throws JMSException unless the mode is {@code PERSISTENT} or {@code NON_PERSISTENT} */
    @Override
    public void setJMSDeliveryMode(int deliveryMode) throws JMSException {
        if (deliveryMode != DeliveryMode.PERSISTENT && deliveryMode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("delivery mode must be DeliveryMode.PERSISTENT (2) or NON_PERSISTENT (1), not "
                    + deliveryMode);
        }
        this.deliveryMode = deliveryMode;
    }

    @Override
    public boolean getJMSRedelivered() {
        return redelivered;
    }

    @Override
    public void setJMSRedelivered(boolean redelivered) {
        this.redelivered = redelivered;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public void setJMSType(String type) {
        this.type = type;
    }

    @Override
    public long getJMSExpiration() {
        return expiration;
    }

    @Override
    public void setJMSExpiration(long expiration) {
        this.expiration = expiration;
    }

    @Override
    public long getJMSDeliveryTime() {
        return deliveryTime;
    }

    @Override
    public void setJMSDeliveryTime(long deliveryTime) {
        this.deliveryTime = deliveryTime;
    }

    @Override
    public int getJMSPriority() {
        return priority;
    }

    /** @throws JMSException unless the priority is 0..9 */
    @Override
    public void setJMSPriority(int priority) throws JMSException {
        if (priority < 0 || priority > 9) {
            throw new JMSException("priority must be 0..9, not " + priority);
        }
        this.priority = priority;
    }

    // ---------------------------------------------------------------- properties

    @Override
    public void clearProperties() {
        properties.clear();
    }

    @Override
    public boolean propertyExists(String name) {
        return properties.exists(name);
    }

    @Override
    public boolean getBooleanProperty(String name) throws JMSException {
        return ValueConversions.toBoolean(properties.get(name));
    }

    @Override
    public byte getByteProperty(String name) throws JMSException {
        return ValueConversions.toByte(properties.get(name));
    }

    @Override
    public short getShortProperty(String name) throws JMSException {
        return ValueConversions.toShort(properties.get(name));
    }

    @Override
    public int getIntProperty(String name) throws JMSException {
        return ValueConversions.toInt(properties.get(name));
    }

    @Override
    public long getLongProperty(String name) throws JMSException {
        return ValueConversions.toLong(properties.get(name));
    }

    @Override
    public float getFloatProperty(String name) throws JMSException {
        return ValueConversions.toFloat(properties.get(name));
    }

    @Override
    public double getDoubleProperty(String name) throws JMSException {
        return ValueConversions.toDouble(properties.get(name));
    }

    @Override
    public String getStringProperty(String name) throws JMSException {
        return ValueConversions.toText(properties.get(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return properties.get(name);
    }

    @Override
    public Enumeration<String> getPropertyNames() {
        return properties.names();
    }

    @Override
    public void setBooleanProperty(String name, boolean value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setByteProperty(String name, byte value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setShortProperty(String name, short value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setIntProperty(String name, int value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setLongProperty(String name, long value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setFloatProperty(String name, float value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setDoubleProperty(String name, double value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setStringProperty(String name, String value) throws JMSException {
        properties.set(name, value);
    }

    /** @throws MessageFormatException for a value that is not a boxed primitive (char excepted), String or null */
    @Override
    public void setObjectProperty(String name, Object value) throws JMSException {
        properties.set(name, value);
    }

    MessageProperties properties() {
        return properties;
    }

    // ---------------------------------------------------------------- acknowledgement

    /** Attaches the session hook {@link #acknowledge()} calls (null detaches). */
    public void setAcknowledgeHandler(AcknowledgeHandler handler) {
        this.acknowledgeHandler = handler;
    }

    /**
     * Asks the session that delivered this message to acknowledge.
     *
     * @throws jakarta.jms.IllegalStateException when the message was not delivered by a session
     */
    @Override
    public void acknowledge() throws JMSException {
        AcknowledgeHandler handler = acknowledgeHandler;
        if (handler == null) {
            throw new jakarta.jms.IllegalStateException("not attached to a session: only a received message"
                    + " can be acknowledged");
        }
        handler.acknowledge(this);
    }

    // ---------------------------------------------------------------- body and states

    /** Which message type this is on the wire. */
    public JmsBodyType bodyType() {
        return JmsBodyType.MESSAGE;
    }

    /** Empties the body and makes it writable (write-only for bytes and stream messages). */
    @Override
    public void clearBody() throws JMSException {
        clearBodyContent();
        bodyReadOnly = false;
    }

    /**
     * The body as {@code c}: null when the message has no body (whatever {@code c} is), else the
     * body if it can be assigned to {@code c}.
     *
     * @throws MessageFormatException when the body cannot be assigned to {@code c}, or for a
     *         {@code StreamMessage}
     */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        if (!hasBody()) {
            return null;
        }
        Object body = bodyValue();
        if (!isAssignable(c, body)) {
            throw new MessageFormatException("the body of this " + getClass().getSimpleName() + " is a "
                    + ValueConversions.typeName(body) + " and cannot be returned as " + c.getName());
        }
        return c.cast(body);
    }

    /** True when the message has no body or {@link #getBody} would return it as {@code c}. */
    @Override
    @SuppressWarnings("rawtypes") // the API's signature
    public boolean isBodyAssignableTo(Class c) throws JMSException {
        return !hasBody() || isAssignable(c, bodyValue());
    }

    /** Whether getBody may return {@code body} as {@code c}: by default, if it is an instance. */
    boolean isAssignable(Class<?> c, Object body) {
        return c.isInstance(body);
    }

    /** Whether a body is present (for getBody: a message without one returns null for any type). */
    boolean hasBody() throws JMSException {
        return false;
    }

    /** The body as getBody returns it (a copy where the body is mutable). */
    Object bodyValue() throws JMSException {
        return null;
    }

    /** Drops the body content; the state change is {@link #clearBody()}'s. */
    void clearBodyContent() throws JMSException {
    }

    /** The body's record value (see {@code JmsBodyCodec}). */
    byte[] encodeBody() throws JMSException {
        return null;
    }

    /** Fills the body from a record value. */
    void decodeBody(byte[] body, JmsCodecLimits limits) throws JMSException {
    }

    boolean isBodyReadOnly() {
        return bodyReadOnly;
    }

    void setBodyReadOnly(boolean readOnly) throws JMSException {
        this.bodyReadOnly = readOnly;
    }

    /** Makes body and properties read-only, as a received message is. */
    void markReceived() throws JMSException {
        setBodyReadOnly(true);
        properties.setReadOnly(true);
    }

    void checkBodyWritable() throws MessageNotWriteableException {
        if (bodyReadOnly) {
            throw new MessageNotWriteableException("the body of this " + getClass().getSimpleName()
                    + " is read-only: call clearBody() first");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(id=" + messageId + ", destination=" + destination + ")";
    }
}
