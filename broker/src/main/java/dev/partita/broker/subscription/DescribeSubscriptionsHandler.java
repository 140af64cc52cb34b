package dev.partita.broker.subscription;

import dev.partita.broker.cache.OffsetCache;
import dev.partita.broker.cache.OffsetEntry;
import dev.partita.broker.cache.OffsetKey;
import dev.partita.broker.server.RequestContext;
import dev.partita.broker.server.RequestHandler;
import dev.partita.broker.zk.TopicInfo;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.DescribeSubscriptionsRequest;
import dev.partita.protocol.message.DescribeSubscriptionsResponse;
import dev.partita.protocol.message.DescribeSubscriptionsResponse.DescribedPartition;
import dev.partita.protocol.message.DescribeSubscriptionsResponse.DescribedSubscription;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * DESCRIBE_SUBSCRIPTIONS: the subscriptions of the asked destinations (all when none are named),
 * with each partition's progress as the offset cache holds it. Any broker answers, from its own
 * cache member (which sees the entries every leader published); it asks no leader and reads no
 * {@code p.state}. When the cache is disabled, still starting or stopped, it answers
 * OFFSET_CACHE_UNAVAILABLE with a message saying so, never an empty list that would read as "no
 * subscriptions". Entries of destinations that no longer exist, or whose key this build cannot
 * read, are left out.
 *
 * <p>Stateless; the cache query runs on the cache's own thread, not the event loop.
 */
public final class DescribeSubscriptionsHandler extends RequestHandler<DescribeSubscriptionsRequest> {

    private static final Comparator<DescribedSubscription> ORDER = Comparator
            .comparing((DescribedSubscription s) -> s.destination().name())
            .thenComparing(s -> s.destination().kind())
            .thenComparing(s -> s.key().toString())
            .thenComparingLong(DescribedSubscription::generation);

    private final OffsetCache cache;
    private final Supplier<List<TopicInfo>> destinations;
    private final int brokerId;

    /**
     * @param cache        the broker's offset cache
     * @param destinations the registered destinations (an in-memory view; called on the event loop)
     * @param brokerId     this broker, named in errors
     */
    public DescribeSubscriptionsHandler(OffsetCache cache, Supplier<List<TopicInfo>> destinations, int brokerId) {
        super(ApiKey.DESCRIBE_SUBSCRIPTIONS, DescribeSubscriptionsRequest.class);
        this.cache = cache;
        this.destinations = destinations;
        this.brokerId = brokerId;
    }

    @Override
    protected CompletableFuture<DescribeSubscriptionsResponse> handle(RequestContext context, DescribeSubscriptionsRequest request) {
        if (!cache.isAvailable()) {
            return CompletableFuture.completedFuture(unavailable("Broker " + brokerId
                    + "'s offset cache is not running (disabled by cache.enabled=false, still starting, or stopped)"));
        }
        Map<String, TopicKey> byLog = new HashMap<>();
        Set<TopicKey> asked = request.destinations() == null ? null : new HashSet<>(request.destinations());
        for (TopicInfo info : destinations.get()) {
            if (asked == null || asked.contains(info.topic())) {
                byLog.put(info.logId(), info.topic());
            }
        }
        if (asked != null && byLog.isEmpty()) {
            return CompletableFuture.completedFuture(new DescribeSubscriptionsResponse(Errors.NONE, null, List.of()));
        }
        return cache.entries(asked == null ? List.of() : List.copyOf(byLog.keySet())).handle((entries, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                return unavailable("Broker " + brokerId + "'s offset cache did not answer: " + cause.getMessage());
            }
            return new DescribeSubscriptionsResponse(Errors.NONE, null, describe(entries, byLog));
        });
    }

    private static List<DescribedSubscription> describe(SortedMap<OffsetKey, OffsetEntry> entries, Map<String, TopicKey> byLog) {
        record Group(String logId, String subscription, long generation) {
        }
        Map<Group, List<DescribedPartition>> groups = new LinkedHashMap<>();
        for (Map.Entry<OffsetKey, OffsetEntry> cached : entries.entrySet()) {
            OffsetKey key = cached.getKey();
            if (!byLog.containsKey(key.logId())) {
                continue;
            }
            OffsetEntry entry = cached.getValue();
            groups.computeIfAbsent(new Group(key.logId(), key.subscription(), key.generation()), g -> new ArrayList<>())
                    .add(new DescribedPartition(key.partition(), entry.consumers(), entry.committedStart(), entry.logEnd(),
                            entry.lag(), entry.leaderEpoch(), entry.updatedAtMs()));
        }
        List<DescribedSubscription> described = new ArrayList<>(groups.size());
        groups.forEach((group, partitions) -> {
            Optional<SubscriptionKey> key = OffsetPublisher.subscriptionOf(group.subscription());
            if (key.isPresent()) {
                partitions.sort(Comparator.comparingInt(DescribedPartition::partition));
                described.add(new DescribedSubscription(byLog.get(group.logId()), key.get(), group.generation(), partitions));
            }
        });
        described.sort(ORDER);
        return described;
    }

    private static DescribeSubscriptionsResponse unavailable(String message) {
        return new DescribeSubscriptionsResponse(Errors.OFFSET_CACHE_UNAVAILABLE,
                message + "; subscription progress cannot be described (delivery is unaffected)", List.of());
    }
}
