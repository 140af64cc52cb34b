package dev.partita.provider.producer;

import dev.partita.client.producer.ProducerRecord;
import dev.partita.client.producer.RecordMetadata;
import dev.partita.protocol.jms.JmsRecord;
import dev.partita.protocol.jms.JmsRecordCodec;
import dev.partita.protocol.jms.JmsSender;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.Header;
import dev.partita.provider.connection.PartitaConnection;
import dev.partita.provider.destination.PartitaDestination;
import dev.partita.provider.message.ForeignMessages;
import dev.partita.provider.message.MessageRecords;
import dev.partita.provider.message.PartitaMessage;
import dev.partita.provider.util.JmsExceptions;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one session sends: stamps the header fields the spec gives the provider
 * ({@code JMSDestination}, {@code JMSDeliveryMode}, {@code JMSPriority}, {@code JMSTimestamp},
 * {@code JMSExpiration}, {@code JMSDeliveryTime}, {@code JMSMessageID}) on the application's message
 * object (a foreign one too, before it is copied), turns it into a record (carrying the sending
 * connection's id and client ID, for the broker's noLocal test) and hands it to the
 * connection's producer of its delivery mode, for the one partition this session keeps per
 * destination (chosen at its first send there, never changed: DESIGN.md "Ordering").
 *
 * <p>A synchronous send returns once the broker acknowledged: a {@code PERSISTENT} message stored
 * by all in-sync replicas (acks ALL), a {@code NON_PERSISTENT} one by the leader (acks LEADER). An
 * asynchronous one registers its {@code CompletionListener} with {@link AsyncSends}.
 *
 * <p>Used by the session's thread (JMS sessions are single-threaded); the partition map is
 * concurrent so a close from another thread sees a consistent state.
 */
public final class MessageSender {

    private static final Logger log = LoggerFactory.getLogger(MessageSender.class);

    /** Bytes of an asynchronous send's bookkeeping beside its message: message object, future, listener entry. */
    private static final int ASYNC_SEND_OVERHEAD = 512;

    private final PartitaConnection connection;
    /** The connection's logical id, parsed once: every record carries it (noLocal). */
    private final UUID connectionId;
    private final AsyncSends asyncSends;
    private final Map<PartitaDestination, Integer> partitions = new ConcurrentHashMap<>();

    public MessageSender(PartitaConnection connection, Object session) {
        this.connection = connection;
        this.connectionId = UUID.fromString(connection.connectionId());
        this.asyncSends = new AsyncSends(session, connection.sender().completions());
    }

    public AsyncSends asyncSends() {
        return asyncSends;
    }

    /** The partition this session sends to for {@code destination}, if it sent there already. */
    public Integer partitionOf(PartitaDestination destination) {
        return partitions.get(destination);
    }

    /**
     * Sends {@code message} to {@code destination}. With a listener the call returns once the
     * message is queued; without, once the broker acknowledged it.
     *
     * @throws MessageFormatException for a null message, or one too large for the broker
     * @throws InvalidDestinationException for a null destination or one that does not exist (auto-create off)
     * @throws JMSException for invalid options, a delivery delay above 0, or a failed send
     */
    public void send(PartitaDestination destination, Message message, SendOptions options, CompletionListener listener)
            throws JMSException {
        if (message == null) {
            throw new MessageFormatException("the message to send must not be null");
        }
        if (destination == null) {
            throw new InvalidDestinationException("the destination must not be null");
        }
        options.validate();
        long now = System.currentTimeMillis();
        Stamp stamp = new Stamp(destination, options.deliveryMode(), options.priority(),
                options.disableMessageTimestamp() ? 0 : now, options.timeToLive() > 0 ? now + options.timeToLive() : 0,
                now + options.deliveryDelay(), options.disableMessageId() ? null : connection.nextMessageId());
        PartitaMessage ours;
        if (message instanceof PartitaMessage partita) {
            ours = partita;
            stamp.applyTo(ours);
        } else {
            stampForeign(message, stamp);
            ours = ForeignMessages.copy(message);
            stamp.applyTo(ours);
        }
        ProducerRecord record = toRecord(destination, ours, now);
        boolean persistent = options.deliveryMode() == DeliveryMode.PERSISTENT;
        String what = "send to " + destination;
        // An asynchronous send keeps the message object until its listener ran: counted against
        // bufferMemory with the record, so a fast producer blocks instead of filling its heap.
        long retained = listener == null ? 0 : retainedUntilCompletion(record);
        CompletableFuture<RecordMetadata> sent = connection.sender().send(record, persistent, retained);
        if (listener != null) {
            // the message object's share of bufferMemory is given back once the listener ran
            asyncSends.add(sent, message, listener, what, this::reportIfUnreachable,
                    () -> connection.sender().releaseRetained(sent, persistent));
            return;
        }
        awaitAcknowledgement(sent, what);
    }

    /**
     * Heap an asynchronous send keeps until it completes beside its record's bytes: the message
     * object with its body as written and the encoded copy of it, the future and listener entry.
     * Measured (jmap, 1 KiB BytesMessage): about 3.5 KiB per pending send in all, of which the
     * producer's record estimate covers 1.3 KiB; this counts twice the record plus a fixed part,
     * slightly more than the rest, so {@code bufferMemory} stays an upper bound.
     */
    private static long retainedUntilCompletion(ProducerRecord record) {
        long size = record.value() == null ? 0 : record.value().length;
        for (Header header : record.headers()) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return 2 * size + ASYNC_SEND_OVERHEAD;
    }

    /** The header fields a send gives a message (spec 3.4): computed once, set on the message object and its copy. */
    private record Stamp(PartitaDestination destination, int deliveryMode, int priority, long timestamp, long expiration,
                         long deliveryTime, String messageId) {

        void applyTo(Message message) throws JMSException {
            message.setJMSDestination(destination);
            message.setJMSDeliveryMode(deliveryMode);
            message.setJMSPriority(priority);
            message.setJMSTimestamp(timestamp);
            message.setJMSExpiration(expiration);
            message.setJMSDeliveryTime(deliveryTime);
            message.setJMSMessageID(messageId);
        }
    }

    /**
     * Sets the header fields on another provider's message object, as spec 3.12 asks; one that
     * refuses (e.g. a Partita destination) is still sent, from a copy that carries them.
     */
    private static void stampForeign(Message foreign, Stamp stamp) {
        try {
            stamp.applyTo(foreign);
        } catch (JMSException | RuntimeException e) {
            log.debug("a foreign message refused the header fields of its send; its copy carries them", e);
        }
    }

    private ProducerRecord toRecord(PartitaDestination destination, PartitaMessage message, long now) throws JMSException {
        // The sending connection and client ID travel with the record: the broker compares them for noLocal consumers.
        JmsRecord jms = MessageRecords.toRecord(message)
                .withSender(new JmsSender(connectionId, connection.getClientID()));
        long recordTimestamp = JmsRecordCodec.recordTimestamp(jms, now);
        Header[] headers = JmsRecordCodec.DEFAULT.encodeHeaders(jms, recordTimestamp);
        int partition = partitionFor(destination);
        return new ProducerRecord(topicKey(destination), partition, recordTimestamp, destination.recordKey(), jms.body(),
                List.of(headers));
    }

    private int partitionFor(PartitaDestination destination) throws JMSException {
        Integer known = partitions.get(destination);
        if (known != null) {
            return known;
        }
        int chosen = connection.sender().choosePartition(topicKey(destination));
        Integer raced = partitions.putIfAbsent(destination, chosen);
        return raced != null ? raced : chosen;
    }

    private static TopicKey topicKey(PartitaDestination destination) {
        return new TopicKey(destination.kind(), destination.name());
    }

    private void awaitAcknowledgement(CompletableFuture<RecordMetadata> sent, String what) throws JMSException {
        long timeoutMs = connection.options().sendTimeoutMs() + connection.options().reconnectTimeoutMs();
        try {
            sent.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw JmsExceptions.toJms(what + " interrupted (the message may still be stored)", e);
        } catch (ExecutionException | TimeoutException e) {
            JMSException error = JmsExceptions.toJms(what, e);
            reportIfUnreachable(error);
            throw error;
        }
    }

    /** A send that failed because no broker could be reached is a connection problem too: tell the exception listener. */
    private void reportIfUnreachable(JMSException error) {
        Throwable cause = error.getCause();
        if (cause instanceof TimeoutException
                || (cause instanceof ApiException api && (api.error() == Errors.NETWORK_EXCEPTION
                || api.error() == Errors.REQUEST_TIMED_OUT || api.error() == Errors.BROKER_NOT_AVAILABLE))) {
            connection.reportException(error);
        }
    }
}
