package dev.partita.provider.consumer;

import dev.partita.client.network.BrokerEndpoint;
import dev.partita.client.subscription.SubscriptionClient;
import dev.partita.protocol.message.AcknowledgeRequest;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.DeliveryRange;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.ReleaseRequest;
import dev.partita.protocol.message.ReleasedRange;
import dev.partita.protocol.message.SessionPartitionResult;
import dev.partita.provider.consumer.Delivery.Subscription;
import dev.partita.provider.util.JmsExceptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Acknowledges and releases deliveries of one session: groups them by subscription generation,
 * session epoch and partition leader into ACKNOWLEDGE / RELEASE requests of explicit offset ranges
 * (each with the delivery count it was acquired at), sends them, and retries the partitions whose
 * answer is retriable (leader moved, an earlier change still in flight, connection lost) until
 * {@code retryForMs} has passed. A non-retriable answer ({@code STALE_SESSION_EPOCH},
 * {@code OFFSETS_NOT_HELD}, ...) fails the returned future with its {@code ApiException}.
 *
 * <p>Thread-safe and stateless apart from its collaborators; futures complete on a client I/O
 * thread or the connection's timer thread.
 */
final class StateChanges {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StateChanges.class);

    private static final long RETRY_BACKOFF_MS = 50;

    private final SubscriptionClient client;
    private final UUID sessionId;
    private final ScheduledExecutorService timer;
    private final long retryForMs;

    StateChanges(SubscriptionClient client, UUID sessionId, ScheduledExecutorService timer, long retryForMs) {
        this.client = client;
        this.sessionId = sessionId;
        this.timer = timer;
        this.retryForMs = retryForMs;
    }

    /** Acknowledges these deliveries (all of them, whatever their consumer). */
    CompletableFuture<Void> acknowledge(Collection<Delivery> deliveries) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        long deadline = System.currentTimeMillis() + retryForMs;
        group(deliveries).forEach((unit, partitions) -> all.add(send(unit, partitions, true, deadline)));
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));
    }

    /**
     * Releases these deliveries, those in {@code delivered} (they reached the application) with
     * delivery count + 1, the others without.
     */
    CompletableFuture<Void> release(Collection<Delivery> delivered, Collection<Delivery> notDelivered) {
        List<Delivery> all = new ArrayList<>(delivered);
        all.addAll(notDelivered);
        java.util.Set<Delivery> reached = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        reached.addAll(delivered);
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        long deadline = System.currentTimeMillis() + retryForMs;
        group(all).forEach((unit, partitions) -> sends.add(sendRelease(unit, partitions, reached, deadline)));
        return CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0]));
    }

    private record Unit(Subscription subscription, int sessionEpoch) {
    }

    private static Map<Unit, Map<Integer, List<Delivery>>> group(Collection<Delivery> deliveries) {
        Map<Unit, Map<Integer, List<Delivery>>> units = new LinkedHashMap<>();
        for (Delivery d : deliveries) {
            units.computeIfAbsent(new Unit(d.subscription(), d.sessionEpoch()), u -> new HashMap<>())
                    .computeIfAbsent(d.partition(), p -> new ArrayList<>()).add(d);
        }
        return units;
    }

    /** Sorted, merged ranges of equal delivery count. */
    static List<DeliveryRange> ranges(List<Delivery> deliveries) {
        List<Delivery> sorted = new ArrayList<>(deliveries);
        sorted.sort(Comparator.comparingLong(Delivery::offset));
        List<DeliveryRange> ranges = new ArrayList<>();
        DeliveryRange open = null;
        for (Delivery d : sorted) {
            if (open != null && open.lastOffset() == d.offset()) {
                continue; // the same offset twice: name it once
            }
            if (open != null && open.lastOffset() + 1 == d.offset() && open.deliveryCount() == d.deliveryCount()) {
                open = new DeliveryRange(open.firstOffset(), d.offset(), open.deliveryCount());
            } else {
                if (open != null) {
                    ranges.add(open);
                }
                open = new DeliveryRange(d.offset(), d.offset(), d.deliveryCount());
            }
        }
        if (open != null) {
            ranges.add(open);
        }
        return ranges;
    }

    private CompletableFuture<Void> send(Unit unit, Map<Integer, List<Delivery>> partitions, boolean ack, long deadline) {
        return perLeader(unit, partitions, deadline, (leader, part) -> {
            Subscription s = unit.subscription();
            List<AcknowledgeRequest.AcknowledgePartition> list = new ArrayList<>();
            part.forEach((p, ds) -> list.add(new AcknowledgeRequest.AcknowledgePartition(p, unit.sessionEpoch(), ranges(ds))));
            return client.acknowledge(leader, new AcknowledgeRequest(sessionId, s.key(), s.generation(), s.topic(), list))
                    .thenApply(r -> r.partitions());
        });
    }

    private CompletableFuture<Void> sendRelease(Unit unit, Map<Integer, List<Delivery>> partitions,
                                                java.util.Set<Delivery> reached, long deadline) {
        return perLeader(unit, partitions, deadline, (leader, part) -> {
            Subscription s = unit.subscription();
            List<ReleaseRequest.ReleasePartition> list = new ArrayList<>();
            part.forEach((p, ds) -> {
                List<Delivery> yes = ds.stream().filter(reached::contains).toList();
                List<Delivery> no = ds.stream().filter(d -> !reached.contains(d)).toList();
                List<ReleasedRange> released = new ArrayList<>();
                ranges(yes).forEach(r -> released.add(new ReleasedRange(r, true)));
                ranges(no).forEach(r -> released.add(new ReleasedRange(r, false)));
                released.sort(Comparator.comparingLong(r -> r.range().firstOffset()));
                list.add(new ReleaseRequest.ReleasePartition(p, unit.sessionEpoch(), released));
            });
            return client.release(leader, new ReleaseRequest(sessionId, s.key(), s.generation(), s.topic(), list))
                    .thenApply(r -> r.partitions());
        });
    }

    @FunctionalInterface
    private interface LeaderCall {
        CompletableFuture<List<SessionPartitionResult>> call(BrokerEndpoint leader, Map<Integer, List<Delivery>> partitions);
    }

    /** Sends one request per leader; retries the partitions whose answer (or connection) failed retriably. */
    private CompletableFuture<Void> perLeader(Unit unit, Map<Integer, List<Delivery>> partitions, long deadline, LeaderCall call) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt(unit, partitions, deadline, call, done);
        return done;
    }

    private void attempt(Unit unit, Map<Integer, List<Delivery>> partitions, long deadline, LeaderCall call,
                         CompletableFuture<Void> done) {
        Map<BrokerEndpoint, Map<Integer, List<Delivery>>> byLeader = new HashMap<>();
        Map<Integer, List<Delivery>> noLeader = new HashMap<>();
        partitions.forEach((p, ds) -> {
            Optional<BrokerEndpoint> leader = client.leader(unit.subscription().topic(), p);
            if (leader.isPresent()) {
                byLeader.computeIfAbsent(leader.get(), l -> new HashMap<>()).put(p, ds);
            } else {
                noLeader.put(p, ds);
            }
        });
        Map<Integer, List<Delivery>> retry = new java.util.concurrent.ConcurrentHashMap<>(noLeader);
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> fatal = new java.util.concurrent.atomic.AtomicReference<>();
        byLeader.forEach((leader, part) -> calls.add(call.call(leader, part).handle((results, failure) -> {
            if (failure != null) {
                Throwable cause = JmsExceptions.unwrap(failure);
                if (cause instanceof ApiException api && !api.error().isRetriable()) {
                    fatal.compareAndSet(null, cause);
                } else {
                    log.debug("state change to {} failed, retrying: {}", leader, cause.toString());
                    retry.putAll(part);
                }
                return null;
            }
            for (SessionPartitionResult result : results) {
                Errors error = result.error();
                if (error == Errors.NONE || !part.containsKey(result.partition())) {
                    continue;
                }
                if (error.isRetriable()) {
                    log.debug("{} partition {}: {}, retrying", unit.subscription().topic(), result.partition(), error);
                    retry.put(result.partition(), part.get(result.partition()));
                } else {
                    fatal.compareAndSet(null, error.exception(describe(unit, result)));
                }
            }
            return null;
        })));
        CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).whenComplete((ignored, never) -> {
            if (fatal.get() != null) {
                done.completeExceptionally(fatal.get());
            } else if (retry.isEmpty()) {
                done.complete(null);
            } else if (System.currentTimeMillis() >= deadline) {
                done.completeExceptionally(Errors.REQUEST_TIMED_OUT.exception("no partition leader of "
                        + unit.subscription().topic() + " confirmed the change within " + retryForMs + " ms"));
            } else {
                client.refreshMetadata();
                try {
                    timer.schedule(() -> attempt(unit, new HashMap<>(retry), deadline, call, done),
                            RETRY_BACKOFF_MS, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    done.completeExceptionally(e);
                }
            }
        });
    }

    private static String describe(Unit unit, SessionPartitionResult result) {
        String detail = result.errorMessage() == null ? result.error().message() : result.errorMessage();
        return detail + " (" + unit.subscription().topic() + " partition " + result.partition() + ")";
    }
}
