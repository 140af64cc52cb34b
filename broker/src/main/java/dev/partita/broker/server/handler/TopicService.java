package dev.partita.broker.server.handler;

import dev.partita.broker.NamedThreadFactory;
import dev.partita.broker.config.BrokerConfig;
import dev.partita.broker.partition.DestinationQuota;
import dev.partita.broker.zk.BrokerRegistry;
import dev.partita.broker.zk.ControllerElection;
import dev.partita.broker.zk.CoordinationTimeoutException;
import dev.partita.broker.zk.LogPartition;
import dev.partita.broker.zk.PartitionState;
import dev.partita.broker.zk.PartitionStateStore;
import dev.partita.broker.zk.TopicInfo;
import dev.partita.broker.zk.TopicRegistry;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.CreateTopicsRequest.CreatableTopic;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.MetadataResponse.BrokerInfo;
import dev.partita.protocol.message.MetadataResponse.PartitionMetadata;
import dev.partita.protocol.message.MetadataResponse.TopicMetadata;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.message.TopicResult;
import dev.partita.storage.log.LogConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Destinations as the request handlers see them: lookup by (kind, name), auto-create on first use,
 * create and delete, and the metadata answer (brokers, controller, partition leaders). ZooKeeper
 * calls block, so they run on {@code partita-admin} threads, never on an event loop; lookups of
 * known destinations answer from the registries' caches.
 *
 * <p>Thread-safe.
 */
public final class TopicService implements AutoCloseable {

    /** Until followers replicate, a second replica would only be a promise: refuse it. */
    public static final short MAX_REPLICATION_FACTOR = 1;

    /** Destination configs of the subscription layer (read by {@code dev.partita.broker.subscription}). */
    public static final java.util.Set<String> DELIVERY_CONFIGS = java.util.Set.of("max.delivery.count", "dead.letter.queue");

    private final BrokerConfig config;
    private final TopicRegistry topics;
    private final PartitionStateStore states;
    private final BrokerRegistry brokers;
    private final ControllerElection election;
    private volatile java.util.function.Function<TopicKey, CompletableFuture<TopicInfo>> temporaryDestinations = key -> null;
    private final ExecutorService admin =
            Executors.newFixedThreadPool(2, NamedThreadFactory.numbered("partita-admin").daemon());

    public TopicService(BrokerConfig config, TopicRegistry topics, PartitionStateStore states,
                        BrokerRegistry brokers, ControllerElection election) {
        this.config = config;
        this.topics = topics;
        this.states = states;
        this.brokers = brokers;
        this.election = election;
    }

    /**
     * Resolves the names of temporary destinations (answering null for any other name); see
     * {@code dev.partita.broker.subscription.TemporaryDestinations}.
     */
    public void useTemporaryDestinations(java.util.function.Function<TopicKey, CompletableFuture<TopicInfo>> resolver) {
        this.temporaryDestinations = resolver;
    }

    /** The destination if this broker's cache knows it. */
    public Optional<TopicInfo> cached(TopicKey key) {
        return topics.topic(key);
    }

    /**
     * The destination, read from ZooKeeper when the cache does not know it, created when it does not
     * exist and auto-create is both enabled here and allowed by the request. A created destination
     * is returned once its partitions have leaders (or {@code topic.ready.timeout.ms} passed).
     * Fails with {@code UNKNOWN_TOPIC_OR_PARTITION} when it does not exist and is not created.
     */
    public CompletableFuture<TopicInfo> resolve(TopicKey key, boolean allowAutoCreate) {
        CompletableFuture<TopicInfo> temporary = temporaryDestinations.apply(key);
        if (temporary != null) {
            return temporary; // never auto-created: a temporary destination exists only once created
        }
        Optional<TopicInfo> known = topics.topic(key);
        if (known.isPresent()) {
            return CompletableFuture.completedFuture(known.get());
        }
        return CompletableFuture.supplyAsync(() -> {
            Optional<TopicInfo> stored = topics.readTopic(key);
            if (stored.isPresent()) {
                return stored.get();
            }
            if (!config.autoCreateTopics()) {
                throw new ApiException(Errors.UNKNOWN_TOPIC_OR_PARTITION, "Destination " + key
                        + " does not exist and auto-create is disabled on this broker (auto.create.topics.enable=false)");
            }
            if (!allowAutoCreate) {
                throw new ApiException(Errors.UNKNOWN_TOPIC_OR_PARTITION, "Destination " + key + " does not exist");
            }
            TopicInfo created = topics.getOrCreateTopic(key, config.numPartitions(), config.defaultReplicationFactor(), Map.of());
            awaitLeadersQuietly(created, config.topicReadyTimeoutMs());
            return created;
        }, admin);
    }

    private void awaitLeadersQuietly(TopicInfo topic, long timeoutMs) {
        try {
            states.awaitLeaders(topic.logId(), topic.partitions(), Duration.ofMillis(timeoutMs));
        } catch (CoordinationTimeoutException e) {
            // The topic exists; its partitions answer LEADER_NOT_AVAILABLE (retriable) until elected.
        }
    }

    /** Creates one destination (or only validates the request). */
    public CompletableFuture<TopicResult> create(CreatableTopic wanted, int timeoutMs, boolean validateOnly) {
        TopicKey key = wanted.topic();
        int partitions = wanted.numPartitions() == CreatableTopic.DEFAULT_PARTITIONS ? config.numPartitions() : wanted.numPartitions();
        short replicationFactor = wanted.replicationFactor() == CreatableTopic.DEFAULT_REPLICATION_FACTOR
                ? config.defaultReplicationFactor() : wanted.replicationFactor();
        return CompletableFuture.supplyAsync(() -> {
            validateConfigs(wanted.configs());
            if (replicationFactor > MAX_REPLICATION_FACTOR) {
                throw new ApiException(Errors.INVALID_REPLICATION_FACTOR, "Replication factor " + replicationFactor
                        + " is not supported yet: followers do not replicate, so only 1 is accepted");
            }
            if (validateOnly) {
                TopicRegistry.validateName(key.name());
                if (partitions < 1 || partitions > TopicRegistry.MAX_PARTITIONS) {
                    throw new ApiException(Errors.INVALID_PARTITIONS, "Partition count must be between 1 and "
                            + TopicRegistry.MAX_PARTITIONS + ", got " + partitions);
                }
                if (replicationFactor < 1 || replicationFactor > brokers.liveBrokers().size()) {
                    throw new ApiException(Errors.INVALID_REPLICATION_FACTOR, "Replication factor " + replicationFactor
                            + " is not between 1 and the number of live brokers (" + brokers.liveBrokers().size() + ")");
                }
                return new TopicResult(key, Errors.NONE, null);
            }
            TopicInfo created = topics.createTopic(key, partitions, replicationFactor, wanted.configs());
            if (timeoutMs > 0) {
                states.awaitLeaders(created.logId(), created.partitions(), Duration.ofMillis(timeoutMs));
            }
            return new TopicResult(key, Errors.NONE, null);
        }, admin).exceptionally(failure -> new TopicResult(key, CoordinationErrors.of(failure), CoordinationErrors.message(failure)));
    }

    private static void validateConfigs(Map<String, String> configs) {
        for (String k : configs.keySet()) {
            if (!LogConfig.KEYS.contains(k) && !DELIVERY_CONFIGS.contains(k) && !DestinationQuota.CONFIGS.contains(k)) {
                throw new ApiException(Errors.INVALID_CONFIG, "Unknown destination config '" + k + "' (known: " + LogConfig.KEYS
                        + ", " + DELIVERY_CONFIGS + " and " + DestinationQuota.CONFIGS + ")");
            }
        }
        try {
            DestinationQuota.of(configs, DestinationQuota.UNLIMITED);
            LogConfig.fromProperties(configs);
        } catch (IllegalArgumentException e) {
            throw new ApiException(Errors.INVALID_CONFIG, e.getMessage());
        }
    }

    /** Deletes one destination; its partitions' local logs go when the controller removes their state. */
    public CompletableFuture<TopicResult> delete(TopicKey key, int timeoutMs) {
        if (!config.deleteTopicEnable()) {
            return CompletableFuture.completedFuture(new TopicResult(key, Errors.TOPIC_DELETION_DISABLED,
                    "Deleting destinations is disabled on this broker (delete.topic.enable=false)"));
        }
        return CompletableFuture.supplyAsync(() -> {
            TopicInfo deleted = topics.deleteTopic(key);
            if (timeoutMs > 0) {
                states.awaitRemoved(deleted.logId(), Duration.ofMillis(timeoutMs));
            }
            return new TopicResult(key, Errors.NONE, null);
        }, admin).exceptionally(failure -> new TopicResult(key, CoordinationErrors.of(failure), CoordinationErrors.message(failure)));
    }

    /** Every destination this broker's cache knows. */
    public List<TopicInfo> all() {
        return topics.topics();
    }

    /** The metadata of one destination: each partition's leader, epoch, replicas and in-sync replicas. */
    public TopicMetadata metadata(TopicInfo topic) {
        List<PartitionMetadata> partitions = new ArrayList<>(topic.partitions());
        for (int p = 0; p < topic.partitions(); p++) {
            Optional<PartitionState> state = states.state(new LogPartition(topic.logId(), p));
            if (state.isEmpty()) {
                partitions.add(new PartitionMetadata(Errors.LEADER_NOT_AVAILABLE, p, PartitionMetadata.NO_LEADER, -1, List.of(), List.of()));
            } else {
                PartitionState s = state.get();
                Errors error = s.hasLeader() ? Errors.NONE : Errors.LEADER_NOT_AVAILABLE;
                partitions.add(new PartitionMetadata(error, p, s.leader(), s.leaderEpoch(), s.replicas(), s.isr()));
            }
        }
        return new TopicMetadata(Errors.NONE, topic.topic(), topic.logId(), partitions);
    }

    /** The live brokers and where clients reach them. */
    public List<BrokerInfo> brokers() {
        return brokers.liveBrokers().values().stream()
                .map(b -> new BrokerInfo(b.id(), b.host(), b.port(), b.rack()))
                .toList();
    }

    public int controllerId() {
        return election.controllerId();
    }

    @Override
    public void close() {
        admin.shutdownNow();
    }
}
