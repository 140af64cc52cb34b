package dev.partita.client.producer;

import dev.partita.client.ClientClosedException;
import dev.partita.client.metadata.TopicPartition;
import dev.partita.protocol.record.CompressionType;
import dev.partita.protocol.record.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Collects sent records into one batch per partition until the batch is full ({@code batchSize}
 * bytes) or has waited {@code lingerMs}, then hands it to the sender.
 *
 * <p>Per partition a queue of batches: only the last one takes appends, so records keep their
 * send order; the sender takes the first one. A batch that must be retried goes back to the head
 * of its queue, so a retry never lets a later batch overtake it. Every appended record holds its
 * estimated size of the producer's buffer memory until its batch completes ({@link #deallocate});
 * {@link #append} blocks for memory up to {@code maxBlockMs}.
 *
 * <p>Thread-safe: appends come from any thread, the sender drains from its own, responses
 * re-enqueue from an event loop. One lock (this object) guards the queues; compression happens
 * outside it, when the sender closes a batch it has removed.
 */
public final class RecordAccumulator {

    /** Bytes a record costs beyond key, value and header bytes: varint lengths, deltas, attributes. */
    static final int RECORD_OVERHEAD = 25;

    /**
     * What {@link #append} did: the record's future, whether its partition has a batch ready now,
     * whether it opened a batch, and the bytes held beside the record until {@link #releaseRetained}.
     */
    record AppendResult(CompletableFuture<RecordMetadata> future, boolean batchReady, boolean newBatch, long retainedHeld) {
    }

    /** Partitions whose head batch may be sent now, and how long until another one may be. */
    record ReadyResult(Set<TopicPartition> ready, long nextCheckDelayMs) {
    }

    private final int batchSize;
    private final long lingerMs;
    private final long retryBackoffMs;
    private final long deliveryTimeoutMs;
    private final CompressionType compression;
    private final MemoryLimiter memory;
    private final LongSupplier clockMs;

    private final Map<TopicPartition, Deque<ProducerBatch>> batches = new HashMap<>();
    private final Set<ProducerBatch> incomplete = Collections.newSetFromMap(new IdentityHashMap<>());
    private int flushesInProgress;
    private boolean closing;

    RecordAccumulator(int batchSize, long lingerMs, long retryBackoffMs, long deliveryTimeoutMs,
                      CompressionType compression, MemoryLimiter memory, LongSupplier clockMs) {
        this.batchSize = batchSize;
        this.lingerMs = lingerMs;
        this.retryBackoffMs = retryBackoffMs;
        this.deliveryTimeoutMs = deliveryTimeoutMs;
        this.compression = compression;
        this.memory = memory;
        this.clockMs = clockMs;
    }

    /** Buffer memory a record holds until acknowledged: its bytes plus a fixed overhead. */
    static long estimatedSize(byte[] key, byte[] value, Header[] headers) {
        long size = RECORD_OVERHEAD + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (Header header : headers) {
            size += 10 + header.key().getBytes(StandardCharsets.UTF_8).length + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    /** As {@link #append(TopicPartition, long, byte[], byte[], Header[], long, long)} with nothing retained beside the record. */
    AppendResult append(TopicPartition tp, long timestamp, byte[] key, byte[] value, Header[] headers, long maxBlockMs)
            throws InterruptedException {
        return append(tp, timestamp, key, value, headers, 0, maxBlockMs);
    }

    /**
     * Bytes of {@code retainedBytes} held beside a record of {@code recordSize}: what is retained
     * never makes a record fail, so at most what the whole buffer leaves beside the record.
     */
    static long heldRetained(long recordSize, long retainedBytes, long capacity) {
        return Math.max(0, Math.min(retainedBytes, capacity - recordSize));
    }

    /**
     * Appends a record to its partition's open batch, opening a new batch when the open one is full.
     * The record holds its estimated size of buffer memory until its batch completes; beside it
     * {@code retainedBytes} (what the caller keeps for the record, capped by {@link #heldRetained})
     * stay held until the caller gives them back with {@link #releaseRetained}.
     *
     * @throws BufferExhaustedException if buffer memory stayed full for {@code maxBlockMs}
     * @throws ClientClosedException if the producer is closing
     */
    AppendResult append(TopicPartition tp, long timestamp, byte[] key, byte[] value, Header[] headers, long retainedBytes,
                        long maxBlockMs) throws InterruptedException {
        long recordSize = estimatedSize(key, value, headers);
        long held = heldRetained(recordSize, retainedBytes, memory.capacity());
        long size = recordSize + held;
        memory.reserve(size, maxBlockMs);
        try {
            synchronized (this) {
                if (closing) {
                    throw new ClientClosedException("producer is closed");
                }
                Deque<ProducerBatch> queue = batches.computeIfAbsent(tp, k -> new ArrayDeque<>());
                ProducerBatch last = queue.peekLast();
                if (last != null) {
                    CompletableFuture<RecordMetadata> future = last.tryAppend(timestamp, key, value, headers, batchSize, recordSize);
                    if (future != null) {
                        return new AppendResult(future, queue.size() > 1 || last.isFull(batchSize), false, held);
                    }
                }
                ProducerBatch batch = new ProducerBatch(tp, compression, clockMs.getAsLong());
                CompletableFuture<RecordMetadata> future = batch.tryAppend(timestamp, key, value, headers, batchSize, recordSize);
                queue.addLast(batch);
                incomplete.add(batch);
                return new AppendResult(future, queue.size() > 1 || batch.isFull(batchSize), true, held);
            }
        } catch (RuntimeException e) {
            memory.release(size);
            throw e;
        }
    }

    /**
     * Partitions not {@code muted} (a batch of theirs is in flight) whose head batch is full,
     * lingered long enough, is a retry whose back-off passed, or must go now because of a flush
     * or close.
     */
    synchronized ReadyResult ready(long nowMs, Predicate<TopicPartition> muted) {
        Set<TopicPartition> ready = new LinkedHashSet<>();
        long nextDelay = Long.MAX_VALUE;
        boolean urgent = flushesInProgress > 0 || closing;
        for (Map.Entry<TopicPartition, Deque<ProducerBatch>> entry : batches.entrySet()) {
            ProducerBatch head = entry.getValue().peekFirst();
            if (head == null || muted.test(entry.getKey())) {
                continue;
            }
            nextDelay = Math.min(nextDelay, Math.max(0, head.createdMs + deliveryTimeoutMs - nowMs));
            if (head.retryNotBeforeMs > nowMs) {
                nextDelay = Math.min(nextDelay, head.retryNotBeforeMs - nowMs);
                continue;
            }
            long waited = nowMs - head.createdMs;
            boolean full = entry.getValue().size() > 1 || head.isFull(batchSize);
            if (full || urgent || head.attempts > 0 || waited >= lingerMs) {
                ready.add(entry.getKey());
            } else {
                nextDelay = Math.min(nextDelay, lingerMs - waited);
            }
        }
        return new ReadyResult(ready, nextDelay);
    }

    /** Removes and returns the head batch of {@code tp} (not yet closed), or null. */
    synchronized ProducerBatch poll(TopicPartition tp) {
        Deque<ProducerBatch> queue = batches.get(tp);
        return queue == null ? null : queue.pollFirst();
    }

    /**
     * Removes the queued batches of {@code tp} from the head, in order, while their estimated sizes
     * add up to at most {@code maxBytes} (the first one always). Sending them together in one
     * request keeps their order while only one request per partition is in flight; the open last
     * batch goes too, since nothing is gained by holding it back.
     */
    synchronized List<ProducerBatch> drain(TopicPartition tp, long maxBytes) {
        Deque<ProducerBatch> queue = batches.get(tp);
        List<ProducerBatch> drained = new ArrayList<>();
        long size = 0;
        while (queue != null && !queue.isEmpty()) {
            long next = queue.peekFirst().estimatedSizeInBytes();
            if (!drained.isEmpty() && size + next > maxBytes) {
                break;
            }
            drained.add(queue.pollFirst());
            size += next;
        }
        return drained;
    }

    /** Puts a batch back at the head of its queue, to be sent again after the retry back-off. */
    synchronized void reenqueue(ProducerBatch batch, long nowMs, boolean backOff) {
        batch.retryNotBeforeMs = backOff ? nowMs + retryBackoffMs : 0;
        batches.computeIfAbsent(batch.topicPartition, k -> new ArrayDeque<>()).addFirst(batch);
    }

    /** Removes and returns queued batches older than the delivery timeout. */
    synchronized List<ProducerBatch> expire(long nowMs) {
        List<ProducerBatch> expired = new ArrayList<>();
        for (Deque<ProducerBatch> queue : batches.values()) {
            for (Iterator<ProducerBatch> it = queue.iterator(); it.hasNext(); ) {
                ProducerBatch batch = it.next();
                if (nowMs - batch.createdMs >= deliveryTimeoutMs) {
                    it.remove();
                    expired.add(batch);
                }
            }
        }
        return expired;
    }

    boolean isExpired(ProducerBatch batch, long nowMs) {
        return nowMs - batch.createdMs >= deliveryTimeoutMs;
    }

    /** The caller no longer keeps what it retained beside a record ({@link AppendResult#retainedHeld}). */
    void releaseRetained(long held) {
        if (held > 0) {
            memory.release(held);
        }
    }

    /** The batch completed (either way): its memory is free for new records. */
    void deallocate(ProducerBatch batch) {
        boolean removed;
        synchronized (this) {
            removed = incomplete.remove(batch);
        }
        if (removed) {
            memory.release(batch.reservedBytes());
        }
    }

    /** Makes every batch ready at once, until {@link #endFlush()}. */
    synchronized void beginFlush() {
        flushesInProgress++;
    }

    synchronized void endFlush() {
        flushesInProgress--;
    }

    /** Futures of every record appended so far and not yet completed. */
    synchronized List<CompletableFuture<RecordMetadata>> incompleteFutures() {
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        for (ProducerBatch batch : incomplete) {
            batch.thunks().forEach(t -> futures.add(t.future()));
        }
        return futures;
    }

    synchronized boolean hasQueued() {
        return batches.values().stream().anyMatch(q -> !q.isEmpty());
    }

    synchronized boolean hasIncomplete() {
        return !incomplete.isEmpty();
    }

    /** Refuses further appends; queued batches become ready at once. */
    synchronized void close() {
        closing = true;
    }

    /** Removes every queued batch (not those in flight) and returns them, for failing on a forced close. */
    synchronized List<ProducerBatch> drainAll() {
        List<ProducerBatch> all = new ArrayList<>();
        batches.values().forEach(all::addAll);
        batches.clear();
        return all;
    }

    long bufferMemoryUsed() {
        return memory.used();
    }
}
