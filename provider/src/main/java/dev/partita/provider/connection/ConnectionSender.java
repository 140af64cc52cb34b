package dev.partita.provider.connection;

import dev.partita.client.CallbackExecutor;
import dev.partita.client.ClientConfig;
import dev.partita.client.PartitaClient;
import dev.partita.client.metadata.TopicInfo;
import dev.partita.client.network.NetworkClient;
import dev.partita.client.producer.PartitionChooser;
import dev.partita.client.producer.Producer;
import dev.partita.client.producer.ProducerRecord;
import dev.partita.client.producer.RecordMetadata;
import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.ProduceResponse;
import dev.partita.protocol.message.TopicKey;
import dev.partita.provider.util.JmsExceptions;
import jakarta.jms.JMSException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The send side of one connection, shared by all its sessions: two client {@link Producer}s
 * (acks ALL for {@code PERSISTENT} messages, acks LEADER for {@code NON_PERSISTENT} ones), made on
 * first use, sending over connections of their own ({@code PartitaClient.newNetworkClient}: the
 * broker answers a connection in order, and may hold a send to a full destination up to its block
 * time, which must not hold back the consumers' acknowledgements); the thread on which their
 * send futures complete ({@code partita-jms-acks-N}, which
 * runs no application code, so a synchronous send made inside a {@code CompletionListener} still
 * gets its answer); and the completion thread ({@code partita-jms-completion-N}) on which every
 * {@code CompletionListener} runs, never an I/O thread.
 *
 * <p>Partitions: each session asks {@link #choosePartition} once per destination and keeps the
 * answer (DESIGN.md "Ordering"); choices go round robin from a random start, so the sessions of
 * a connection spread over the partitions.
 *
 * <p>Thread-safe.
 */
public final class ConnectionSender {

    private static final AtomicInteger COMPLETION_THREADS = new AtomicInteger();

    private final PartitaClient client;
    private final ConnectionOptions options;
    private final CallbackExecutor completions;
    private final CallbackExecutor acknowledgements;
    private final AtomicInteger nextPartition = new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 16));
    private Producer persistent; // guarded by this
    private Producer nonPersistent; // guarded by this
    private NetworkClient sendConnections; // guarded by this; made with the first producer
    private boolean closed; // guarded by this

    ConnectionSender(PartitaClient client, ConnectionOptions options) {
        this.client = client;
        this.options = options;
        int number = COMPLETION_THREADS.getAndIncrement();
        this.completions = new CallbackExecutor("partita-jms-completion-" + number);
        this.acknowledgements = new CallbackExecutor("partita-jms-acks-" + number);
    }

    /**
     * The partition a session sends to for this destination from now on. Looks the destination up
     * (asking the broker to create it when {@code autoCreate} is on), waiting up to
     * {@code reconnectTimeout}.
     *
     * @throws jakarta.jms.InvalidDestinationException when the destination does not exist and is not created
     */
    public int choosePartition(TopicKey topic) throws JMSException {
        long timeoutMs = options.reconnectTimeoutMs();
        CompletableFuture<TopicInfo> lookup = client.metadata().topic(topic, options.autoCreate(), timeoutMs);
        try {
            TopicInfo info = lookup.get(timeoutMs + 1_000, TimeUnit.MILLISECONDS);
            return Math.floorMod(nextPartition.getAndIncrement(), info.partitionCount());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw JmsExceptions.toJms("looking up " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw JmsExceptions.toJms("looking up " + topic, e);
        }
    }

    /**
     * Hands a record to the producer of its delivery mode; the future completes (on the
     * acknowledgement thread) once the broker stored it (all in-sync replicas for {@code persistent}, the leader
     * otherwise), or with the client's failure.
     */
    public CompletableFuture<RecordMetadata> send(ProducerRecord record, boolean persistent) {
        return send(record, persistent, 0);
    }

    /**
     * As {@link #send(ProducerRecord, boolean)}, counting {@code retainedBytes} (what the caller
     * keeps for the send: an asynchronous send's message object, until its listener ran) against
     * the producer's {@code bufferMemory} too, so sends block once that much is held. The caller
     * gives them back with {@link #releaseRetained}.
     */
    public CompletableFuture<RecordMetadata> send(ProducerRecord record, boolean persistent, long retainedBytes) {
        Producer producer;
        try {
            producer = producer(persistent);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return producer.send(record, retainedBytes);
    }

    /** Gives back what {@link #send(ProducerRecord, boolean, long)} retained for {@code sent}. Idempotent. */
    public void releaseRetained(CompletableFuture<RecordMetadata> sent, boolean persistent) {
        Producer producer;
        synchronized (this) {
            producer = persistent ? this.persistent : nonPersistent;
        }
        if (producer != null) {
            producer.releaseRetained(sent);
        }
    }

    private synchronized Producer producer(boolean forPersistent) {
        if (closed) {
            throw new dev.partita.client.ClientClosedException("the connection is closed");
        }
        if (forPersistent) {
            if (persistent == null) {
                persistent = newProducer(Acks.ALL);
            }
            return persistent;
        }
        if (nonPersistent == null) {
            nonPersistent = newProducer(Acks.LEADER);
        }
        return nonPersistent;
    }

    private Producer newProducer(Acks acks) {
        ClientConfig config = client.config().toBuilder().acks(acks).build();
        if (sendConnections == null) {
            // Sends go over connections of their own: a send the broker holds (a full destination)
            // then holds back no acknowledgement of the connection's consumers.
            sendConnections = client.newNetworkClient();
        }
        NetworkClient network = sendConnections;
        // Records name their partition (the session's choice); the chooser is never asked.
        return new Producer(config, client.metadata(),
                (leader, request) -> network.send(leader, request, ProduceResponse.class),
                acknowledgements, PartitionChooser.sticky());
    }

    /** Where send futures complete and completion listeners run. */
    public Executor completions() {
        return completions;
    }

    /** True on the completion thread (inside a {@code CompletionListener}). */
    public boolean inCompletionThread() {
        return completions.inCallbackThread();
    }

    /**
     * Sends what the producers queued, waits for their acknowledgements (bounded by the send
     * timeout), then stops the two threads once what was queued on them ran. Idempotent.
     */
    void close() {
        Producer a;
        Producer b;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            a = persistent;
            b = nonPersistent;
        }
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        shutdown(acknowledgements);
        shutdown(completions);
    }

    private void shutdown(CallbackExecutor executor) {
        try {
            if (!executor.shutdown(options.sendTimeoutMs())) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
