/**
 * The JMS message &lt;-&gt; record codec: how a Jakarta Messaging message travels as a record of
 * the log (Kafka record format). The broker uses it to evaluate selectors and noLocal and to move messages to a
 * dead-letter queue; the provider uses it to send and receive. No {@code jakarta.jms} dependency:
 * values are plain Java types.
 *
 * <h2>The mapping</h2>
 *
 * JMS header fields and properties are record headers (header key = name; header value = one type
 * tag byte, then the value); the message type is a header too; the record value is the body alone,
 * so a Kafka client reads a text body as UTF-8 and a bytes body as it is. Record keys are not used
 * by JMS. A header is written only when its value differs from the default in the "absent" column,
 * so a default message costs no header bytes.
 *
 * <pre>
 * record part / header name  tag(s)        value                               absent means
 * -------------------------  ------------  ----------------------------------  ---------------------------
 * record timestamp           -             JMSTimestamp, or the send time when -
 *                                          timestamps are disabled
 * record key                 -             not used by JMS (null)              -
 * record value               -             the body, see JmsBodyCodec:         no body
 *                                          TEXT UTF-8, BYTES as is, MAP and
 *                                          STREAM compact binary, OBJECT Java
 *                                          serialization, MESSAGE none
 * JMS_Partita_BodyType       BYTE          0 MESSAGE, 1 TEXT, 2 BYTES, 3 MAP,  BYTES if the record has a
 *                                          4 STREAM, 5 OBJECT                  value, else MESSAGE (so a
 *                                                                              Kafka-written record reads
 *                                                                              as a BytesMessage)
 * JMSMessageID               STRING        the ID, "ID:" prefix included       null (IDs disabled)
 * JMSTimestamp               LONG          JMSTimestamp (written only when it  the record timestamp
 *                                          differs from the record timestamp,
 *                                          i.e. 0 with timestamps disabled)
 * JMSCorrelationID           STRING/BYTES  the correlation ID as set           null
 * JMSDestination             DESTINATION   where the message was sent          null (the receiver knows)
 * JMSReplyTo                 DESTINATION   where replies go                    null
 * JMSType                    STRING        the type                            null
 * JMSDeliveryMode            BYTE          1 NON_PERSISTENT, 2 PERSISTENT      2 PERSISTENT
 * JMSPriority                BYTE          0..9                                4
 * JMSExpiration              LONG          epoch ms, 0 = never                 0
 * JMSDeliveryTime            LONG          epoch ms                            equal to JMSTimestamp
 * JMS_Partita_ConnectionID   BYTES         the logical id (UUID, 16 bytes) of  not recorded (noLocal
 *                                          the connection that sent it         consumers then get it)
 * JMS_Partita_ClientID       STRING        that connection's client ID         it had none
 * JMS_Partita_* (others)     property tag  a Partita provider property, set by  -
 *                                          Partita only (the dead-letter
 *                                          properties below); with another tag
 *                                          or an unknown encoding: an internal
 *                                          header of a later version, skipped
 * any other name             NULL, BOOLEAN, a property, name as set (JMSX and      -
 *                            BYTE, SHORT,  JMS_vendor properties included)
 *                            INT, LONG,
 *                            FLOAT, DOUBLE,
 *                            STRING
 * (not in the record)        -             JMSRedelivered, JMSXDeliveryCount:  -
 *                                          delivery state kept by the broker
 *
 * tag          code  encoded value after the tag byte (header form; see JmsBodyCodec for the body form)
 * -----------  ----  ---------------------------------------------------------------------------------
 * NULL         0     nothing
 * BOOLEAN      1     1 byte: 0 false, 1 true
 * BYTE         2     1 byte
 * SHORT        3     2 bytes, big-endian
 * INT          4     4 bytes, big-endian
 * LONG         5     8 bytes, big-endian
 * FLOAT        6     4 bytes, IEEE 754 big-endian
 * DOUBLE       7     8 bytes, IEEE 754 big-endian
 * STRING       8     UTF-8, to the end of the header value
 * BYTES        9     the bytes, to the end of the header value
 * CHAR         10    2 bytes, a UTF-16 code unit (map and stream bodies only)
 * DESTINATION  11    1 byte kind (1 queue, 2 topic, as DestinationKind; bit 0x40 set for a temporary one), then the name in UTF-8 to the end
 *
 * dead-letter property                 tag     value
 * -----------------------------------  ------  -----------------------------------------------------
 * JMS_Partita_DeadLetterSource         STRING  {@code <logId>:<partition>:<offset>} of the source record
 * JMS_Partita_DeadLetterReason         STRING  why it was moved (e.g. "delivered 10 times without an
 *                                              acknowledgement")
 * JMS_Partita_DeadLetterDeliveryCount  INT     its deliveries in the source destination
 * JMS_Partita_OriginalDestination      STRING  queue://name or topic://name it was moved from
 * JMS_Partita_DeadLetterTime           LONG    epoch ms when the broker moved it
 * </pre>
 *
 * <p>A dead-letter move keeps the source record's timestamp, key, value and headers as they are
 * and appends these property headers (replacing any of the same name from an earlier move), so the
 * copy decodes as the same message with five more properties.
 *
 * <h2>Why these names cannot collide with properties</h2>
 *
 * A JMS application property name may not start with {@code JMS}: {@code JMSX...} names are
 * JMS-defined properties and {@code JMS_<vendor>_...} names are provider properties (spec 3.5.1,
 * 3.8.1.1). The header fields use the JMS field names themselves (which are also their selector
 * identifiers) and Partita's own headers and properties the vendor prefix {@code JMS_Partita_},
 * which the provider refuses as a property name an application sets.
 *
 * <h2>Bad input</h2>
 *
 * Decoding refuses, with a {@link dev.partita.protocol.jms.MalformedJmsRecordException} naming the
 * header or entry, records with more headers than {@link dev.partita.protocol.jms.JmsCodecLimits}
 * allow, names or values over the length limits, unknown tags, values of the wrong size or type for
 * their header, invalid UTF-8, duplicate headers, a value on a MESSAGE-type record, and bodies
 * whose entry count exceeds the limit or the bytes present. A header whose value is not in this
 * encoding (for example one a Kafka client added) makes the record undecodable.
 */
package dev.partita.protocol.jms;
