package dev.partita.protocol.selector;

/**
 * What a selector reads from one message: the header fields a selector may name and the message's
 * properties, by name.
 *
 * <p>Implementations return the Java value the property was set with: {@link String},
 * {@link Boolean}, {@link Byte}, {@link Short}, {@link Integer}, {@link Long}, {@link Float},
 * {@link Double}, or {@code null} when the message has no such property (Jakarta Messaging 3.1,
 * section 3.8.1.1: the conversions of the property getters do not apply in selectors). For the
 * header fields: {@code JMSDeliveryMode} as the {@code jakarta.jms.DeliveryMode} int (1 or 2) or
 * as the string {@code "NON_PERSISTENT"}/{@code "PERSISTENT"}; {@code JMSPriority} as an int;
 * {@code JMSTimestamp} as a long; {@code JMSMessageID}, {@code JMSCorrelationID} and
 * {@code JMSType} as strings or null. A value of any other type is treated as unknown.
 *
 * <p>The selector only asks for names that occur in it (see {@link Selector#identifiers()}); it
 * never asks for {@code JMSDestination}, {@code JMSReplyTo}, {@code JMSExpiration},
 * {@code JMSRedelivered} or {@code JMSDeliveryTime}, which selectors cannot reference.
 * Implementations should not allocate per call where avoidable: the broker evaluates selectors
 * for every candidate record.
 */
@FunctionalInterface
public interface SelectorContext {

    /**
     * @param name a header field name or property name, exactly as written in the selector
     * @return the value, or null if the message has none
     */
    Object headerOrProperty(String name);
}
