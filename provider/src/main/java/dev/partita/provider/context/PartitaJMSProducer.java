package dev.partita.provider.context;

import static dev.partita.provider.util.JmsExceptions.unchecked;
import static dev.partita.provider.util.JmsExceptions.uncheckedRun;

import dev.partita.provider.destination.PartitaDestination;
import dev.partita.provider.message.PartitaBytesMessage;
import dev.partita.provider.message.PartitaMapMessage;
import dev.partita.provider.message.PartitaMessage;
import dev.partita.provider.message.PartitaObjectMessage;
import dev.partita.provider.message.PartitaTextMessage;
import dev.partita.provider.producer.SendOptions;
import dev.partita.provider.session.PartitaSession;
import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import java.io.Serializable;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The simplified API's {@code JMSProducer}: fluent send options, message properties (kept in a
 * Partita message, so names and the conversion table are exactly those of messages) and header
 * fields set on every message it sends, and {@code send} of a message or of a body (a
 * {@code String}, {@code Map}, {@code byte[]} or {@code Serializable} becomes a text, map, bytes or
 * object message). Sends go through its context's session; with {@link #setAsync} they are
 * asynchronous. Exceptions are the unchecked ones of the simplified API.
 *
 * <p>Used by one thread at a time, like its context.
 *
 * <p>Over 300 lines because {@code JMSProducer} has some fifty fluent accessors, each a line or two.
 */
public final class PartitaJMSProducer implements JMSProducer {

    private final PartitaJMSContext context;
    private final PartitaSession session;
    /** Holds properties and the header fields to set: a message checks names and converts values. */
    private final PartitaMessage settings = new PartitaMessage();
    private boolean correlationIdSet;
    private boolean bytesCorrelationId;
    private SendOptions options = SendOptions.DEFAULT;
    private CompletionListener async;

    PartitaJMSProducer(PartitaJMSContext context, PartitaSession session) {
        this.context = context;
        this.session = session;
    }

    // ---------------------------------------------------------------- send

    @Override
    public JMSProducer send(Destination destination, Message message) {
        context.session(); // the context is open
        if (message == null) {
            throw new MessageFormatRuntimeException("the message to send must not be null");
        }
        uncheckedRun(() -> {
            applySettings(message);
            session.sender().send(destination == null ? null : PartitaDestination.of(destination), message, options, async);
        });
        return this;
    }

    private void applySettings(Message message) throws JMSException {
        Enumeration<String> names = settings.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            message.setObjectProperty(name, settings.getObjectProperty(name));
        }
        if (correlationIdSet) {
            if (bytesCorrelationId) {
                message.setJMSCorrelationIDAsBytes(settings.getJMSCorrelationIDAsBytes());
            } else {
                message.setJMSCorrelationID(settings.getJMSCorrelationID());
            }
        }
        if (settings.getJMSType() != null) {
            message.setJMSType(settings.getJMSType());
        }
        if (settings.getJMSReplyTo() != null) {
            message.setJMSReplyTo(settings.getJMSReplyTo());
        }
    }

    @Override
    public JMSProducer send(Destination destination, String body) {
        return send(destination, new PartitaTextMessage(body));
    }

    @Override
    public JMSProducer send(Destination destination, Map<String, Object> body) {
        PartitaMapMessage message = new PartitaMapMessage();
        if (body != null) {
            uncheckedRun(() -> {
                for (Map.Entry<String, Object> entry : body.entrySet()) {
                    message.setObject(entry.getKey(), entry.getValue());
                }
            });
        }
        return send(destination, message);
    }

    @Override
    public JMSProducer send(Destination destination, byte[] body) {
        PartitaBytesMessage message = new PartitaBytesMessage();
        if (body != null) {
            uncheckedRun(() -> message.writeBytes(body));
        }
        return send(destination, message);
    }

    @Override
    public JMSProducer send(Destination destination, Serializable body) {
        PartitaObjectMessage message = (PartitaObjectMessage) context.createObjectMessage();
        uncheckedRun(() -> message.setObject(body));
        return send(destination, message);
    }

    // ---------------------------------------------------------------- options

    @Override
    public JMSProducer setDisableMessageID(boolean value) {
        options = new SendOptions(options.deliveryMode(), options.priority(), options.timeToLive(), options.deliveryDelay(),
                value, options.disableMessageTimestamp());
        return this;
    }

    @Override
    public boolean getDisableMessageID() {
        return options.disableMessageId();
    }

    @Override
    public JMSProducer setDisableMessageTimestamp(boolean value) {
        options = new SendOptions(options.deliveryMode(), options.priority(), options.timeToLive(), options.deliveryDelay(),
                options.disableMessageId(), value);
        return this;
    }

    @Override
    public boolean getDisableMessageTimestamp() {
        return options.disableMessageTimestamp();
    }

    /** @throws jakarta.jms.JMSRuntimeException unless PERSISTENT or NON_PERSISTENT */
    @Override
    public JMSProducer setDeliveryMode(int deliveryMode) {
        uncheckedRun(() -> SendOptions.checkDeliveryMode(deliveryMode));
        options = options.with(deliveryMode, options.priority(), options.timeToLive());
        return this;
    }

    @Override
    public int getDeliveryMode() {
        return options.deliveryMode();
    }

    /** @throws jakarta.jms.JMSRuntimeException unless 0..9 */
    @Override
    public JMSProducer setPriority(int priority) {
        uncheckedRun(() -> SendOptions.checkPriority(priority));
        options = options.with(options.deliveryMode(), priority, options.timeToLive());
        return this;
    }

    @Override
    public int getPriority() {
        return options.priority();
    }

    @Override
    public JMSProducer setTimeToLive(long timeToLive) {
        options = options.with(options.deliveryMode(), options.priority(), timeToLive);
        return this;
    }

    @Override
    public long getTimeToLive() {
        return options.timeToLive();
    }

    /** @throws jakarta.jms.JMSRuntimeException for a negative delay, and (not supported yet) one above 0 */
    @Override
    public JMSProducer setDeliveryDelay(long deliveryDelay) {
        uncheckedRun(() -> SendOptions.checkDeliveryDelay(deliveryDelay));
        return this;
    }

    @Override
    public long getDeliveryDelay() {
        return options.deliveryDelay();
    }

    /** Sends asynchronously, calling {@code completionListener}; null makes sends synchronous again. */
    @Override
    public JMSProducer setAsync(CompletionListener completionListener) {
        this.async = completionListener;
        return this;
    }

    @Override
    public CompletionListener getAsync() {
        return async;
    }

    // ---------------------------------------------------------------- properties

    @Override
    public JMSProducer setProperty(String name, boolean value) {
        uncheckedRun(() -> settings.setBooleanProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, byte value) {
        uncheckedRun(() -> settings.setByteProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, short value) {
        uncheckedRun(() -> settings.setShortProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, int value) {
        uncheckedRun(() -> settings.setIntProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, long value) {
        uncheckedRun(() -> settings.setLongProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, float value) {
        uncheckedRun(() -> settings.setFloatProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, double value) {
        uncheckedRun(() -> settings.setDoubleProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, String value) {
        uncheckedRun(() -> settings.setStringProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, Object value) {
        uncheckedRun(() -> settings.setObjectProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer clearProperties() {
        settings.clearProperties();
        return this;
    }

    @Override
    public boolean propertyExists(String name) {
        return settings.propertyExists(name);
    }

    @Override
    public boolean getBooleanProperty(String name) {
        return unchecked(() -> settings.getBooleanProperty(name));
    }

    @Override
    public byte getByteProperty(String name) {
        return unchecked(() -> settings.getByteProperty(name));
    }

    @Override
    public short getShortProperty(String name) {
        return unchecked(() -> settings.getShortProperty(name));
    }

    @Override
    public int getIntProperty(String name) {
        return unchecked(() -> settings.getIntProperty(name));
    }

    @Override
    public long getLongProperty(String name) {
        return unchecked(() -> settings.getLongProperty(name));
    }

    @Override
    public float getFloatProperty(String name) {
        return unchecked(() -> settings.getFloatProperty(name));
    }

    @Override
    public double getDoubleProperty(String name) {
        return unchecked(() -> settings.getDoubleProperty(name));
    }

    @Override
    public String getStringProperty(String name) {
        return unchecked(() -> settings.getStringProperty(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return settings.getObjectProperty(name);
    }

    /** The names of the properties set, in an unmodifiable set (spec: the JMSProducer's own names only). */
    @Override
    public Set<String> getPropertyNames() {
        Set<String> names = new LinkedHashSet<>();
        Enumeration<String> e = settings.getPropertyNames();
        while (e.hasMoreElements()) {
            names.add(e.nextElement());
        }
        return Collections.unmodifiableSet(names);
    }

    // ---------------------------------------------------------------- header fields

    @Override
    public JMSProducer setJMSCorrelationIDAsBytes(byte[] correlationID) {
        settings.setJMSCorrelationIDAsBytes(correlationID);
        correlationIdSet = true;
        bytesCorrelationId = true;
        return this;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        return settings.getJMSCorrelationIDAsBytes();
    }

    @Override
    public JMSProducer setJMSCorrelationID(String correlationID) {
        settings.setJMSCorrelationID(correlationID);
        correlationIdSet = true;
        bytesCorrelationId = false;
        return this;
    }

    @Override
    public String getJMSCorrelationID() {
        return settings.getJMSCorrelationID();
    }

    @Override
    public JMSProducer setJMSType(String type) {
        settings.setJMSType(type);
        return this;
    }

    @Override
    public String getJMSType() {
        return settings.getJMSType();
    }

    @Override
    public JMSProducer setJMSReplyTo(Destination replyTo) {
        settings.setJMSReplyTo(replyTo);
        return this;
    }

    @Override
    public Destination getJMSReplyTo() {
        return settings.getJMSReplyTo();
    }
}
