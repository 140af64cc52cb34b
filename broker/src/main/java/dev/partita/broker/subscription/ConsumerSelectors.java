package dev.partita.broker.subscription;

import dev.partita.broker.delivery.StateLog.StateKey;
import dev.partita.protocol.jms.JmsRecord;
import dev.partita.protocol.jms.JmsRecordCodec;
import dev.partita.protocol.jms.JmsSender;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.Record;
import dev.partita.protocol.selector.Selector;
import dev.partita.protocol.selector.SelectorContext;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The record filters of the consumers this broker was told of at SUBSCRIBE, by (connection,
 * session, subscription): the message selector and noLocal. ACQUIRE names no consumer, so a
 * session's latest SUBSCRIBE on a subscription decides. Held in memory only: after a broker
 * restart a consumer must SUBSCRIBE again for its selector and noLocal to apply. Also evaluates
 * them over a read window of records.
 *
 * <p>noLocal (topic subscriptions only; on a queue the spec leaves it unspecified and it is
 * ignored): a record whose sender (JMS record headers {@code JMS_Partita_ConnectionID} /
 * {@code JMS_Partita_ClientID}) is the consumer's connection is rejected; on a durable
 * subscription with a client ID, so is one sent by any connection with that client ID (spec 8.3.3:
 * such messages are not added to the durable subscription). A record that names no sender
 * passes.
 *
 * <p>Thread-safe (a concurrent map of immutable filters).
 */
final class ConsumerSelectors {

    private record ConsumerRef(UUID connection, UUID session, StateKey key) {
    }

    /**
     * What one consumer rejects: records its selector does not match (null: none), and with
     * noLocal those sent by {@code connection} or by a connection with {@code clientId} (null: none).
     */
    private record ConsumerFilter(Selector selector, boolean noLocal, UUID connection, String clientId) {
    }

    private final Map<ConsumerRef, ConsumerFilter> filters = new ConcurrentHashMap<>();

    /**
     * Remembers a consumer's selector and noLocal.
     *
     * @param noLocal  reject records its own connection sent (pass false on a queue)
     * @param clientId with noLocal, also reject records any connection with this client ID sent
     *                 (a durable subscription's client ID; null for a non-durable one)
     */
    void put(UUID connection, UUID session, StateKey key, Selector selector, boolean noLocal, String clientId) {
        ConsumerRef ref = new ConsumerRef(connection, session, key);
        Selector effective = selector == null || selector.isMatchAll() ? null : selector;
        if (effective == null && !noLocal) {
            filters.remove(ref);
        } else {
            filters.put(ref, new ConsumerFilter(effective, noLocal, connection, noLocal ? clientId : null));
        }
    }

    /** The filter of a consumer's acquires, or null when it has neither a selector nor noLocal. */
    Acquirer.RecordFilter filterFor(UUID connection, UUID session, StateKey key) {
        ConsumerFilter filter = filters.get(new ConsumerRef(connection, session, key));
        return filter == null ? null : records -> accepted(filter, records)::contains;
    }

    private static Set<Long> accepted(ConsumerFilter filter, MemoryRecords records) {
        Set<Long> accepted = new HashSet<>();
        for (Record record : records.records()) {
            if (filter.noLocal() && isLocal(JmsRecordCodec.sender(record.headers()), filter.connection(), filter.clientId())) {
                continue;
            }
            if (filter.selector() == null || matches(filter.selector(), record)) {
                accepted.add(record.offset());
            }
        }
        return accepted;
    }

    /** Whether a record from {@code sender} is local to a consumer on {@code connection} (with {@code clientId}, or null). */
    static boolean isLocal(JmsSender sender, UUID connection, String clientId) {
        if (sender == null) {
            return false;
        }
        return sender.connectionId().equals(connection) || (clientId != null && clientId.equals(sender.clientId()));
    }

    /** Forgets every selector of a subscription (it was dropped). */
    void forget(StateKey key) {
        filters.keySet().removeIf(ref -> ref.key().equals(key));
    }

    /**
     * The offsets of {@code records} the selector accepts. A plain record (no JMS headers) reads as
     * a message without properties; one the JMS codec refuses matches nothing.
     */
    static Set<Long> matching(Selector selector, MemoryRecords records) {
        Set<Long> matching = new HashSet<>();
        for (Record record : records.records()) {
            if (matches(selector, record)) {
                matching.add(record.offset());
            }
        }
        return matching;
    }

    private static boolean matches(Selector selector, Record record) {
        JmsRecord message;
        try {
            message = JmsRecordCodec.DEFAULT.decode(record);
        } catch (RuntimeException e) {
            return false;
        }
        return selector.matches(context(message));
    }

    private static SelectorContext context(JmsRecord message) {
        return name -> switch (name) {
            case "JMSDeliveryMode" -> message.deliveryMode();
            case "JMSPriority" -> message.priority();
            case "JMSTimestamp" -> message.timestamp();
            case "JMSMessageID" -> message.messageId();
            case "JMSCorrelationID" -> message.correlationId() instanceof String s ? s : null;
            case "JMSType" -> message.type();
            default -> message.properties().get(name);
        };
    }
}
