package dev.partita.broker.subscription;

import dev.partita.broker.delivery.StateLog.StateKey;
import dev.partita.protocol.jms.JmsRecord;
import dev.partita.protocol.jms.JmsRecordCodec;
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
 * The message selectors of the consumers this broker was told of at SUBSCRIBE, by (connection,
 * session, subscription): ACQUIRE names no consumer, so a session's latest SUBSCRIBE on a
 * subscription decides. Held in memory only: after a broker restart a consumer must SUBSCRIBE
 * again for its selector to apply. Also evaluates a selector over a read window of records.
 *
 * <p>Thread-safe (a concurrent map of immutable selectors).
 */
final class ConsumerSelectors {

    private record ConsumerRef(UUID connection, UUID session, StateKey key) {
    }

    private final Map<ConsumerRef, Selector> selectors = new ConcurrentHashMap<>();

    void put(UUID connection, UUID session, StateKey key, Selector selector) {
        ConsumerRef ref = new ConsumerRef(connection, session, key);
        if (selector == null || selector.isMatchAll()) {
            selectors.remove(ref);
        } else {
            selectors.put(ref, selector);
        }
    }

    /** The filter of a consumer's acquires, or null when it has no selector. */
    Acquirer.RecordFilter filterFor(UUID connection, UUID session, StateKey key) {
        Selector selector = selectors.get(new ConsumerRef(connection, session, key));
        return selector == null ? null : records -> matching(selector, records)::contains;
    }

    /** Forgets every selector of a subscription (it was dropped). */
    void forget(StateKey key) {
        selectors.keySet().removeIf(ref -> ref.key().equals(key));
    }

    /**
     * The offsets of {@code records} the selector accepts. A plain record (no JMS headers) reads as
     * a message without properties; one the JMS codec refuses matches nothing.
     */
    static Set<Long> matching(Selector selector, MemoryRecords records) {
        Set<Long> matching = new HashSet<>();
        for (Record record : records.records()) {
            JmsRecord message;
            try {
                message = JmsRecordCodec.DEFAULT.decode(record);
            } catch (RuntimeException e) {
                continue;
            }
            if (selector.matches(context(message))) {
                matching.add(record.offset());
            }
        }
        return matching;
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
