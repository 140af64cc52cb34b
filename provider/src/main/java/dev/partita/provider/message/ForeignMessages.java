package dev.partita.provider.message;

import dev.partita.protocol.jms.JmsHeaderNames;
import dev.partita.provider.destination.PartitaDestination;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.util.Enumeration;

/**
 * Copies a message of another provider (a "foreign" message, spec 3.12) into a Partita message
 * so it can be sent: header fields, properties and the body of its type. Reading a foreign
 * {@code BytesMessage} or {@code StreamMessage} calls its {@code reset()} (it is left read-only,
 * positioned at its start). Properties the receiving provider sets ({@code JMSXDeliveryCount} and
 * the other JMSX names Partita does not let clients set) and Partita's own {@code JMS_Partita_}
 * names are not copied. Stateless and thread-safe (the foreign message itself is not).
 */
public final class ForeignMessages {

    private ForeignMessages() {
    }

    /** Ours as it is; another provider's message copied. */
    public static PartitaMessage toPartita(Message message) throws JMSException {
        return message instanceof PartitaMessage ours ? ours : copy(message);
    }

    /**
     * A new Partita message with the foreign message's header fields, properties and body.
     *
     * @throws MessageFormatException when a property holds a type JMS properties cannot have
     * @throws jakarta.jms.InvalidDestinationException when its destination or reply-to is neither a
     *         queue nor a topic
     */
    public static PartitaMessage copy(Message foreign) throws JMSException {
        PartitaMessage copy = copyBody(foreign);
        copy.setJMSMessageID(foreign.getJMSMessageID());
        copy.setJMSTimestamp(foreign.getJMSTimestamp());
        String correlationId = foreign.getJMSCorrelationID();
        if (correlationId != null) {
            copy.setJMSCorrelationID(correlationId);
        } else {
            copy.setJMSCorrelationIDAsBytes(correlationIdBytes(foreign));
        }
        copy.setJMSDestination(PartitaDestination.of(foreign.getJMSDestination()));
        copy.setJMSReplyTo(PartitaDestination.of(foreign.getJMSReplyTo()));
        copy.setJMSType(foreign.getJMSType());
        copy.setJMSDeliveryMode(foreign.getJMSDeliveryMode());
        copy.setJMSPriority(foreign.getJMSPriority());
        copy.setJMSExpiration(foreign.getJMSExpiration());
        copy.setJMSDeliveryTime(foreign.getJMSDeliveryTime());
        copy.setJMSRedelivered(foreign.getJMSRedelivered());
        copyProperties(foreign, copy);
        return copy;
    }

    private static byte[] correlationIdBytes(Message foreign) {
        try {
            return foreign.getJMSCorrelationIDAsBytes();
        } catch (JMSException | UnsupportedOperationException e) {
            return null; // a provider without byte correlation IDs: there is none to copy
        }
    }

    private static void copyProperties(Message foreign, PartitaMessage copy) throws JMSException {
        Enumeration<?> names = foreign.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            if (isReceiverSet(name)) {
                continue;
            }
            Object value = foreign.getObjectProperty(name);
            if (!ValueConversions.isPropertyValue(value)) {
                throw new MessageFormatException("property " + name + " of the foreign message holds a "
                        + ValueConversions.typeName(value) + ", which a JMS property cannot");
            }
            copy.properties().putUnchecked(name, value);
        }
    }

    private static boolean isReceiverSet(String name) {
        return (name.startsWith("JMSX") && !PropertyNames.CLIENT_SETTABLE_JMSX.contains(name))
                || name.startsWith(JmsHeaderNames.PARTITA_PREFIX);
    }

    private static PartitaMessage copyBody(Message foreign) throws JMSException {
        if (foreign instanceof TextMessage text) {
            return new PartitaTextMessage(text.getText());
        }
        if (foreign instanceof BytesMessage bytes) {
            bytes.reset();
            PartitaBytesMessage copy = new PartitaBytesMessage();
            byte[] buffer = new byte[8192];
            for (int read = bytes.readBytes(buffer); read > 0; read = bytes.readBytes(buffer)) {
                copy.writeBytes(buffer, 0, read);
            }
            bytes.reset();
            return copy;
        }
        if (foreign instanceof MapMessage map) {
            PartitaMapMessage copy = new PartitaMapMessage();
            Enumeration<?> names = map.getMapNames();
            while (names.hasMoreElements()) {
                String name = (String) names.nextElement();
                copy.setObject(name, map.getObject(name));
            }
            return copy;
        }
        if (foreign instanceof StreamMessage stream) {
            stream.reset();
            PartitaStreamMessage copy = new PartitaStreamMessage();
            while (true) {
                Object value;
                try {
                    value = stream.readObject();
                } catch (MessageEOFException end) {
                    break;
                }
                copy.writeObject(value);
            }
            stream.reset();
            return copy;
        }
        if (foreign instanceof ObjectMessage object) {
            PartitaObjectMessage copy = new PartitaObjectMessage();
            copy.setObject(object.getObject());
            return copy;
        }
        return new PartitaMessage();
    }
}
