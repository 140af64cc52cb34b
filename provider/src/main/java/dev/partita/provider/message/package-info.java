/**
 * The JMS message model: {@link dev.partita.provider.message.PartitaMessage} and its five body
 * types (text, bytes, map, stream, object), their header fields, properties with the spec's
 * conversion tables, read-only and write-only states, {@code getBody}, acknowledgement through a
 * session hook, the {@code ObjectMessage} deserialization allowlist, conversion to and from the
 * record form ({@link dev.partita.provider.message.MessageRecords}) and copies of other providers'
 * messages ({@link dev.partita.provider.message.ForeignMessages}).
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li>Supported JMSX properties: {@code JMSXDeliveryCount} (set on receipt, an int, read-only,
 *       kept by {@code clearProperties}), {@code JMSXGroupID} and {@code JMSXGroupSeq} (set by the
 *       application, stored as any property). Setting any other {@code JMSX} name, or
 *       {@code JMSXDeliveryCount}, is an {@code IllegalArgumentException}; {@code JMSXUserID},
 *       {@code JMSXAppID} and the rest are not supported.</li>
 *   <li>Property names: a selector identifier, not a selector reserved word (any case), not starting
 *       with {@code JMS} except the JMSX names above and {@code JMS_<vendor>_} names other than
 *       {@code JMS_Partita_}; otherwise {@code IllegalArgumentException} (null or empty included).</li>
 *   <li>Reading a property that is not set behaves as {@code valueOf(null)} (spec 3.5.4): false,
 *       {@code NumberFormatException} for byte/short/int/long, {@code NullPointerException} for
 *       float/double, null for String and Object.</li>
 *   <li>The correlation ID keeps the form it was set in; the other getter converts through UTF-8.</li>
 *   <li>{@code setJMSDeliveryMode} and {@code setJMSPriority} refuse values outside the spec's
 *       ranges with a {@code JMSException}.</li>
 *   <li>{@code ObjectMessage}: see {@link dev.partita.provider.message.ObjectMessageAllowlist}.</li>
 *   <li>{@code getBody} on a {@code BytesMessage} returns the bytes written or received in either
 *       mode, without moving the read position.</li>
 * </ul>
 *
 * <p>Messages are not thread-safe: a session and its thread own them.
 */
package dev.partita.provider.message;
