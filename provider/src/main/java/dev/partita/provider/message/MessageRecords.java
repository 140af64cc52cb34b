package dev.partita.provider.message;

import dev.partita.protocol.jms.JmsCodecLimits;
import dev.partita.protocol.jms.JmsRecord;
import dev.partita.protocol.jms.JmsRecordCodec;
import dev.partita.protocol.jms.MalformedJmsRecordException;
import dev.partita.protocol.record.Record;
import dev.partita.provider.destination.PartitaDestination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import java.util.Objects;

/**
 * Converts between {@link PartitaMessage}s and the protocol's {@link JmsRecord} (which
 * {@link JmsRecordCodec} turns into record headers and value). Sending: {@link #toRecord}.
 * Receiving: {@link #received}, which builds a read-only message of the record's type. Stateless
 * and thread-safe.
 */
public final class MessageRecords {

    private MessageRecords() {
    }

    /**
     * The record form of a message as it stands: header fields, properties, encoded body.
     *
     * @throws jakarta.jms.InvalidDestinationException when its destination or reply-to is another
     *         provider's destination that is neither a queue nor a topic
     */
    public static JmsRecord toRecord(PartitaMessage message) throws JMSException {
        PartitaDestination destination = PartitaDestination.of(message.getJMSDestination());
        PartitaDestination replyTo = PartitaDestination.of(message.getJMSReplyTo());
        return new JmsRecord(message.bodyType(), message.getJMSMessageID(), message.getJMSTimestamp(),
                message.correlationIdAsSet(), destination == null ? null : destination.toRecordForm(),
                replyTo == null ? null : replyTo.toRecordForm(), message.getJMSType(), message.getJMSDeliveryMode(),
                message.getJMSPriority(), message.getJMSExpiration(), message.getJMSDeliveryTime(),
                message.properties().stored(), message.encodeBody());
    }

    /**
     * Decodes a record fetched from a destination's log into a received message (see
     * {@link #received(JmsRecord, PartitaDestination, int, ObjectMessageAllowlist, JmsCodecLimits)}).
     *
     * @throws MessageFormatException when the record is not a well-formed JMS record
     */
    public static PartitaMessage received(Record record, PartitaDestination consumedFrom, int deliveryCount,
                                          ObjectMessageAllowlist allowlist, JmsCodecLimits limits)
            throws JMSException {
        JmsRecord decoded;
        try {
            decoded = new JmsRecordCodec(limits).decode(record);
        } catch (MalformedJmsRecordException e) {
            MessageFormatException error = new MessageFormatException("record at offset " + record.offset()
                    + " is not a well-formed JMS message: " + e.getMessage());
            error.initCause(e);
            throw error;
        }
        return received(decoded, consumedFrom, deliveryCount, allowlist, limits);
    }

    /**
     * A received message: the record's type, headers, properties and body; body and properties
     * read-only; {@code JMSXDeliveryCount} = {@code deliveryCount} and {@code JMSRedelivered} true
     * when it is above 1. {@code JMSDestination} is the record's, or {@code consumedFrom} when the
     * record does not carry one.
     *
     * @param deliveryCount how many times the broker has delivered the message, this time included (1 or more)
     * @throws MessageFormatException when the body is malformed for its type
     */
    public static PartitaMessage received(JmsRecord record, PartitaDestination consumedFrom, int deliveryCount,
                                          ObjectMessageAllowlist allowlist, JmsCodecLimits limits)
            throws JMSException {
        Objects.requireNonNull(allowlist, "allowlist");
        if (deliveryCount < 1) {
            throw new IllegalArgumentException("a delivered message has a delivery count of 1 or more, not "
                    + deliveryCount);
        }
        PartitaMessage message = switch (record.bodyType()) {
            case MESSAGE -> new PartitaMessage();
            case TEXT -> new PartitaTextMessage();
            case BYTES -> new PartitaBytesMessage();
            case MAP -> new PartitaMapMessage();
            case STREAM -> new PartitaStreamMessage();
            case OBJECT -> {
                PartitaObjectMessage object = new PartitaObjectMessage();
                object.setAllowlist(allowlist);
                yield object;
            }
        };
        message.setJMSMessageID(record.messageId());
        message.setJMSTimestamp(record.timestamp());
        if (record.correlationId() instanceof byte[] bytes) {
            message.setJMSCorrelationIDAsBytes(bytes);
        } else {
            message.setJMSCorrelationID((String) record.correlationId());
        }
        PartitaDestination destination = PartitaDestination.fromRecordForm(record.destination());
        message.setJMSDestination(destination != null ? destination : consumedFrom);
        message.setJMSReplyTo(PartitaDestination.fromRecordForm(record.replyTo()));
        message.setJMSType(record.type());
        message.setJMSDeliveryMode(record.deliveryMode());
        message.setJMSPriority(record.priority());
        message.setJMSExpiration(record.expiration());
        message.setJMSDeliveryTime(record.deliveryTime());
        message.setJMSRedelivered(deliveryCount > 1);
        record.properties().forEach(message.properties()::putUnchecked);
        message.properties().setDeliveryCount(deliveryCount);
        message.decodeBody(record.body(), limits);
        message.markReceived();
        return message;
    }
}
