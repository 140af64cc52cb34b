package dev.partita.client.consumer;

import dev.partita.client.ClientClosedException;
import dev.partita.client.ClientConfig;
import dev.partita.client.admin.Admin;
import dev.partita.client.metadata.MetadataCache;
import dev.partita.client.metadata.PartitionInfo;
import dev.partita.client.metadata.TopicPartition;
import dev.partita.client.network.BrokerEndpoint;
import dev.partita.client.network.Futures;
import dev.partita.client.network.NetworkClient;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.FetchRequest;
import dev.partita.protocol.message.FetchResponse;
import dev.partita.protocol.message.ListOffsetsRequest;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.MemoryRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads assigned partitions from their leaders with long-poll fetches. No groups, no committed
 * offsets: the caller assigns partitions and positions ({@link #assign}, {@link #seek},
 * {@link #seekToBeginning}, {@link #seekToEnd}) and {@link #poll}s.
 *
 * <p>{@code poll} sends one fetch per leader broker (at most one in flight each) with
 * {@code fetchMaxWaitMs} and {@code fetchMinBytes}, and returns the records of the first answers
 * that carry any, or an empty list when {@code timeout} passes. A fetch still in flight when poll
 * returns stays in flight and is used by the next poll. Fetches are pipelined: when a fetch
 * answers, the next one for its partitions is sent (from the offsets after the answer's complete
 * batches) before those records are decoded and returned, so the broker reads the next records while
 * this consumer decodes and the caller handles the previous ones; not for a partition whose answer
 * reached the high watermark (its next fetch would wait on the broker, holding back later answers on
 * the shared connection, so it goes out with the next poll). An answer whose partition was
 * moved by {@code seek} or {@code assign}, or unassigned, since its fetch was sent is dropped. Leader changes are followed: errors saying
 * the leader moved refresh metadata and the partition is fetched from the new leader. A position
 * outside the log fails {@code poll} with {@link OffsetOutOfRangeException} (once, after returning
 * records already read for other partitions); the position is left as it was.
 *
 * <p>Not thread-safe: one thread uses a consumer (like Kafka's consumer). {@code poll} blocks that
 * thread; wire work happens on the event loop.
 */
public final class LogConsumer implements AutoCloseable {

    private static final class PartitionState {
        long position;
        long highWatermark = -1;
        long retryNotBeforeMs;

        PartitionState(long position) {
            this.position = position;
        }
    }

    private record PendingFetch(CompletableFuture<FetchResponse> future, Map<TopicPartition, Long> offsets) {
    }

    /** In {@code sendFetches}' offsets: the partition sits out this round (it answered caught up). */
    private static final long NOT_NOW = -1L;

    private final ClientConfig config;
    private final MetadataCache metadata;
    private final NetworkClient network;
    private final Admin admin;
    private final Map<TopicPartition, PartitionState> assignment = new LinkedHashMap<>();
    private final Map<BrokerEndpoint, PendingFetch> pending = new HashMap<>();
    private RuntimeException deferredError;
    private boolean closed;

    /** Normally made by {@code PartitaClient.newConsumer()}. */
    public LogConsumer(ClientConfig config, MetadataCache metadata, NetworkClient network, Admin admin) {
        this.config = config;
        this.metadata = metadata;
        this.network = network;
        this.admin = admin;
    }

    /** Adds (or re-positions) a partition to read, starting at {@code offset}. */
    public void assign(TopicKey topic, int partition, long offset) {
        checkOpen();
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        assignment.put(new TopicPartition(topic, partition), new PartitionState(offset));
    }

    /** Stops reading a partition. */
    public void unassign(TopicKey topic, int partition) {
        checkOpen();
        assignment.remove(new TopicPartition(topic, partition));
    }

    public Set<TopicPartition> assignment() {
        return Set.copyOf(assignment.keySet());
    }

    /** Moves the position of an assigned partition; records already fetched for the old one are dropped. */
    public void seek(TopicKey topic, int partition, long offset) {
        checkOpen();
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        state(new TopicPartition(topic, partition)).position = offset;
    }

    /** Moves to the log start (blocks for a list-offsets round trip). */
    public void seekToBeginning(TopicKey topic, int partition) {
        seekTo(new TopicPartition(topic, partition), ListOffsetsRequest.EARLIEST_TIMESTAMP);
    }

    /** Moves to the log end: only records written from now on are read (blocks for a round trip). */
    public void seekToEnd(TopicKey topic, int partition) {
        seekTo(new TopicPartition(topic, partition), ListOffsetsRequest.LATEST_TIMESTAMP);
    }

    private void seekTo(TopicPartition tp, long timestamp) {
        checkOpen();
        PartitionState state = state(tp);
        state.position = await(admin.listOffsetInternal(tp, timestamp), config.requestTimeoutMs() + config.retryBackoffMs());
    }

    /** The offset of the next record {@code poll} returns for the partition. */
    public long position(TopicKey topic, int partition) {
        return state(new TopicPartition(topic, partition)).position;
    }

    /** The partition's high watermark as of the last fetch answer, or -1 before one. */
    public long highWatermark(TopicKey topic, int partition) {
        return state(new TopicPartition(topic, partition)).highWatermark;
    }

    /**
     * Fetches and returns the next records of the assigned partitions, waiting up to {@code timeout}
     * for some to arrive. Records of one partition come in offset order.
     *
     * @throws OffsetOutOfRangeException if a position is outside its log
     * @throws ApiException for other non-retriable fetch errors
     */
    public List<ConsumedRecord> poll(Duration timeout) {
        checkOpen();
        if (deferredError != null) {
            RuntimeException error = deferredError;
            deferredError = null;
            throw error;
        }
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ConsumedRecord> records = collectCompleted();
            if (!records.isEmpty()) {
                return records;
            }
            if (deferredError != null) {
                RuntimeException error = deferredError;
                deferredError = null;
                throw error;
            }
            sendFetches(Map.of()); // even with a zero timeout, so polling with Duration.ZERO makes progress
            long remainingNanos = deadlineNanos - System.nanoTime();
            if (remainingNanos <= 0) {
                return List.of();
            }
            if (pending.isEmpty()) {
                // Nothing to fetch from (no leader known yet, or backing off): wait a little.
                LockSupport.parkNanos(Math.min(remainingNanos, TimeUnit.MILLISECONDS.toNanos(Math.max(1, config.retryBackoffMs()))));
                continue;
            }
            try {
                CompletableFuture.anyOf(pending.values().stream().map(PendingFetch::future).toArray(CompletableFuture[]::new))
                        .get(remainingNanos, TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                // handled per fetch in collectCompleted
            } catch (TimeoutException e) {
                return collectCompleted();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClientClosedException("interrupted while polling");
            }
        }
    }

    /** Sends a fetch to every leader with none in flight; {@code nextOffsets} overrides positions not yet advanced. */
    private void sendFetches(Map<TopicPartition, Long> nextOffsets) {
        long nowMs = System.currentTimeMillis();
        Map<BrokerEndpoint, Map<TopicPartition, PartitionInfo>> byLeader = new LinkedHashMap<>();
        boolean needMetadata = false;
        for (Map.Entry<TopicPartition, PartitionState> entry : assignment.entrySet()) {
            TopicPartition tp = entry.getKey();
            if (entry.getValue().retryNotBeforeMs > nowMs || isInFlight(tp) || nextOffsets.getOrDefault(tp, 0L) == NOT_NOW) {
                continue;
            }
            Optional<PartitionInfo> info = metadata.partition(tp);
            Optional<BrokerEndpoint> leader = metadata.leaderEndpoint(tp);
            if (info.isEmpty() || leader.isEmpty()) {
                needMetadata = true;
                if (info.isEmpty()) {
                    // First use of this topic: look it up (no auto-create: consumers never create topics).
                    metadata.topic(tp.topic(), false, config.requestTimeoutMs());
                }
                entry.getValue().retryNotBeforeMs = nowMs + config.retryBackoffMs();
                continue;
            }
            if (pending.containsKey(leader.get())) {
                continue; // one fetch per broker at a time; this partition joins the next one
            }
            byLeader.computeIfAbsent(leader.get(), k -> new LinkedHashMap<>()).put(tp, info.get());
        }
        if (needMetadata) {
            metadata.requestUpdate();
        }
        byLeader.forEach((leader, partitions) -> sendFetch(leader, partitions, nextOffsets));
    }

    private void sendFetch(BrokerEndpoint leader, Map<TopicPartition, PartitionInfo> partitions,
                           Map<TopicPartition, Long> nextOffsets) {
        Map<TopicKey, List<FetchRequest.FetchPartition>> byTopic = new LinkedHashMap<>();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        partitions.forEach((tp, info) -> {
            Long ahead = nextOffsets.get(tp);
            long position = ahead != null ? ahead : assignment.get(tp).position;
            offsets.put(tp, position);
            byTopic.computeIfAbsent(tp.topic(), k -> new ArrayList<>()).add(new FetchRequest.FetchPartition(
                    tp.partition(), info.leaderEpoch(), position, config.partitionFetchMaxBytes()));
        });
        List<FetchRequest.FetchTopic> topics = new ArrayList<>();
        byTopic.forEach((topic, list) -> topics.add(new FetchRequest.FetchTopic(topic, list)));
        FetchRequest request = new FetchRequest(FetchRequest.CONSUMER_REPLICA_ID, config.fetchMaxWaitMs(), config.fetchMinBytes(),
                config.fetchMaxBytes(), config.isolationLevel(), topics);
        long timeoutMs = (long) config.requestTimeoutMs() + config.fetchMaxWaitMs();
        pending.put(leader, new PendingFetch(network.send(leader, request, FetchResponse.class, timeoutMs), offsets));
    }

    private boolean isInFlight(TopicPartition tp) {
        for (PendingFetch fetch : pending.values()) {
            if (fetch.offsets().containsKey(tp)) {
                return true;
            }
        }
        return false;
    }

    /** A partition's part of a finished fetch that still matches its position. */
    private record Received(TopicPartition tp, PartitionState state, FetchResponse.PartitionFetchData data) {
    }

    /**
     * Records of every finished fetch; positions advance past them. The next fetch for the partitions
     * that answered is sent before their records are decoded (its offsets are read from the batch
     * headers), so the broker works on it while this thread decodes and the caller handles records.
     */
    private List<ConsumedRecord> collectCompleted() {
        List<Received> received = new ArrayList<>();
        for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
            PendingFetch fetch = it.next().getValue();
            if (!fetch.future().isDone()) {
                continue;
            }
            it.remove();
            FetchResponse response;
            try {
                response = fetch.future().join();
            } catch (RuntimeException e) {
                handleFetchFailure(fetch, Futures.unwrap(e));
                continue;
            }
            for (FetchResponse.FetchableTopicResponse topic : response.topics()) {
                for (FetchResponse.PartitionFetchData data : topic.partitions()) {
                    TopicPartition tp = new TopicPartition(topic.topic(), data.partition());
                    Long requested = fetch.offsets().get(tp);
                    PartitionState state = assignment.get(tp);
                    if (requested == null || state == null || state.position != requested) {
                        continue; // unassigned or moved by seek since the fetch was sent
                    }
                    if (data.error() == Errors.NONE) {
                        received.add(new Received(tp, state, data));
                    } else {
                        handleError(tp, state, data.error());
                    }
                }
            }
        }
        if (received.isEmpty()) {
            return new ArrayList<>();
        }
        Map<TopicPartition, Long> nextOffsets = new HashMap<>();
        for (Received r : received) {
            long next = FetchedRecords.positionAfter((MemoryRecords) r.data().records(), r.state().position);
            // Caught up: no fetch ahead, which would park as a long poll on the broker and, since a
            // connection answers in request order, hold back the client's other answers until it ends.
            nextOffsets.put(r.tp(), next < r.data().highWatermark() ? next : NOT_NOW);
        }
        sendFetches(nextOffsets);
        List<ConsumedRecord> records = new ArrayList<>();
        for (Received r : received) {
            r.state().highWatermark = r.data().highWatermark();
            try {
                r.state().position = FetchedRecords.decodeInto(r.tp(), (MemoryRecords) r.data().records(),
                        r.state().position, records).nextPosition();
            } catch (RuntimeException e) {
                // The position stays, so the answer to the fetch sent ahead will not match and is dropped.
                defer(e);
            }
        }
        return records;
    }

    private void handleError(TopicPartition tp, PartitionState state, Errors error) {
        if (error == Errors.OFFSET_OUT_OF_RANGE) {
            defer(new OffsetOutOfRangeException(tp, state.position));
        } else if (MetadataCache.isStaleMetadataError(error) || error.isRetriable()) {
            metadata.requestUpdate();
            state.retryNotBeforeMs = System.currentTimeMillis() + config.retryBackoffMs();
        } else {
            defer(error.exception("fetch from " + tp + " failed: " + error.message()));
        }
    }

    private void handleFetchFailure(PendingFetch fetch, Throwable error) {
        if (error instanceof ApiException api && api.isRetriable()) {
            metadata.requestUpdate();
            long retryAt = System.currentTimeMillis() + config.retryBackoffMs();
            fetch.offsets().keySet().forEach(tp -> {
                PartitionState state = assignment.get(tp);
                if (state != null) {
                    state.retryNotBeforeMs = retryAt;
                }
            });
        } else {
            defer(error instanceof RuntimeException r ? r : new ApiException(Errors.UNKNOWN_SERVER_ERROR, error.toString(), error));
        }
    }

    private void defer(RuntimeException error) {
        if (deferredError == null) {
            deferredError = error;
        }
    }

    private PartitionState state(TopicPartition tp) {
        PartitionState state = assignment.get(tp);
        if (state == null) {
            throw new IllegalStateException(tp + " is not assigned to this consumer");
        }
        return state;
    }

    private static long await(CompletableFuture<Long> future, long timeoutMs) {
        try {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = Futures.unwrap(e);
            throw cause instanceof RuntimeException r ? r : new ApiException(Errors.UNKNOWN_SERVER_ERROR, cause.toString(), cause);
        } catch (TimeoutException e) {
            throw Errors.REQUEST_TIMED_OUT.exception("list offsets got no answer within " + timeoutMs + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientClosedException("interrupted while waiting for offsets");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new ClientClosedException("consumer is closed");
        }
    }

    /** Forgets assignments; fetches in flight are abandoned (their answers are dropped). Idempotent. */
    @Override
    public void close() {
        closed = true;
        pending.clear();
        assignment.clear();
    }
}
