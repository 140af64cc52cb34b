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
 * per leader per round, at most {@code maxRequestSize} bytes, at most one batch in flight per
 * partition (so a retry can never be overtaken by a later batch: no silent reordering without
 * idempotence). Retriable errors put the batch back at the head of its partition's queue after a
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
        while (true) {
            long delay = runOnce(clockMs.getAsLong());
            if (forceClose || (closing && !accumulator.hasIncomplete())) {
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
        byLeader.forEach((leader, partitions) -> sendTo(leader, partitions, nowMs));
        return delay;
    }

    private void sendTo(BrokerEndpoint leader, List<TopicPartition> partitions, long nowMs) {
        List<ProducerBatch> batches = new ArrayList<>();
        long size = 0;
        for (TopicPartition tp : partitions) {
            ProducerBatch batch = accumulator.poll(tp);
            if (batch == null) {
                continue;
            }
            MemoryRecords records = batch.close();
            if (!batches.isEmpty() && size + records.sizeInBytes() > maxRequestSize) {
                accumulator.reenqueue(batch, nowMs, false); // next request
                continue;
            }
            size += records.sizeInBytes();
            batches.add(batch);
            inFlight.add(tp);
            batch.attempts++;
        }
        if (batches.isEmpty()) {
            return;
        }
        Map<TopicKey, List<ProduceRequest.PartitionData>> byTopic = new LinkedHashMap<>();
        for (ProducerBatch batch : batches) {
            byTopic.computeIfAbsent(batch.topicPartition.topic(), k -> new ArrayList<>())
                    .add(new ProduceRequest.PartitionData(batch.topicPartition.partition(), batch.records()));
        }
        List<ProduceRequest.TopicData> topics = new ArrayList<>();
        byTopic.forEach((topic, data) -> topics.add(new ProduceRequest.TopicData(topic, data)));
        CompletableFuture<ProduceResponse> response;
        try {
            response = transport.send(leader, new ProduceRequest(acks, requestTimeoutMs, topics));
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        response.whenComplete((r, error) -> handleResponse(batches, r, error));
    }

    private void handleResponse(List<ProducerBatch> batches, ProduceResponse response, Throwable error) {
        long nowMs = clockMs.getAsLong();
        Map<TopicPartition, ProduceResponse.PartitionProduceResult> results = new HashMap<>();
        if (response != null) {
            for (ProduceResponse.TopicProduceResult topic : response.topics()) {
                for (ProduceResponse.PartitionProduceResult p : topic.partitions()) {
                    results.put(new TopicPartition(topic.topic(), p.partition()), p);
                }
            }
        }
        for (ProducerBatch batch : batches) {
            if (error != null) {
                handleFailure(batch, Futures.unwrap(error), nowMs);
                continue;
            }
            ProduceResponse.PartitionProduceResult result = results.get(batch.topicPartition);
            if (result == null) {
                handleFailure(batch, Errors.UNKNOWN_SERVER_ERROR.exception("the produce response has no result for "
                        + batch.topicPartition), nowMs);
            } else if (result.error() == Errors.NONE) {
                complete(batch, result.baseOffset(), result.logAppendTime());
            } else {
                String message = result.errorMessage() != null ? result.errorMessage() : result.error().message();
                handleFailure(batch, result.error().exception(batch.topicPartition + ": " + message), nowMs);
            }
        }
        // Unmute only after re-enqueueing, so a retry is the next batch sent for its partition.
        batches.forEach(b -> inFlight.remove(b.topicPartition));
        wakeup();
    }

    private void handleFailure(ProducerBatch batch, Throwable error, long nowMs) {
        boolean retriable = error instanceof ApiException api && api.isRetriable();
        if (error instanceof ApiException api && MetadataCache.isStaleMetadataError(api.error())) {
            metadata.requestUpdate();
        }
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
