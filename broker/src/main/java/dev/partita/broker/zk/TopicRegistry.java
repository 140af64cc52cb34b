package dev.partita.broker.zk;

import dev.partita.protocol.message.DestinationKind;
import dev.partita.protocol.message.TopicKey;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The destinations of the cluster: (kind, name) -> {@link TopicInfo} in
 * {@code destinations/<kind>/<escaped name>}. Any broker registers a destination (the create of the
 * node is the compare-and-set: of two brokers creating the same name, one wins and both return the
 * winner's log id); the controller then assigns its partitions (see {@link PartitionStateStore}).
 * Deleting removes the node at once, so the name may be created again under a new log id; the
 * controller removes the old log's partition state.
 *
 * <p>Thread-safe. Lookups answer from a {@link org.apache.curator.framework.recipes.cache.CuratorCache};
 * the {@code read*} methods and creates ask ZooKeeper. Listeners run on the cache thread.
 */
public final class TopicRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicRegistry.class);

    /** Longest destination name accepted, in UTF-8 bytes (escaped, a path segment is at most 3x that). */
    public static final int MAX_NAME_BYTES = 1000;
    /** Most partitions one destination may have. */
    public static final int MAX_PARTITIONS = 10_000;

    private final CuratorFramework client;
    private final ZkPaths paths;
    private final ZkCache cache;
    private final Map<TopicKey, TopicInfo> topics = new ConcurrentHashMap<>();
    private final List<TopicListener> listeners = new CopyOnWriteArrayList<>();

    public TopicRegistry(CuratorFramework client, ZkPaths paths) {
        this.client = client;
        this.paths = paths;
        this.cache = new ZkCache(client, paths.destinations(), this::onChange, () -> { });
    }

    public void start() {
        ZkSupport.ensureBasePaths(client, paths);
        cache.start();
    }

    public void awaitInitialized(Duration timeout) {
        cache.awaitInitialized(timeout);
    }

    /**
     * Registers a new destination with a fresh log id.
     *
     * @throws TopicAlreadyExistsException        if the (kind, name) is registered (carries the existing one)
     * @throws InvalidTopicException              if the name is empty, too long or not valid Unicode
     * @throws InvalidPartitionsException         if partitions is not in 1..{@value #MAX_PARTITIONS}
     * @throws InvalidReplicationFactorException  if the factor is below 1 or above the live broker count
     */
    public TopicInfo createTopic(TopicKey topic, int partitions, short replicationFactor, Map<String, String> configs) {
        validateName(topic.name());
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new InvalidPartitionsException("Partition count must be between 1 and " + MAX_PARTITIONS + ", got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new InvalidReplicationFactorException("Replication factor must be at least 1, got " + replicationFactor);
        }
        int liveBrokers = ZkSupport.call("count brokers", () -> client.getChildren().forPath(paths.brokerIds())).size();
        if (replicationFactor > liveBrokers) {
            throw new InvalidReplicationFactorException("Replication factor " + replicationFactor
                    + " is larger than the number of live brokers (" + liveBrokers + ")");
        }
        TopicInfo wanted = new TopicInfo(topic, LogIds.generate(topic.kind()), partitions, replicationFactor, configs);
        String path = paths.destination(topic);
        return ZkSupport.call("create " + topic, () -> {
            try {
                client.create().forPath(path, ZkCodec.encode(wanted));
                log.info("Created {} as log {} ({} partitions, replication factor {})",
                        topic, wanted.logId(), partitions, replicationFactor);
                topics.put(topic, wanted); // visible to this broker's lookups before the cache event
                return wanted;
            } catch (KeeperException.NodeExistsException lostTheRace) {
                TopicInfo existing = readTopic(topic).orElse(null);
                if (existing == null) { // deleted between our create and read: the caller may retry
                    throw new CoordinationException("Destination " + topic + " was created and deleted concurrently");
                }
                throw new TopicAlreadyExistsException(existing);
            }
        });
    }

    /**
     * Returns the registered destination, creating it if absent (auto-create). Racing creators all
     * get the same log id.
     */
    public TopicInfo getOrCreateTopic(TopicKey topic, int partitions, short replicationFactor, Map<String, String> configs) {
        Optional<TopicInfo> known = topic(topic);
        if (known.isPresent()) {
            return known.get();
        }
        try {
            return createTopic(topic, partitions, replicationFactor, configs);
        } catch (TopicAlreadyExistsException e) {
            return e.existing();
        }
    }

    /** The destination as this broker's cache knows it. */
    public Optional<TopicInfo> topic(TopicKey topic) {
        return Optional.ofNullable(topics.get(topic));
    }

    /** Every destination the cache knows. */
    public List<TopicInfo> topics() {
        return new ArrayList<>(topics.values());
    }

    /** The destination as ZooKeeper has it now. */
    public Optional<TopicInfo> readTopic(TopicKey topic) {
        return ZkSupport.call("read " + topic, () -> {
            try {
                return Optional.of(ZkCodec.decodeTopic(client.getData().forPath(paths.destination(topic))));
            } catch (KeeperException.NoNodeException e) {
                return Optional.empty();
            }
        });
    }

    /** Every destination as ZooKeeper has it now (the controller reconciles from this). */
    public List<TopicInfo> readTopics() {
        return ZkSupport.call("list destinations", () -> {
            List<TopicInfo> all = new ArrayList<>();
            for (DestinationKind kind : DestinationKind.values()) {
                String dir = paths.destinations(kind);
                List<String> children;
                try {
                    children = client.getChildren().forPath(dir);
                } catch (KeeperException.NoNodeException e) {
                    continue;
                }
                for (String child : children) {
                    try {
                        all.add(ZkCodec.decodeTopic(client.getData().forPath(dir + "/" + child)));
                    } catch (KeeperException.NoNodeException deletedMeanwhile) {
                        // gone: skip
                    } catch (CoordinationException unreadable) { // one bad node must not stop the controller
                        log.error("Ignoring unreadable destination node {}/{}: {}", dir, child, unreadable.getMessage());
                    }
                }
            }
            return all;
        });
    }

    /**
     * Deletes a destination: its node goes now; the controller then removes its log's partition
     * state and the brokers their local logs.
     *
     * @return the registration that was deleted
     * @throws UnknownTopicException if it is not registered
     */
    public TopicInfo deleteTopic(TopicKey topic) {
        String path = paths.destination(topic);
        return ZkSupport.call("delete " + topic, () -> {
            try {
                org.apache.zookeeper.data.Stat stat = new org.apache.zookeeper.data.Stat();
                TopicInfo existing = ZkCodec.decodeTopic(client.getData().storingStatIn(stat).forPath(path));
                client.delete().withVersion(stat.getVersion()).forPath(path);
                topics.remove(topic, existing);
                log.info("Deleted {} (log {})", topic, existing.logId());
                return existing;
            } catch (KeeperException.NoNodeException e) {
                throw new UnknownTopicException("Destination " + topic + " does not exist");
            }
        });
    }

    public void addListener(TopicListener listener) {
        listeners.add(listener);
    }

    public void removeListener(TopicListener listener) {
        listeners.remove(listener);
    }

    /** @throws InvalidTopicException unless the name is 1..{@value #MAX_NAME_BYTES} UTF-8 bytes of valid Unicode */
    public static void validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidTopicException("Destination name must not be empty");
        }
        ByteBuffer utf8;
        try {
            utf8 = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(name));
        } catch (CharacterCodingException e) {
            throw new InvalidTopicException("Destination name is not valid Unicode (unpaired surrogate)");
        }
        if (utf8.remaining() > MAX_NAME_BYTES) {
            throw new InvalidTopicException("Destination name is " + utf8.remaining()
                    + " bytes long in UTF-8, more than " + MAX_NAME_BYTES);
        }
    }

    private void onChange(ZkCache.Change change) {
        Optional<TopicKey> key = paths.topicOf(change.path());
        if (key.isEmpty()) {
            return; // a kind directory
        }
        TopicInfo before = decode(change.before());
        TopicInfo after = decode(change.after());
        if (after != null) {
            topics.put(key.get(), after);
        } else {
            topics.remove(key.get());
        }
        for (TopicListener listener : listeners) {
            try {
                if (before != null && (after == null || !after.logId().equals(before.logId()))) {
                    listener.onTopicDeleted(before);
                }
                if (after != null && (before == null || !after.logId().equals(before.logId()))) {
                    listener.onTopicCreated(after);
                }
            } catch (RuntimeException e) {
                log.error("Topic listener failed", e);
            }
        }
    }

    private static TopicInfo decode(ChildData node) {
        if (node == null || node.getData() == null || node.getData().length == 0) {
            return null;
        }
        try {
            return ZkCodec.decodeTopic(node.getData());
        } catch (CoordinationException e) {
            log.warn("Ignoring unreadable destination node {}: {}", node.getPath(), e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        cache.close();
    }
}
