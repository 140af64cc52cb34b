package dev.partita.client.producer;

import dev.partita.client.metadata.MetadataCache;
import dev.partita.client.metadata.TopicPartition;
import dev.partita.client.network.BrokerEndpoint;
import dev.partita.client.network.Futures;
import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.ProduceRequest;
import dev.partita.protocol.message.ProduceResponse;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.MemoryRecords;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves ready batches from the {@link RecordAccumulator} to partition leaders: one ProduceRequest
 * per leader per round, at most {@code maxRequestSize} bytes, at most one request in flight per
 * partition carrying every batch queued for it (so a retry can never be overtaken by a later
 * batch: no silent reordering without idempotence, and still full requests under load). Retriable errors put the batch back at the head of its partition's queue after a
 * back-off, refreshing metadata first when the leader may have moved, until the delivery timeout.
 *
 * <p>The logic is {@link #runOnce(long)}, driven by time; {@link #run()} is the thin driver loop
 * of the producer's sender thread. Responses are handled on the network's event loop; record
 * futures are completed on the {@code callbacks} executor, in batch order.
 *
 * <p>Thread-safe as used: {@code runOnce} on one thread, responses on any.
 */
final class Sender implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Sender.class);

    private final RecordAccumulator accumulator;
    private final MetadataCache metadata;
    private final ProduceTransport transport;
    private final Executor callbacks;
    private final LongSupplier clockMs;
    private final Acks acks;
    private final int requestTimeoutMs;
    private final int maxRequestSize;
    private final long retryBackoffMs;

    private final Set<TopicPartition> inFlight = ConcurrentHashMap.newKeySet();
    private final Object wakeLock = new Object();
    private boolean wakeupPending; // guarded by wakeLock
    private volatile boolean closing;
    private volatile boolean forceClose;

    Sender(RecordAccumulator accumulator, MetadataCache metadata, ProduceTransport transport, Executor callbacks,
           LongSupplier clockMs, Acks acks, int requestTimeoutMs, int maxRequestSize, long retryBackoffMs) {
        this.accumulator = accumulator;
        this.metadata = metadata;
        this.transport = transport;
        this.callbacks = callbacks;
        this.clockMs = clockMs;
        this.acks = acks;
        this.requestTimeoutMs = requestTimeoutMs;
        this.maxRequestSize = maxRequestSize;
        this.retryBackoffMs = retryBackoffMs;
    }

    @Override
    public void run() {
        while (!forceClose) {
            long delay = runOnce(clockMs.getAsLong());
            if (closing && !accumulator.hasIncomplete()) {
                break;
            }
            awaitWakeup(delay);
        }
        for (ProducerBatch batch : accumulator.drainAll()) {
            fail(batch, new dev.partita.client.ClientClosedException("producer closed before the record was sent"));
        }
    }

    /** Wakes the sender loop: a batch is ready, a response arrived, a flush or close began. */
    void wakeup() {
        synchronized (wakeLock) {
            wakeupPending = true;
            wakeLock.notifyAll();
        }
    }

    void initiateClose() {
        closing = true;
        wakeup();
    }

    void forceClose() {
        forceClose = true;
        closing = true;
        wakeup();
    }

    private void awaitWakeup(long delayMs) {
        synchronized (wakeLock) {
            if (!wakeupPending && delayMs > 0) {
                try {
                    wakeLock.wait(Math.min(delayMs, 1_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    forceClose = true;
                }
            }
            wakeupPending = false;
        }
    }

    /** One round: expire old batches, send every ready one. Returns how long to wait for the next round. */
    long runOnce(long nowMs) {
        for (ProducerBatch batch : accumulator.expire(nowMs)) {
            fail(batch, timeout(batch));
        }
        RecordAccumulator.ReadyResult ready = accumulator.ready(nowMs, inFlight::contains);
        long delay = ready.nextCheckDelayMs();
        Map<BrokerEndpoint, List<TopicPartition>> byLeader = new LinkedHashMap<>();
        boolean leaderUnknown = false;
        for (TopicPartition tp : ready.ready()) {
            Optional<BrokerEndpoint> leader = metadata.leaderEndpoint(tp);
            if (leader.isPresent()) {
                byLeader.computeIfAbsent(leader.get(), k -> new ArrayList<>()).add(tp);
            } else {
                leaderUnknown = true;
            }
        }
        if (leaderUnknown) {
            metadata.requestUpdate();
            delay = Math.min(delay, retryBackoffMs);
        }
        for (Map.Entry<BrokerEndpoint, List<TopicPartition>> entry : byLeader.entrySet()) {
            if (sendTo(entry.getKey(), entry.getValue())) {
                delay = 0; // ready partitions left for the next request to this leader
            }
        }
        return delay;
    }

    /** Sends one request with the queued batches of {@code partitions}; true if some did not fit. */
    private boolean sendTo(BrokerEndpoint leader, List<TopicPartition> partitions) {
        Map<TopicPartition, List<ProducerBatch>> drained = new LinkedHashMap<>();
        long size = 0;
        boolean leftOver = false;
        for (TopicPartition tp : partitions) {
            if (!drained.isEmpty() && size >= maxRequestSize) {
                leftOver = true;
                continue;
            }
            List<ProducerBatch> batches = accumulator.drain(tp, drained.isEmpty() ? maxRequestSize : maxRequestSize - size);
            if (batches.isEmpty()) {
                continue;
            }
            for (ProducerBatch batch : batches) {
                size += batch.close().sizeInBytes(); // builds and compresses, outside the accumulator's lock
                batch.attempts++;
            }
            drained.put(tp, batches);
            inFlight.add(tp);
        }
        if (drained.isEmpty()) {
            return leftOver;
        }
        Map<TopicKey, List<ProduceRequest.PartitionData>> byTopic = new LinkedHashMap<>();
        drained.forEach((tp, batches) -> byTopic.computeIfAbsent(tp.topic(), k -> new ArrayList<>())
                .add(new ProduceRequest.PartitionData(tp.partition(), concat(batches))));
        List<ProduceRequest.TopicData> topics = new ArrayList<>();
        byTopic.forEach((topic, data) -> topics.add(new ProduceRequest.TopicData(topic, data)));
        CompletableFuture<ProduceResponse> response;
        try {
            response = transport.send(leader, new ProduceRequest(acks, requestTimeoutMs, topics));
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        response.whenComplete((r, error) -> handleResponse(drained, r, error));
        return leftOver;
    }

    /** The batches' bytes back to back (no copy for a single batch). */
    private static MemoryRecords concat(List<ProducerBatch> batches) {
        if (batches.size() == 1) {
            return batches.get(0).records();
        }
        int size = 0;
        for (ProducerBatch batch : batches) {
            size += batch.records().sizeInBytes();
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        for (ProducerBatch batch : batches) {
            buffer.put(batch.records().buffer());
        }
        return new MemoryRecords(buffer.flip());
    }

    private void handleResponse(Map<TopicPartition, List<ProducerBatch>> drained, ProduceResponse response, Throwable error) {
        long nowMs = clockMs.getAsLong();
        Map<TopicPartition, ProduceResponse.PartitionProduceResult> results = new HashMap<>();
        if (response != null) {
            for (ProduceResponse.TopicProduceResult topic : response.topics()) {
                for (ProduceResponse.PartitionProduceResult p : topic.partitions()) {
                    results.put(new TopicPartition(topic.topic(), p.partition()), p);
                }
            }
        }
        drained.forEach((tp, batches) -> {
            ProduceResponse.PartitionProduceResult result = results.get(tp);
            if (error != null) {
                handleFailure(batches, Futures.unwrap(error), nowMs);
            } else if (result == null) {
                handleFailure(batches, Errors.UNKNOWN_SERVER_ERROR.exception("the produce response has no result for " + tp), nowMs);
            } else if (result.error() == Errors.NONE) {
                // The broker appends the batches in order, with consecutive offsets.
                long offset = result.baseOffset();
                for (ProducerBatch batch : batches) {
                    complete(batch, offset, result.logAppendTime());
                    offset += batch.recordCount();
                }
            } else {
                String message = result.errorMessage() != null ? result.errorMessage() : result.error().message();
                handleFailure(batches, result.error().exception(tp + ": " + message), nowMs);
            }
            // Unmute only after re-enqueueing, so a retry is the next thing sent for its partition.
            inFlight.remove(tp);
        });
        wakeup();
    }

    private void handleFailure(List<ProducerBatch> batches, Throwable error, long nowMs) {
        if (error instanceof ApiException api && MetadataCache.isStaleMetadataError(api.error())) {
            metadata.requestUpdate();
        }
        // Back to the head of the queue in reverse, so they keep their order there.
        for (int i = batches.size() - 1; i >= 0; i--) {
            handleFailure(batches.get(i), error, nowMs);
        }
    }

    private void handleFailure(ProducerBatch batch, Throwable error, long nowMs) {
        boolean retriable = error instanceof ApiException api && api.isRetriable();
        batch.lastError = error;
        if (retriable && !forceClose && !accumulator.isExpired(batch, nowMs)) {
            log.debug("retrying {} after {}", batch, error.toString());
            accumulator.reenqueue(batch, nowMs, true);
        } else if (retriable) {
            fail(batch, timeout(batch));
        } else {
            fail(batch, error);
        }
    }

    private static ApiException timeout(ProducerBatch batch) {
        ApiException timeout = Errors.REQUEST_TIMED_OUT.exception("delivery timeout: " + batch.recordCount()
                + " record(s) for " + batch.topicPartition + " not acknowledged after " + batch.attempts + " attempt(s)"
                + (batch.lastError == null ? "" : "; last error: " + batch.lastError.getMessage()));
        if (batch.lastError != null) {
            timeout.initCause(batch.lastError);
        }
        return timeout;
    }

    private void complete(ProducerBatch batch, long baseOffset, long logAppendTime) {
        accumulator.deallocate(batch);
        runCallback(() -> batch.complete(baseOffset, logAppendTime));
    }

    private void fail(ProducerBatch batch, Throwable error) {
        accumulator.deallocate(batch);
        runCallback(() -> batch.fail(error));
    }

    private void runCallback(Runnable callback) {
        try {
            callbacks.execute(callback);
        } catch (RejectedExecutionException e) {
            callback.run(); // the client is shutting down: complete here rather than never
        }
    }
}
