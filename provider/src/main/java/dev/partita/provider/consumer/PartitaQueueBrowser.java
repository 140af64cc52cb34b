package dev.partita.provider.consumer;

import dev.partita.client.metadata.TopicInfo;
import dev.partita.client.network.BrokerEndpoint;
import dev.partita.protocol.jms.JmsCodecLimits;
import dev.partita.protocol.message.BrowseRequest;
import dev.partita.protocol.message.BrowseResponse;
import dev.partita.protocol.message.DeliveryRange;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TemporaryDestinationName;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.Record;
import dev.partita.protocol.record.RecordBatch;
import dev.partita.protocol.selector.Selector;
import dev.partita.protocol.selector.SelectorSyntaxException;
import dev.partita.provider.destination.PartitaDestination;
import dev.partita.provider.message.MessageRecords;
import dev.partita.provider.message.PartitaMessage;
import dev.partita.provider.util.JmsExceptions;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Enumeration;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A queue browser: each enumeration reads, partition after partition, the messages of the queue
 * that are available or acquired (not acknowledged, archived or expired) and match the selector,
 * with BROWSE requests to the partition leaders, page by page. It changes no delivery state.
 * Messages whose {@code JMSExpiration} passed are skipped.
 *
 * <p>Not thread-safe (used by its session's thread of control); {@code close} may come from any thread.
 */
public final class PartitaQueueBrowser implements QueueBrowser {

    private static final int PAGE_RECORDS = 500;
    private static final int PAGE_BYTES = 1 << 20;

    private final SessionDelivery session;
    private final PartitaDestination queue; // a queue or a temporary queue
    private final String selector;
    private volatile boolean closed;

    private PartitaQueueBrowser(SessionDelivery session, PartitaDestination queue, String selector) {
        this.session = session;
        this.queue = queue;
        this.selector = selector;
    }

    /** @throws InvalidSelectorException for a selector that does not parse */
    public static PartitaQueueBrowser open(SessionDelivery session, PartitaDestination queue, String selector) throws JMSException {
        String normalized = selector == null || selector.isBlank() ? null : selector;
        if (normalized != null) {
            try {
                Selector.parse(normalized);
            } catch (SelectorSyntaxException e) {
                InvalidSelectorException invalid = new InvalidSelectorException("invalid message selector \"" + normalized
                        + "\": " + e.getMessage(), Errors.INVALID_SELECTOR.name());
                invalid.initCause(e);
                throw invalid;
            }
        }
        return new PartitaQueueBrowser(session, queue, normalized);
    }

    private void checkClosed() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the browser is closed");
        }
        session.session().checkClosed();
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkClosed();
        return (Queue) queue;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkClosed();
        return selector;
    }

    @Override
    public Enumeration<Message> getEnumeration() throws JMSException {
        checkClosed();
        TopicKey topic = new TopicKey(queue.kind(), queue.name());
        TopicInfo info = PartitaMessageConsumer.await(session, session.connection().client().topic(topic,
                session.connection().connection().options().autoCreate(),
                session.connection().connection().options().reconnectTimeoutMs()), "browse " + queue);
        return new Pages(topic, info.partitionCount());
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Pages through the partitions in turn; {@code hasMoreElements} fetches the next page when needed. */
    private final class Pages implements Enumeration<Message> {
        private final TopicKey topic;
        private final int partitions;
        private final Deque<Message> page = new ArrayDeque<>();
        private int partition;
        private long from = BrowseRequest.BrowsePartition.FROM_START;

        Pages(TopicKey topic, int partitions) {
            this.topic = topic;
            this.partitions = partitions;
        }

        @Override
        public boolean hasMoreElements() {
            try {
                while (page.isEmpty() && partition < partitions && !closed) {
                    fetch();
                }
            } catch (JMSException e) {
                throw JmsExceptions.toRuntime(e);
            }
            return !page.isEmpty();
        }

        @Override
        public Message nextElement() {
            if (!hasMoreElements()) {
                throw new NoSuchElementException("no more messages in " + queue);
            }
            return page.poll();
        }

        private void fetch() throws JMSException {
            BrokerEndpoint leader = session.connection().client().leader(topic, partition).orElse(null);
            if (leader == null) {
                session.connection().client().refreshMetadata();
                throw new JMSException("partition " + partition + " of " + queue + " has no leader now", "LEADER_NOT_AVAILABLE");
            }
            // a temporary queue's messages are those of its one subscription
            SubscriptionKey key = queue.isTemporary()
                    ? TemporaryDestinationName.of(topic).orElseThrow().queueSubscription() : SubscriptionKey.queue(queue.name());
            BrowseRequest request = new BrowseRequest(key, 0, topic, selector, PAGE_BYTES,
                    List.of(new BrowseRequest.BrowsePartition(partition, -1, from, PAGE_RECORDS, PAGE_BYTES)));
            BrowseResponse response = PartitaMessageConsumer.await(session, session.connection().client().browse(leader, request),
                    "browse " + queue);
            BrowseResponse.BrowsedPartition result = response.partitions().stream()
                    .filter(r -> r.partition() == partition).findFirst()
                    .orElseThrow(() -> new JMSException("the broker did not answer for partition " + partition));
            if (result.error() != Errors.NONE) {
                throw JmsExceptions.toJms("browse " + queue, result.error().exception());
            }
            long now = System.currentTimeMillis();
            if (result.records() instanceof MemoryRecords records) {
                for (RecordBatch batch : records) {
                    if (batch.isControlBatch()) {
                        continue;
                    }
                    for (Record record : batch) {
                        DeliveryRange range = visible(result.visible(), record.offset());
                        if (range == null) {
                            continue;
                        }
                        PartitaMessage message = MessageRecords.received(record, queue, range.deliveryCount() + 1,
                                session.connection().connection().options().objectMessageAllowlist(), JmsCodecLimits.DEFAULT);
                        if (message.getJMSExpiration() == 0 || message.getJMSExpiration() > now) {
                            page.add(message);
                        }
                    }
                }
            }
            if (result.nextOffset() == BrowseResponse.END || result.nextOffset() <= from) {
                partition++;
                from = BrowseRequest.BrowsePartition.FROM_START;
            } else {
                from = result.nextOffset();
            }
        }

        private DeliveryRange visible(List<DeliveryRange> ranges, long offset) {
            for (DeliveryRange range : ranges) {
                if (offset >= range.firstOffset() && offset <= range.lastOffset()) {
                    return range;
                }
            }
            return null;
        }
    }

    @Override
    public String toString() {
        return "PartitaQueueBrowser(" + queue + (selector == null ? "" : ", " + selector) + ")";
    }
}
