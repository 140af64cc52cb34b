package dev.partita.client.metadata;

import dev.partita.client.ClientClosedException;
import dev.partita.client.network.BrokerEndpoint;
import dev.partita.client.network.Futures;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.MetadataRequest;
import dev.partita.protocol.message.MetadataResponse;
import dev.partita.protocol.message.TopicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's view of the cluster: which brokers are alive and which broker leads each partition
 * of the topics this client uses, with the leader epoch.
 *
 * <p>Starts from the bootstrap brokers and learns the others from the first answer. Topics are
 * looked up on first use ({@link #topic}, which can ask the broker to auto-create them; the broker
 * decides whether it may) and then tracked: {@link #requestUpdate()} refreshes every tracked topic,
 * and producers and consumers call it when a broker answers NOT_LEADER_OR_FOLLOWER,
 * UNKNOWN_TOPIC_OR_PARTITION, LEADER_NOT_AVAILABLE or a leader epoch error (see
 * {@link #isStaleMetadataError}). Refreshes are coalesced: at most one is in flight, and requests
 * made meanwhile are served by one more refresh after it. Requests go to one broker at a time,
 * moving to the next known broker after a failure.
 *
 * <p>Thread-safe. Reads ({@link #snapshot()}) are lock-free; futures complete on whichever thread
 * completes the fetch (an event loop in production), so their stages must not block.
 */
public final class MetadataCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetadataCache.class);

    private final MetadataFetcher fetcher;
    private final List<BrokerEndpoint> bootstrap;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier clockMs;
    private final long retryBackoffMs;
    private final long maxAgeMs;

    private volatile MetadataSnapshot snapshot = MetadataSnapshot.EMPTY;
    private final Set<TopicKey> tracked = ConcurrentHashMap.newKeySet();
    /** Lookups in flight; one with auto-create and one without never share an answer. */
    private record Lookup(TopicKey topic, boolean autoCreate) {
    }

    private final ConcurrentHashMap<Lookup, CompletableFuture<TopicInfo>> lookups = new ConcurrentHashMap<>();
    private int nextBroker; // guarded by this
    private boolean refreshInFlight; // guarded by this
    private CompletableFuture<MetadataSnapshot> nextRefresh; // guarded by this: a refresh asked for during one in flight
    private volatile boolean closed;

    public MetadataCache(MetadataFetcher fetcher, List<BrokerEndpoint> bootstrap, ScheduledExecutorService scheduler,
                         LongSupplier clockMs, long retryBackoffMs, long maxAgeMs) {
        if (bootstrap.isEmpty()) {
            throw new IllegalArgumentException("no bootstrap brokers");
        }
        this.fetcher = fetcher;
        this.bootstrap = List.copyOf(bootstrap);
        this.scheduler = scheduler;
        this.clockMs = clockMs;
        this.retryBackoffMs = retryBackoffMs;
        this.maxAgeMs = maxAgeMs;
    }

    /** The errors after which a partition's leader must be looked up again. */
    public static boolean isStaleMetadataError(Errors error) {
        return switch (error) {
            case NOT_LEADER_OR_FOLLOWER, UNKNOWN_TOPIC_OR_PARTITION, LEADER_NOT_AVAILABLE,
                 FENCED_LEADER_EPOCH, UNKNOWN_LEADER_EPOCH, NETWORK_EXCEPTION, BROKER_NOT_AVAILABLE -> true;
            default -> false;
        };
    }

    public MetadataSnapshot snapshot() {
        return snapshot;
    }

    public Optional<PartitionInfo> partition(TopicPartition tp) {
        return snapshot.partition(tp);
    }

    public Optional<BrokerEndpoint> leaderEndpoint(TopicPartition tp) {
        return snapshot.leaderEndpoint(tp);
    }

    /**
     * The topic's partitions: from the cache when known, else asked of a broker (creating the topic
     * when {@code autoCreate} and the broker allows it), retried while the answer is retriable (a
     * topic just created has no leader yet) until {@code timeoutMs}. Fails with the broker's error
     * when it is not retriable (UNKNOWN_TOPIC_OR_PARTITION when auto-create is off), or
     * REQUEST_TIMED_OUT.
     */
    public CompletableFuture<TopicInfo> topic(TopicKey topic, boolean autoCreate, long timeoutMs) {
        Optional<TopicInfo> cached = snapshot.topic(topic);
        if (cached.isPresent()) {
            tracked.add(topic);
            if (clockMs.getAsLong() - snapshot.updatedAtMs() > maxAgeMs) {
                requestUpdate();
            }
            return CompletableFuture.completedFuture(cached.get());
        }
        CompletableFuture<TopicInfo> lookup = new CompletableFuture<>();
        Lookup key = new Lookup(topic, autoCreate);
        CompletableFuture<TopicInfo> existing = lookups.putIfAbsent(key, lookup);
        if (existing != null) {
            return existing;
        }
        lookup.whenComplete((info, error) -> lookups.remove(key, lookup));
        lookupTopic(topic, autoCreate, clockMs.getAsLong() + timeoutMs, lookup, null);
        return lookup;
    }

    private void lookupTopic(TopicKey topic, boolean autoCreate, long deadlineMs, CompletableFuture<TopicInfo> result, Throwable lastError) {
        if (closed) {
            result.completeExceptionally(new ClientClosedException("client is closed"));
            return;
        }
        if (clockMs.getAsLong() >= deadlineMs) {
            String reason = lastError == null ? "" : ": " + lastError.getMessage();
            ApiException timeout = Errors.REQUEST_TIMED_OUT.exception("metadata for " + topic + " not available in time" + reason);
            if (lastError != null) {
                timeout.initCause(lastError);
            }
            result.completeExceptionally(timeout);
            return;
        }
        BrokerEndpoint broker = currentBroker();
        fetcher.fetch(broker, new MetadataRequest(List.of(topic), autoCreate)).whenComplete((response, error) -> {
            if (error != null) {
                Throwable cause = Futures.unwrap(error);
                if (cause instanceof ApiException api && !api.isRetriable()) {
                    result.completeExceptionally(cause);
                    return;
                }
                log.debug("metadata request to {} failed: {}", broker, cause.toString());
                advanceBroker(broker);
                retryLater(() -> lookupTopic(topic, autoCreate, deadlineMs, result, cause), result);
                return;
            }
            update(response);
            MetadataResponse.TopicMetadata answer = response.topics().stream()
                    .filter(t -> t.topic().equals(topic)).findFirst().orElse(null);
            Optional<TopicInfo> info = snapshot.topic(topic);
            if (answer != null && answer.error() == Errors.NONE && info.isPresent() && info.get().partitionCount() > 0) {
                tracked.add(topic);
                result.complete(info.get());
            } else if (answer != null && answer.error() != Errors.NONE && !answer.error().isRetriable()) {
                result.completeExceptionally(answer.error().exception(describe(topic, answer.error(), autoCreate)));
            } else {
                ApiException retriable = (answer == null ? Errors.LEADER_NOT_AVAILABLE : answer.error() == Errors.NONE
                        ? Errors.LEADER_NOT_AVAILABLE : answer.error()).exception("topic " + topic + " not ready");
                retryLater(() -> lookupTopic(topic, autoCreate, deadlineMs, result, retriable), result);
            }
        });
    }

    private static String describe(TopicKey topic, Errors error, boolean autoCreate) {
        if (error == Errors.UNKNOWN_TOPIC_OR_PARTITION) {
            return "topic " + topic + " does not exist" + (autoCreate ? " and the broker did not create it" : "");
        }
        return "metadata for " + topic + ": " + error.message();
    }

    /** Asks for a refresh of every tracked topic soon; returns at once. */
    public void requestUpdate() {
        refresh();
    }

    /**
     * Refreshes every tracked topic (and the broker list). If a refresh is in flight, the returned
     * future completes after the one that follows it, so the answer is never older than this call.
     */
    public CompletableFuture<MetadataSnapshot> refresh() {
        CompletableFuture<MetadataSnapshot> result;
        synchronized (this) {
            if (refreshInFlight) {
                if (nextRefresh == null) {
                    nextRefresh = new CompletableFuture<>();
                }
                return nextRefresh;
            }
            refreshInFlight = true;
            result = new CompletableFuture<>();
        }
        startRefresh(result);
        return result;
    }

    private void startRefresh(CompletableFuture<MetadataSnapshot> result) {
        if (closed) {
            finishRefresh(result, null, new ClientClosedException("client is closed"));
            return;
        }
        BrokerEndpoint broker = currentBroker();
        fetcher.fetch(broker, new MetadataRequest(new ArrayList<>(new LinkedHashSet<>(tracked)), false))
                .whenComplete((response, error) -> {
                    if (error != null) {
                        advanceBroker(broker);
                        finishRefresh(result, null, Futures.unwrap(error));
                    } else {
                        finishRefresh(result, update(response), null);
                    }
                });
    }

    private void finishRefresh(CompletableFuture<MetadataSnapshot> result, MetadataSnapshot updated, Throwable error) {
        CompletableFuture<MetadataSnapshot> next;
        synchronized (this) {
            next = nextRefresh;
            nextRefresh = null;
            refreshInFlight = next != null;
        }
        if (error != null) {
            result.completeExceptionally(error);
        } else {
            result.complete(updated);
        }
        if (next != null) {
            // Wait a little before the follow-up so a broker that keeps failing is not hammered.
            if (error != null) {
                retryLater(() -> startRefresh(next), next);
            } else {
                startRefresh(next);
            }
        }
    }

    private MetadataSnapshot update(MetadataResponse response) {
        synchronized (this) {
            snapshot = snapshot.merge(response, clockMs.getAsLong());
            return snapshot;
        }
    }

    /** The broker to ask next: the known live brokers, or the bootstrap list before any answer. */
    private synchronized BrokerEndpoint currentBroker() {
        List<BrokerEndpoint> candidates = candidates();
        return candidates.get(Math.floorMod(nextBroker, candidates.size()));
    }

    private synchronized void advanceBroker(BrokerEndpoint failed) {
        List<BrokerEndpoint> candidates = candidates();
        if (candidates.get(Math.floorMod(nextBroker, candidates.size())).equals(failed)) {
            nextBroker++;
        }
    }

    private List<BrokerEndpoint> candidates() {
        Set<BrokerEndpoint> all = new LinkedHashSet<>();
        snapshot.brokers().stream().sorted(java.util.Comparator.comparingInt(BrokerNode::id))
                .forEach(b -> all.add(b.endpoint()));
        all.addAll(bootstrap); // the bootstrap list stays a fallback when every known broker failed
        return new ArrayList<>(all);
    }

    /** Any broker worth sending a cluster-wide request to (admin requests). */
    public BrokerEndpoint anyBroker() {
        return currentBroker();
    }

    /** Marks {@code broker} as failed so the next cluster-wide request goes elsewhere. */
    public void brokerFailed(BrokerEndpoint broker) {
        advanceBroker(broker);
    }

    private void retryLater(Runnable action, CompletableFuture<?> result) {
        try {
            scheduler.schedule(action, retryBackoffMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new ClientClosedException("client is closed"));
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
