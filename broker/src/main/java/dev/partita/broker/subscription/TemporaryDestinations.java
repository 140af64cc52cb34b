package dev.partita.broker.subscription;

import dev.partita.broker.delivery.ConnectionId;
import dev.partita.broker.delivery.StateLog.StateKey;
import dev.partita.broker.partition.Appender;
import dev.partita.broker.server.handler.TopicService;
import dev.partita.broker.zk.LogPartition;
import dev.partita.broker.zk.TopicInfo;
import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.CreateTopicsRequest.CreatableTopic;
import dev.partita.protocol.message.DestinationKind;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.TemporaryDestinationName;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.CompressionType;
import dev.partita.protocol.record.Header;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.Record;
import dev.partita.protocol.record.SimpleRecord;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporary queues and topics (DESIGN.md "Temporary destinations"): keyed sub-streams of the
 * internal single-partition topics {@code __partita.temporary.<i>} (created once each, at first
 * use, like any destination). A temporary destination's name ({@link TemporaryDestinationName})
 * says which internal topic holds it, its owner (a logical connection id) and the owner's sequence
 * number; its records carry the key made of those, so creating one writes nothing to ZooKeeper.
 *
 * <p>This broker keeps the destinations it created in memory (the internal topic's partition
 * leader is the only broker that decides whether one exists):
 * <ul>
 *   <li>a request naming one (produce, metadata, subscribe, acquire, ack) resolves, through
 *       {@link #resolve}, to a one-partition view of its internal topic, or fails with
 *       TEMPORARY_DESTINATION_GONE once it is deleted (or was never created here);</li>
 *   <li>a temporary queue has one subscription, created with it at the log end, which all its
 *       consumers share (queue semantics); each consumer of a temporary topic has a private one,
 *       started when it subscribes (topic semantics); only the owner may subscribe ({@link Destinations});</li>
 *   <li>acquires see only the records of their destination ({@link #itsRecords}): the others
 *       are archived for that subscription as filtered (each destination has subscriptions of its
 *       own, so no destination loses its records); on a temporary queue what one consumer's
 *       selector rejects stays available for the others, as on any queue. This scans the other destinations' records
 *       of the same internal topic; a per-key index is the next step;</li>
 *   <li>deleting one (explicitly, or when its owner's lease expires) appends a tombstone record
 *       with its key and drops its queue subscription, which releases what that held.</li>
 * </ul>
 * After a broker restart no temporary destination exists: they live as long as the memory of the
 * broker that created them.
 *
 * <p>Thread-safe: the live set is a concurrent map; partition work runs on partition threads.
 */
public final class TemporaryDestinations {

    /** How many internal topics temporary destinations spread over (an owner's go to the one its id hashes to). */
    public static final int INTERNAL_TOPICS = 4;
    /** Header of the tombstone record a deletion appends (value: none). */
    public static final String TOMBSTONE_HEADER = "partita.temporary.deleted";
    private static final long CREATE_TIMEOUT_MS = 10_000;
    private static final long TOMBSTONE_TIMEOUT_MS = 30_000;
    private static final Logger log = LoggerFactory.getLogger(TemporaryDestinations.class);

    private final SubscriptionManager manager;
    private final TopicService topics;
    private final Appender appender;
    private final int internalTopics;
    private final Map<String, TemporaryDestinationName> live = new ConcurrentHashMap<>();
    /** The internal topics this broker resolved (the registry's cache may learn of a new one a moment later). */
    private final Map<Integer, TopicInfo> internal = new ConcurrentHashMap<>();
    /** State keys of the live temporary queues' subscriptions (kept when a consumer closes). */
    private final Set<StateKey> queueSubscriptions = ConcurrentHashMap.newKeySet();

    /** @param internalTopics how many internal topics temporary destinations spread over (at least 1) */
    TemporaryDestinations(SubscriptionManager manager, TopicService topics, Appender appender, int internalTopics) {
        this.manager = manager;
        this.topics = topics;
        this.appender = appender;
        this.internalTopics = Math.max(1, internalTopics);
    }

    /**
     * Creates a temporary destination of {@code owner} on the internal topic its id hashes to, or
     * the next one this broker leads; a queue's subscription is committed before the answer.
     *
     * @return its name
     */
    CompletableFuture<String> create(UUID owner, DestinationKind kind, long sequence) {
        manager.touch(ConnectionId.of(owner));
        return pick(Math.floorMod(owner.hashCode(), internalTopics), 0).thenCompose(picked -> {
            TemporaryDestinationName name = new TemporaryDestinationName(kind, picked.index(), owner, sequence);
            if (live.putIfAbsent(name.name(), name) != null) {
                throw new ApiException(Errors.INVALID_REQUEST, name + " exists already (sequence numbers are never reused)");
            }
            if (kind == DestinationKind.TOPIC) {
                return CompletableFuture.completedFuture(name.name());
            }
            StateKey key = StateKeys.of(name.queueSubscription(), 0);
            queueSubscriptions.add(key);
            manager.privateSubscribed(key, picked.partition());
            return manager.subscribe(picked.partition(), key, false, false).handle((start, failure) -> {
                if (failure != null) {
                    live.remove(name.name());
                    queueSubscriptions.remove(key);
                    throw new CompletionException(SubscriptionErrors.unwrap(failure));
                }
                return name.name();
            });
        });
    }

    private record Picked(int index, LogPartition partition) {
    }

    /** The first internal topic from {@code index} on whose partition this broker leads (creating it if needed). */
    private CompletableFuture<Picked> pick(int index, int tried) {
        if (tried == internalTopics) {
            return CompletableFuture.failedFuture(new ApiException(Errors.NOT_LEADER_OR_FOLLOWER, "Broker "
                    + manager.replicas().brokerId() + " leads none of the " + internalTopics
                    + " internal topics of temporary destinations: ask another broker"));
        }
        return internalTopic(index).thenCompose(info -> {
            LogPartition partition = new LogPartition(info.logId(), 0);
            if (topics.metadata(info).partitions().get(0).leaderId() == manager.replicas().brokerId()) {
                return CompletableFuture.completedFuture(new Picked(index, partition));
            }
            return pick((index + 1) % internalTopics, tried + 1);
        });
    }

    /** The internal topic {@code index}, created (one partition) when it does not exist yet. */
    private CompletableFuture<TopicInfo> internalTopic(int index) {
        TopicKey key = TemporaryDestinationName.internalTopic(index);
        TopicInfo known = internal.get(index);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return topics.resolve(key, false).exceptionallyCompose(missing ->
                topics.create(new CreatableTopic(key, 1, CreatableTopic.DEFAULT_REPLICATION_FACTOR, Map.of()),
                        (int) CREATE_TIMEOUT_MS, false).thenCompose(result -> {
                    if (result.error() != Errors.NONE && result.error() != Errors.TOPIC_ALREADY_EXISTS) {
                        throw new ApiException(result.error(), "Creating the internal topic " + key + " failed: "
                                + result.errorMessage());
                    }
                    return topics.resolve(key, false);
                })).thenApply(info -> {
                    internal.put(index, info);
                    return info;
                });
    }

    /**
     * For {@link TopicService}: a request key naming a temporary destination resolves to a
     * one-partition view of its internal topic (null: not a temporary destination). On the leader
     * of that topic it fails with TEMPORARY_DESTINATION_GONE unless the destination is live here;
     * other brokers let the request through (the leader decides when it gets there).
     */
    CompletableFuture<TopicInfo> resolve(TopicKey key) {
        Optional<TemporaryDestinationName> name = TemporaryDestinationName.of(key);
        if (name.isEmpty()) {
            return null;
        }
        TemporaryDestinationName temporary = name.get();
        TopicInfo known = internal.get(temporary.index());
        CompletableFuture<TopicInfo> topic = known != null ? CompletableFuture.completedFuture(known)
                : topics.resolve(temporary.internalTopic(), false);
        return topic.handle((info, failure) -> {
            if (failure != null) {
                throw gone(temporary); // its internal topic does not even exist
            }
            boolean leader = manager.replicas().leaderPartition(new LogPartition(info.logId(), 0)).isPresent();
            if (leader && !live.containsKey(temporary.name())) {
                throw gone(temporary);
            }
            return new TopicInfo(key, info.logId(), 1, info.replicationFactor(), info.configs());
        });
    }

    private static ApiException gone(TemporaryDestinationName name) {
        return new ApiException(Errors.TEMPORARY_DESTINATION_GONE, "The temporary "
                + (name.kind() == DestinationKind.QUEUE ? "queue " : "topic ") + name
                + " does not exist: it was deleted, or the connection that created it closed");
    }

    /**
     * Deletes a temporary destination of {@code owner}: NOT_TEMPORARY_DESTINATION_OWNER for
     * another connection's, TEMPORARY_DESTINATION_GONE for one that does not exist.
     */
    CompletableFuture<Void> delete(UUID owner, String nameText) {
        manager.touch(ConnectionId.of(owner));
        TemporaryDestinationName name = live.get(nameText);
        if (name == null) {
            Optional<TemporaryDestinationName> parsed = TemporaryDestinationName.parse(nameText);
            return CompletableFuture.failedFuture(parsed.isPresent() ? gone(parsed.get())
                    : new ApiException(Errors.INVALID_REQUEST, nameText + " is not the name of a temporary destination"));
        }
        if (!name.owner().equals(owner)) {
            return CompletableFuture.failedFuture(new ApiException(Errors.NOT_TEMPORARY_DESTINATION_OWNER,
                    "Only connection " + name.owner() + " may delete " + name));
        }
        return remove(name);
    }

    /** Lease expiry: every temporary destination the connection owns goes. */
    void expire(ConnectionId connection) {
        for (TemporaryDestinationName name : List.copyOf(live.values())) {
            if (ConnectionId.of(name.owner()).equals(connection)) {
                remove(name).whenComplete((done, failure) -> {
                    if (failure != null) {
                        log.warn("Deleting {} of expired connection {} failed: {}", name, connection, failure.toString());
                    }
                });
            }
        }
    }

    /** Whether a state key is a live temporary queue's subscription (it outlives its consumers). */
    boolean isLiveQueueSubscription(StateKey key) {
        return queueSubscriptions.contains(key);
    }

    /** How many temporary destinations this broker holds. */
    int liveCount() {
        return live.size();
    }

    private CompletableFuture<Void> remove(TemporaryDestinationName name) {
        if (live.remove(name.name()) == null) {
            return CompletableFuture.completedFuture(null); // deleted concurrently
        }
        TopicInfo info = internal.get(name.index());
        if (info == null) {
            return CompletableFuture.completedFuture(null); // created on another leader's watch: nothing here to drop
        }
        LogPartition partition = new LogPartition(info.logId(), 0);
        CompletableFuture<Boolean> dropped = CompletableFuture.completedFuture(true);
        if (name.kind() == DestinationKind.QUEUE) {
            StateKey key = StateKeys.of(name.queueSubscription(), 0);
            queueSubscriptions.remove(key);
            dropped = manager.dropPrivate(key);
        }
        SimpleRecord tombstone = new SimpleRecord(manager.nowMs(), name.recordKey(), null,
                new Header(TOMBSTONE_HEADER, new byte[0]));
        return dropped.thenCompose(ignored -> appender.append(partition,
                MemoryRecords.withRecords(CompressionType.NONE, tombstone), Acks.ALL, TOMBSTONE_TIMEOUT_MS))
                .thenAccept(result -> {
                    if (result.error() != Errors.NONE) {
                        log.warn("The tombstone of {} was not appended: {} {}", name, result.error(), result.errorMessage());
                    }
                });
    }

    /**
     * A browse's record filter on a temporary destination: only records with its key that are not
     * a tombstone, and that {@code selector} (may be null) accepts. Any other destination keeps
     * {@code selector}.
     */
    static Acquirer.RecordFilter onlyItsRecords(TopicKey topic, Acquirer.RecordFilter selector) {
        Acquirer.RecordFilter own = itsRecords(topic);
        if (own == null) {
            return selector;
        }
        return records -> {
            LongPredicate mine = own.over(records);
            return selector == null ? mine : mine.and(selector.over(records));
        };
    }

    /**
     * The records of a temporary destination (those with its key that are not a tombstone), or null
     * for any other destination (all its records are its own). An acquire archives the others for
     * its subscription whatever the selector, and keeps the selector's rejections apart (a
     * temporary queue leaves them to its other consumers).
     */
    static Acquirer.RecordFilter itsRecords(TopicKey topic) {
        Optional<TemporaryDestinationName> name = TemporaryDestinationName.of(topic);
        if (name.isEmpty()) {
            return null;
        }
        ByteBuffer key = ByteBuffer.wrap(name.get().recordKey());
        return records -> {
            Set<Long> mine = new HashSet<>();
            for (Record record : records.records()) {
                if (record.hasKey() && key.equals(record.key()) && !isTombstone(record)) {
                    mine.add(record.offset());
                }
            }
            return mine::contains;
        };
    }

    /** Whether {@code topic} names a temporary queue (queue semantics on a private key). */
    static boolean isTemporaryQueue(TopicKey topic) {
        return TemporaryDestinationName.of(topic).map(name -> name.kind() == DestinationKind.QUEUE).orElse(false);
    }

    private static boolean isTombstone(Record record) {
        for (Header header : record.headers()) {
            if (TOMBSTONE_HEADER.equals(header.key())) {
                return true;
            }
        }
        return false;
    }
}
