package dev.partita.provider.consumer;

import dev.partita.client.network.BrokerEndpoint;
import dev.partita.client.subscription.SubscriptionClient;
import dev.partita.protocol.jms.JmsCodecLimits;
import dev.partita.protocol.message.AcquireRequest;
import dev.partita.protocol.message.AcquireRequest.AcquirePartition;
import dev.partita.protocol.message.AcquireResponse;
import dev.partita.protocol.message.AcquireResponse.AcquiredPartition;
import dev.partita.protocol.message.DeliveryRange;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.Record;
import dev.partita.protocol.record.RecordBatch;
import dev.partita.provider.message.MessageRecords;
import dev.partita.provider.message.PartitaMessage;
import dev.partita.provider.util.JmsExceptions;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one consumer's prefetch full: ACQUIRE long polls to the partition leaders, at most one in
 * flight per partition, asking together for no more than {@code prefetch} minus what is buffered
 * or already asked for, shared over the partitions in turn. Acquired records are decoded into
 * read-only messages (JMSXDeliveryCount = the broker's count + 1) and buffered. Answers that
 * arrive after the consumer closed or its session recovered are released untouched; {@link #stop}
 * tells when the last one was, so a closing consumer hands back everything its long polls took
 * before its close returns (otherwise a later consumer of the subscription could take the
 * messages behind them first, and get these after, out of order).
 *
 * <p>When no leader answers for {@code reconnectTimeout} (a request failing or timing out, or no
 * leader known to the client at all), the consumer fails: its blocking calls throw and the
 * connection's exception listener hears of it.
 *
 * <p>Thread-safe: state guarded by the session's lock; answers arrive on client I/O threads.
 */
final class Acquirer {

    private static final Logger log = LoggerFactory.getLogger(Acquirer.class);
    static final int MAX_WAIT_MS = 500;
    private static final long RETRY_BACKOFF_MS = 100;
    private static final int PARTITION_MAX_BYTES = 1 << 20;

    private final PartitaMessageConsumer consumer;
    private final SessionDelivery session;
    private final SubscriptionClient client;
    private final int prefetch;
    private final int[] epochs;
    private final int[] asked; // records asked for per partition; > 0 while a request is in flight
    private int outstanding; // sum of asked
    private int recoverGeneration;
    private int rotation;
    private long failingSinceMs = -1;
    private boolean retryScheduled;
    private volatile boolean stopped;
    private int inFlight; // ACQUIRE requests not answered yet
    /** After stop: completes when no request is in flight and what the last answers took is released. */
    private CompletableFuture<Void> drained;
    private CompletableFuture<Void> surplusReleased = CompletableFuture.completedFuture(null);

    Acquirer(PartitaMessageConsumer consumer, SessionDelivery session, int partitions, int prefetch) {
        this.consumer = consumer;
        this.session = session;
        this.client = session.connection().acquireCalls();
        this.prefetch = Math.max(1, prefetch);
        this.epochs = new int[partitions];
        this.asked = new int[partitions];
    }

    /** Loads the destination's leaders into the acquiring client, then starts prefetching. */
    void start() {
        long startedMs = System.currentTimeMillis();
        client.topic(consumer.topicKey(), false, reconnectTimeoutMs()).whenComplete((info, failure) -> {
            if (failure != null) {
                // no broker told this client the leaders for reconnectTimeout: already failing since the start
                session.lock().lock();
                try {
                    if (failingSinceMs < 0) {
                        failingSinceMs = startedMs;
                    }
                } finally {
                    session.lock().unlock();
                }
            }
            pump(); // on failure pump goes through the missing-leader path, which looks the topic up again or fails
        });
    }

    private long reconnectTimeoutMs() {
        return session.connection().connection().options().reconnectTimeoutMs();
    }

    /** Asks for more when the prefetch has room. Never blocks. */
    void pump() {
        if (stopped) {
            return;
        }
        Map<BrokerEndpoint, List<AcquirePartition>> requests = new HashMap<>();
        boolean leaderMissing = false;
        int generation;
        session.lock().lock();
        try {
            int budget = prefetch - consumer.buffer().size() - outstanding;
            List<Integer> idle = new ArrayList<>();
            for (int i = 0; i < asked.length; i++) {
                int p = (rotation + i) % asked.length;
                if (asked[p] == 0) {
                    idle.add(p);
                }
            }
            if (budget <= 0 || idle.isEmpty() || stopped) {
                return;
            }
            rotation = (rotation + 1) % asked.length;
            int ask = Math.min(idle.size(), budget);
            for (int i = 0; i < ask; i++) {
                int p = idle.get(i);
                var leader = client.leader(consumer.topicKey(), p);
                if (leader.isEmpty()) {
                    leaderMissing = true;
                    continue;
                }
                int records = budget / ask + (i < budget % ask ? 1 : 0);
                asked[p] = records;
                outstanding += records;
                requests.computeIfAbsent(leader.get(), l -> new ArrayList<>())
                        .add(new AcquirePartition(p, -1, epochs[p], records, PARTITION_MAX_BYTES));
            }
            generation = recoverGeneration;
            inFlight += requests.size();
        } finally {
            session.lock().unlock();
        }
        requests.forEach((leader, partitions) -> {
            session.connection().leaseHeldAt(leader);
            AcquireRequest request = new AcquireRequest(session.connection().connectionId(), session.sessionId(),
                    consumer.key(), consumer.generation(), consumer.topicKey(), MAX_WAIT_MS,
                    PARTITION_MAX_BYTES * partitions.size(), partitions);
            client.acquire(leader, request).whenComplete((response, failure) -> answered(partitions, generation, response, failure));
        });
        if (leaderMissing) {
            // a leader this client does not know counts as a broker that does not answer: without
            // this a consumer whose client never learnt the leaders (the broker went away before
            // the first lookup answered) retried forever and its receive never threw
            client.topic(consumer.topicKey(), false, reconnectTimeoutMs()); // looks up an unknown topic, tracks a known one
            client.refreshMetadata();
            retryOrFail(null);
        }
    }

    /**
     * After a failed attempt: retries soon, or when no leader answered for {@code reconnectTimeout}
     * fails the consumer (its blocked {@code receive} throws, the exception listener is told).
     */
    private void retryOrFail(Throwable failure) {
        long failingFor;
        session.lock().lock();
        try {
            long now = System.currentTimeMillis();
            if (failingSinceMs < 0) {
                failingSinceMs = now;
            }
            failingFor = now - failingSinceMs;
        } finally {
            session.lock().unlock();
        }
        long limit = reconnectTimeoutMs();
        if (failingFor > limit) {
            consumer.fail(new JMSException("no broker delivered messages of " + consumer.destination()
                    + " for " + failingFor + " ms (reconnectTimeout " + limit + " ms)"
                    + (failure == null ? ": no leader known" : ": " + JmsExceptions.unwrap(failure)), "BROKER_NOT_AVAILABLE"));
        } else {
            retryLater();
        }
    }

    /** Called with the session lock held: answers of requests sent before now are released. */
    void recovered() {
        recoverGeneration++;
    }

    /**
     * No more requests; answers still in flight are released. Returns a future that completes
     * (never exceptionally) once every request sent is answered (or failed, within the client's
     * request timeout) and what the answers acquired was released.
     */
    CompletableFuture<Void> stop() {
        CompletableFuture<Void> answered;
        Runnable complete;
        session.lock().lock();
        try {
            stopped = true;
            if (drained != null) {
                return drained;
            }
            drained = new CompletableFuture<>();
            answered = drained;
            complete = drainedIfIdle();
        } finally {
            session.lock().unlock();
        }
        complete.run();
        return answered;
    }

    /**
     * With the session lock held: what completes {@link #drained} once stopped and nothing is in
     * flight (a no-op otherwise), to run after unlocking (what waits on it must not run under the lock).
     */
    private Runnable drainedIfIdle() {
        if (drained == null || inFlight > 0) {
            return () -> { };
        }
        CompletableFuture<Void> done = drained;
        CompletableFuture<Void> releases = surplusReleased;
        return () -> releases.whenComplete((ok, e) -> done.complete(null));
    }

    /** A request was answered (handled, or its handling failed). */
    private void requestDone() {
        Runnable complete;
        session.lock().lock();
        try {
            inFlight--;
            complete = drainedIfIdle();
        } finally {
            session.lock().unlock();
        }
        complete.run();
    }

    /**
     * Handles an ACQUIRE answer (on a client I/O thread). Whatever goes wrong in it, the partitions
     * it answered are asked again: an exception escaping here would be swallowed by the future and
     * leave them counted as asked forever, and the consumer would never receive again.
     */
    private void answered(List<AcquirePartition> partitions, int generation, AcquireResponse response, Throwable failure) {
        boolean[] counted = new boolean[1]; // the request counts as answered once, whether handling throws or not
        Runnable done = () -> {
            if (!counted[0]) {
                counted[0] = true;
                requestDone();
            }
        };
        try {
            handleAnswer(partitions, generation, response, failure, done);
        } catch (RuntimeException e) {
            done.run();
            log.warn("handling an ACQUIRE answer for {} failed; asking again", consumer.destination(), e);
            session.lock().lock();
            try {
                for (AcquirePartition asked : partitions) {
                    outstanding -= this.asked[asked.partition()];
                    this.asked[asked.partition()] = 0;
                }
            } finally {
                session.lock().unlock();
            }
            retryLater();
        }
    }

    private void handleAnswer(List<AcquirePartition> partitions, int generation, AcquireResponse response, Throwable failure,
                              Runnable done) {
        Map<Integer, List<Decoded>> decoded = new HashMap<>();
        List<Decoded> unusable = new ArrayList<>();
        if (failure == null) {
            for (AcquiredPartition result : response.partitions()) {
                if (result.error() == Errors.NONE) {
                    decoded.put(result.partition(), decode(result, unusable));
                }
            }
        }
        List<Delivery> surplus = new ArrayList<>();
        List<Delivery> malformed = new ArrayList<>();
        boolean retry = failure != null;
        JMSException fatal = null;
        session.lock().lock();
        try {
            for (AcquirePartition asked : partitions) {
                outstanding -= this.asked[asked.partition()];
                this.asked[asked.partition()] = 0;
            }
            if (failure == null) {
                for (AcquiredPartition result : response.partitions()) {
                    int p = result.partition();
                    if (p < 0 || p >= epochs.length) {
                        continue;
                    }
                    Errors error = result.error();
                    if (error == Errors.NONE || error == Errors.STALE_SESSION_EPOCH) {
                        if (epochs[p] != result.sessionEpoch()) {
                            epochs[p] = result.sessionEpoch();
                            consumer.buffer().removeStale(p, epochs[p]); // the broker released those
                        }
                        for (Decoded d : decoded.getOrDefault(p, List.of())) {
                            Delivery delivery = toDelivery(p, d, epochs[p]);
                            if (stopped || generation != recoverGeneration) {
                                surplus.add(delivery);
                            } else {
                                consumer.buffer().add(delivery);
                            }
                        }
                    } else if (error.isRetriable()) {
                        retry = true;
                    } else if (fatal == null) {
                        fatal = JmsExceptions.toJms("receive from " + consumer.destination(), error.exception());
                    }
                }
                for (Decoded d : unusable) {
                    malformed.add(toDelivery(d.partition, d, epochs[d.partition]));
                }
            }
            if (!retry) {
                failingSinceMs = -1; // a leader answered
            }
        } finally {
            session.lock().unlock();
        }
        if (!surplus.isEmpty()) {
            CompletableFuture<Void> released = session.changes().release(List.of(), surplus);
            session.lock().lock();
            try {
                CompletableFuture<Void> settled = released.exceptionally(e -> null); // not the close's failure: the lease expiry frees them
                surplusReleased = surplusReleased.isDone() ? settled : CompletableFuture.allOf(surplusReleased, settled);
            } finally {
                session.lock().unlock();
            }
        }
        done.run();
        if (!malformed.isEmpty()) {
            // not a JMS message: never delivered; released as if delivered, so the broker's maximum
            // delivery count moves it to the dead-letter queue instead of it being lost or looping forever
            session.changes().release(malformed, List.of());
        }
        session.wakeUp();
        if (fatal != null) {
            consumer.fail(fatal);
        } else if (retry) {
            client.refreshMetadata();
            retryOrFail(failure);
        } else {
            pump();
        }
    }

    private void retryLater() {
        session.lock().lock();
        try {
            if (retryScheduled || stopped) {
                return;
            }
            retryScheduled = true;
        } finally {
            session.lock().unlock();
        }
        try {
            session.connection().timer().schedule(() -> {
                session.lock().lock();
                try {
                    retryScheduled = false;
                } finally {
                    session.lock().unlock();
                }
                pump();
            }, RETRY_BACKOFF_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the connection is closing
        }
    }

    private record Decoded(int partition, long offset, int deliveryCount, PartitaMessage message) {
    }

    private Delivery toDelivery(int partition, Decoded d, int epoch) {
        int priority = d.message == null ? 4 : d.message.getJMSPriority();
        return new Delivery(consumer, consumer.key(), consumer.generation(), consumer.topicKey(), partition, d.offset,
                d.deliveryCount, epoch, d.message, priority, session.nextSequence());
    }

    /** The acquired records of one partition, in offset order; malformed ones go to {@code unusable}. */
    private List<Decoded> decode(AcquiredPartition result, List<Decoded> unusable) {
        List<Decoded> out = new ArrayList<>();
        if (result.acquired().isEmpty() || !(result.records() instanceof MemoryRecords records)) {
            return out;
        }
        for (RecordBatch batch : records) {
            if (batch.isControlBatch()) {
                continue;
            }
            for (Record record : batch) {
                DeliveryRange range = rangeOf(result.acquired(), record.offset());
                if (range == null) {
                    continue;
                }
                try {
                    PartitaMessage message = MessageRecords.received(record, consumer.destination(), range.deliveryCount() + 1,
                            session.connection().connection().options().objectMessageAllowlist(), JmsCodecLimits.DEFAULT);
                    out.add(new Decoded(result.partition(), record.offset(), range.deliveryCount(), message));
                } catch (JMSException | RuntimeException e) {
                    log.warn("not delivering record {} of {} partition {} (released; dead-lettered after the maximum delivery count): {}", record.offset(), consumer.destination(),
                            result.partition(), e.toString());
                    unusable.add(new Decoded(result.partition(), record.offset(), range.deliveryCount(), null));
                }
            }
        }
        return out;
    }

    private static DeliveryRange rangeOf(List<DeliveryRange> ranges, long offset) {
        for (DeliveryRange range : ranges) {
            if (offset >= range.firstOffset() && offset <= range.lastOffset()) {
                return range;
            }
        }
        return null;
    }
}
