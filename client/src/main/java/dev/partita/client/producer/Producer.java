package dev.partita.client.producer;

import dev.partita.client.CallbackExecutor;
import dev.partita.client.ClientClosedException;
import dev.partita.client.ClientConfig;
import dev.partita.client.metadata.MetadataCache;
import dev.partita.client.metadata.TopicInfo;
import dev.partita.client.metadata.TopicPartition;
import dev.partita.client.network.Futures;
import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.record.Header;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Sends records to partition leaders, batched per partition.
 *
 * <p>{@link #send} returns at once with a future unless it must wait: for the topic's metadata on
 * first use (the topic may be auto-created) or for buffer memory, each up to {@code maxBlockMs}.
 * The future completes with the record's offset once the broker acknowledged it with the
 * configured {@link Acks}, or exceptionally with the broker's {@code ApiException} (or
 * REQUEST_TIMED_OUT after {@code deliveryTimeoutMs} of retries, {@link BufferExhaustedException},
 * {@link ClientClosedException}). Futures complete on the client's callback thread, in send order
 * per partition; do not block in their stages.
 *
 * <p>Records without a partition go where the {@link PartitionChooser} says (by default one
 * partition per topic for the producer's life). Records of one partition are acknowledged in send
 * order, retries included. Not idempotent yet (no producer id): a retry after a lost response can
 * store a record twice.
 *
 * <p>Thread-safe: any number of threads may send. One sender thread per producer
 * ({@code partita-producer-N}) builds and ships batches.
 */
public final class Producer implements AutoCloseable {

    private static final AtomicInteger SENDER_IDS = new AtomicInteger();

    private final MetadataCache metadata;
    private final Executor callbacks;
    private final PartitionChooser chooser;
    private final RecordAccumulator accumulator;
    private final MemoryLimiter memory;
    /** Bytes retained beside each record until the caller releases them (see {@link #send(ProducerRecord, long)}). */
    private final Map<CompletableFuture<RecordMetadata>, Long> retained = new ConcurrentHashMap<>();
    private final Sender sender;
    private final Thread senderThread;
    private final LongSupplier clockMs;
    private final long maxBlockMs;
    private final int maxRequestSize;
    private final boolean autoCreateTopics;
    private volatile boolean closed;

    /** Normally made by {@code PartitaClient.newProducer()}; starts the sender thread. */
    public Producer(ClientConfig config, MetadataCache metadata, ProduceTransport transport, Executor callbacks,
                    PartitionChooser chooser) {
        if (config.acks() == Acks.NONE) {
            throw new IllegalArgumentException("acks NONE is not supported yet: use LEADER or ALL");
        }
        this.metadata = metadata;
        this.callbacks = callbacks;
        this.chooser = chooser;
        this.clockMs = System::currentTimeMillis;
        this.maxBlockMs = config.maxBlockMs();
        this.maxRequestSize = config.maxRequestSize();
        this.autoCreateTopics = config.autoCreateTopics();
        this.memory = new MemoryLimiter(config.bufferMemory());
        this.accumulator = new RecordAccumulator(config.batchSize(), config.lingerMs(), config.retryBackoffMs(),
                config.deliveryTimeoutMs(), config.compression(), memory, clockMs);
        this.sender = new Sender(accumulator, metadata, transport, callbacks, clockMs, config.acks(),
                config.requestTimeoutMs(), config.maxRequestSize(), config.retryBackoffMs());
        this.senderThread = new Thread(sender, "partita-producer-" + SENDER_IDS.getAndIncrement());
        this.senderThread.setDaemon(true);
        this.senderThread.start();
    }

    /**
     * Queues a record for sending. Blocks the caller only for first-use metadata or buffer memory
     * (up to {@code maxBlockMs}); every failure, including those, is reported through the future.
     */
    public CompletableFuture<RecordMetadata> send(ProducerRecord record) {
        return send(record, 0);
    }

    /**
     * As {@link #send(ProducerRecord)}, also counting {@code retainedBytes} against the buffer
     * memory: memory the caller keeps for the record (an asynchronous JMS send keeps its message
     * object until its completion listener ran), so that {@code bufferMemory} bounds all the heap
     * unacknowledged sends hold, not only their records. The retained bytes stay counted after the
     * record completes, until the caller calls {@link #releaseRetained} with the returned future
     * (also when the send failed; nothing is held for a send that failed before it was queued).
     * At most what the buffer leaves beside the record is held, so this never makes a send fail.
     */
    public CompletableFuture<RecordMetadata> send(ProducerRecord record, long retainedBytes) {
        if (retainedBytes < 0) {
            throw new IllegalArgumentException("retainedBytes must not be negative: " + retainedBytes);
        }
        if (closed) {
            return Futures.failed(new ClientClosedException("producer is closed"));
        }
        try {
            long start = clockMs.getAsLong();
            Header[] headers = record.headers().toArray(new Header[0]);
            long size = RecordAccumulator.estimatedSize(record.key(), record.value(), headers);
            if (size > maxRequestSize) {
                return Futures.failed(Errors.RECORD_TOO_LARGE.exception("a record of about " + size
                        + " bytes is larger than maxRequestSize (" + maxRequestSize + ")"));
            }
            TopicInfo topic = metadata.topic(record.topic(), autoCreateTopics, maxBlockMs).get(maxBlockMs, TimeUnit.MILLISECONDS);
            int partition;
            if (record.partition() != null) {
                partition = record.partition();
                if (partition >= topic.partitionCount()) {
                    return Futures.failed(Errors.UNKNOWN_TOPIC_OR_PARTITION.exception("topic " + record.topic()
                            + " has " + topic.partitionCount() + " partition(s); there is no partition " + partition));
                }
            } else {
                partition = chooser.partition(record.topic(), record.key(), topic.partitionCount());
            }
            long timestamp = record.timestamp() != null ? record.timestamp() : start;
            long remainingBlockMs = Math.max(0, maxBlockMs - (clockMs.getAsLong() - start));
            RecordAccumulator.AppendResult result = accumulator.append(new TopicPartition(record.topic(), partition),
                    timestamp, record.key(), record.value(), headers, retainedBytes, remainingBlockMs);
            if (result.retainedHeld() > 0) {
                retained.put(result.future(), result.retainedHeld());
            }
            if (result.batchReady() || result.newBatch()) {
                // A full batch goes now; a new one starts a linger timer the sender must learn of.
                sender.wakeup();
            }
            return result.future();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Futures.failed(new ClientClosedException("interrupted while sending"));
        } catch (ExecutionException e) {
            return Futures.failed(Futures.unwrap(e));
        } catch (TimeoutException e) {
            return Futures.failed(Errors.REQUEST_TIMED_OUT.exception("metadata for " + record.topic()
                    + " not available within maxBlockMs (" + maxBlockMs + " ms)"));
        } catch (RuntimeException e) {
            return Futures.failed(e);
        }
    }

    /**
     * Sends every record queued so far without waiting for linger, and blocks until each one
     * completed (acknowledged or failed). Failures are reported through the records' futures.
     */
    public void flush() throws InterruptedException {
        checkNotInCallback("flush");
        accumulator.beginFlush();
        try {
            sender.wakeup();
            List<CompletableFuture<RecordMetadata>> pending = accumulator.incompleteFutures();
            for (CompletableFuture<RecordMetadata> future : pending) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    // reported through the record's own future
                }
            }
        } finally {
            accumulator.endFlush();
        }
    }

    private void checkNotInCallback(String operation) {
        if (callbacks instanceof CallbackExecutor executor && executor.inCallbackThread()) {
            throw new IllegalStateException(operation + "() cannot be called from a send callback: it would wait for the callback thread itself");
        }
    }

    /** Gives back the bytes {@link #send(ProducerRecord, long)} retained for {@code sent}. Idempotent. */
    public void releaseRetained(CompletableFuture<RecordMetadata> sent) {
        Long held = retained.remove(sent);
        if (held != null) {
            accumulator.releaseRetained(held);
        }
    }

    /** True once {@link #close} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Bytes of buffer memory held by unacknowledged records (for metrics and tests). */
    public long bufferMemoryUsed() {
        return accumulator.bufferMemoryUsed();
    }

    /** Closes after sending every queued record, however long that takes (bounded by delivery timeouts). */
    @Override
    public void close() {
        close(Duration.ofMillis(Long.MAX_VALUE));
    }

    /**
     * Stops accepting records, sends what is queued and waits up to {@code timeout} for the
     * acknowledgements; records still unsent then fail with {@link ClientClosedException}.
     * Idempotent.
     */
    public void close(Duration timeout) {
        checkNotInCallback("close");
        closed = true;
        accumulator.close();
        sender.initiateClose();
        boolean interrupted = false;
        try {
            senderThread.join(Math.max(1, Math.min(timeout.toMillis(), Long.MAX_VALUE / 2)));
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (senderThread.isAlive()) {
            sender.forceClose();
            memory.close();
            try {
                senderThread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        memory.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
