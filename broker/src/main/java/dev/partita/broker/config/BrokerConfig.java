package dev.partita.broker.config;

import dev.partita.broker.cache.OffsetCacheConfig;
import dev.partita.storage.log.LogConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every setting of a broker, parsed and checked once at start. Settings come from a properties
 * file and command-line overrides (see the launcher); keys are listed in {@link #SETTINGS} with
 * their defaults. Keys starting with {@value #LOG_PREFIX} are the default log settings of every
 * topic (the storage's {@code LogConfig} keys with the prefix, e.g. {@code log.segment.bytes});
 * a topic's own configs override them.
 *
 * <p>Immutable and thread-safe.
 */
public final class BrokerConfig {

    /** Prefix of the per-topic log defaults; the rest of the key is a storage {@code LogConfig} key. */
    public static final String LOG_PREFIX = "log.";

    public static final String BROKER_ID = "broker.id";
    public static final String HOST = "host";
    public static final String PORT = "port";
    public static final String ADVERTISED_HOST = "advertised.host";
    public static final String RACK = "broker.rack";
    public static final String DATA_DIR = "data.dir";
    public static final String ZOOKEEPER_CONNECT = "zookeeper.connect";
    public static final String ZOOKEEPER_EMBEDDED_PORT = "zookeeper.embedded.port";
    public static final String ZOOKEEPER_SESSION_TIMEOUT_MS = "zookeeper.session.timeout.ms";
    public static final String ZOOKEEPER_CONNECTION_TIMEOUT_MS = "zookeeper.connection.timeout.ms";
    public static final String AUTO_CREATE_TOPICS_ENABLE = "auto.create.topics.enable";
    public static final String NUM_PARTITIONS = "num.partitions";
    public static final String DEFAULT_REPLICATION_FACTOR = "default.replication.factor";
    public static final String DELETE_TOPIC_ENABLE = "delete.topic.enable";
    public static final String TOPIC_READY_TIMEOUT_MS = "topic.ready.timeout.ms";
    public static final String MAX_FRAME_BYTES = "max.frame.bytes";
    public static final String MAX_IN_FLIGHT_REQUEST_BYTES = "max.in.flight.request.bytes";
    public static final String NUM_IO_THREADS = "num.io.threads";
    public static final String NUM_PARTITION_THREADS = "num.partition.threads";
    public static final String ALLOW_ANONYMOUS = "allow.anonymous";
    public static final String USERS_FILE = "users.file";
    public static final String RETENTION_CHECK_INTERVAL_MS = "log.retention.check.interval.ms";
    public static final String SHUTDOWN_TIMEOUT_MS = "shutdown.timeout.ms";
    public static final String SESSION_LEASE_TIMEOUT_MS = "session.lease.timeout.ms";
    public static final String DESTINATION_MAX_UNCONSUMED_BYTES = "destination.max.unconsumed.bytes";
    public static final String DESTINATION_FULL_BLOCK_MS = "destination.full.block.ms";
    public static final String CACHE_ENABLED = "cache.enabled";
    public static final String CACHE_HOST = "cache.host";
    public static final String CACHE_PORT = "cache.port";
    public static final String CACHE_PORT_COUNT = "cache.port.count";
    public static final String CACHE_STARTUP_TIMEOUT_MS = "cache.startup.timeout.ms";
    public static final String CACHE_REQUEST_TIMEOUT_MS = "cache.request.timeout.ms";
    public static final String CACHE_WRITE_QUEUE_CAPACITY = "cache.write.queue.capacity";
    public static final String CACHE_WRITE_MAX_IN_FLIGHT = "cache.write.max.in.flight";
    public static final String REQUEST_MAX_HANDLING_MS = "request.max.handling.ms";

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    /** Every broker setting with its default, in the order the documentation lists them. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting(BROKER_ID, "0", "Id of this broker, unique in the cluster."),
            new Setting(HOST, "localhost", "Address the broker listens on."),
            new Setting(PORT, "7676", "TCP port the broker listens on (0 picks a free port)."),
            new Setting(ADVERTISED_HOST, "", "Host name given to clients in metadata; empty = host."),
            new Setting(RACK, "", "Rack of this broker, for rack-aware replica placement; empty = none."),
            new Setting(DATA_DIR, "./data", "Directory of the partition logs (and of the embedded ZooKeeper's data)."),
            new Setting(ZOOKEEPER_CONNECT, "", "ZooKeeper connect string host:port,...[/chroot]; empty = start an embedded ZooKeeper server."),
            new Setting(ZOOKEEPER_EMBEDDED_PORT, "2281", "Client port of the embedded ZooKeeper server (0 picks a free port)."),
            new Setting(ZOOKEEPER_SESSION_TIMEOUT_MS, "18000", "ZooKeeper session timeout."),
            new Setting(ZOOKEEPER_CONNECTION_TIMEOUT_MS, "15000", "How long to wait for the first ZooKeeper connection."),
            new Setting(AUTO_CREATE_TOPICS_ENABLE, "true", "Create a topic on first use (metadata or produce) with the default partitions and replication factor."),
            new Setting(NUM_PARTITIONS, "1", "Partitions of a topic created without a partition count."),
            new Setting(DEFAULT_REPLICATION_FACTOR, "1", "Replication factor of a topic created without one (only 1 until replication lands)."),
            new Setting(DELETE_TOPIC_ENABLE, "true", "Whether delete-topic requests are honoured."),
            new Setting(TOPIC_READY_TIMEOUT_MS, "10000", "How long a request that created a topic waits for its partition leaders."),
            new Setting(MAX_FRAME_BYTES, "104857600", "Largest request frame accepted; a bigger one closes the connection."),
            new Setting(MAX_IN_FLIGHT_REQUEST_BYTES, "33554432", "Bytes of requests read and not yet answered, over all connections, at which the broker stops reading from its connections until answers free memory (producers then slow down)."),
            new Setting(NUM_IO_THREADS, String.valueOf(CORES), "Netty event-loop threads (partita-net-N) that decode requests and write responses."),
            new Setting(NUM_PARTITION_THREADS, String.valueOf(CORES), "Threads (partita-partition-N) that each own the writes of the partitions hashed to them."),
            new Setting(ALLOW_ANONYMOUS, "true", "Whether clients may skip authentication."),
            new Setting(USERS_FILE, "", "Properties file of user=PBKDF2 hash for SASL PLAIN (make hashes with 'partita hash-password'); empty = no users."),
            new Setting(RETENTION_CHECK_INTERVAL_MS, "300000", "How often retention deletes old segments."),
            new Setting(SHUTDOWN_TIMEOUT_MS, "30000", "How long a graceful shutdown waits for in-flight requests."),
            new Setting(SESSION_LEASE_TIMEOUT_MS, "30000", "How long a consumer session keeps what it acquired without a request or heartbeat of its connection."),
            new Setting(DESTINATION_MAX_UNCONSUMED_BYTES, "-1", "Default limit of unconsumed bytes per partition of a queue or of a topic with durable subscriptions; a full partition holds produces (-1 = no limit). Destination config max.unconsumed.bytes overrides it."),
            new Setting(DESTINATION_FULL_BLOCK_MS, "30000", "How long a produce to a full partition waits for consumers to free space before it fails (DESTINATION_FULL, ResourceAllocationException); 0 fails at once. Destination config full.block.ms overrides it."),
            new Setting(CACHE_ENABLED, "true", "Run the offset cache (an embedded Hazelcast member) that answers DescribeSubscriptions and 'partita admin subscriptions'; false answers them OFFSET_CACHE_UNAVAILABLE. Delivery never depends on it."),
            new Setting(CACHE_HOST, "", "Address the cache member binds and advertises to the other brokers' members; empty = advertised.host."),
            new Setting(CACHE_PORT, String.valueOf(OffsetCacheConfig.DEFAULT_PORT), "First port the cache member tries (0 picks a free port)."),
            new Setting(CACHE_PORT_COUNT, String.valueOf(OffsetCacheConfig.DEFAULT_PORT_COUNT), "Ports the cache member tries from cache.port upwards."),
            new Setting(CACHE_STARTUP_TIMEOUT_MS, String.valueOf(OffsetCacheConfig.DEFAULT_STARTUP_TIMEOUT.toMillis()), "How long the cache member may take to start and join (in the background: the broker serves meanwhile); then the broker runs without the cache."),
            new Setting(CACHE_REQUEST_TIMEOUT_MS, String.valueOf(OffsetCacheConfig.DEFAULT_REQUEST_TIMEOUT.toMillis()), "Bound of every cache operation and read."),
            new Setting(CACHE_WRITE_QUEUE_CAPACITY, String.valueOf(OffsetCacheConfig.DEFAULT_WRITE_QUEUE_CAPACITY), "Subscription partitions whose progress may wait to be written to the cache; beyond it writes are dropped (counted)."),
            new Setting(CACHE_WRITE_MAX_IN_FLIGHT, String.valueOf(OffsetCacheConfig.DEFAULT_MAX_IN_FLIGHT_WRITES), "Cache writes sent and not yet answered; beyond it writes are dropped (counted)."),
            new Setting(REQUEST_MAX_HANDLING_MS, "60000", "Longest a request may go unanswered (a long poll: its own max wait plus this); then the broker answers it REQUEST_TIMED_OUT in its place and logs an ERROR, so one lost answer never stalls its connection."),
            new Setting(LOG_PREFIX + "<key>", "storage default", "Default log setting of every topic: any storage LogConfig key with the prefix, e.g. log.segment.bytes, log.retention.ms, log.flush.policy."));

    private static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Setting s : SETTINGS) {
            if (!s.key().startsWith(LOG_PREFIX) || s.key().equals(RETENTION_CHECK_INTERVAL_MS)) {
                defaults.put(s.key(), s.defaultValue());
            }
        }
        DEFAULTS = Collections.unmodifiableMap(defaults);
    }

    private final Map<String, String> values;
    private final int brokerId;
    private final String host;
    private final int port;
    private final String advertisedHost;
    private final Optional<String> rack;
    private final Path dataDir;
    private final String zookeeperConnect;
    private final int zookeeperEmbeddedPort;
    private final int zookeeperSessionTimeoutMs;
    private final int zookeeperConnectionTimeoutMs;
    private final boolean autoCreateTopics;
    private final int numPartitions;
    private final short defaultReplicationFactor;
    private final boolean deleteTopicEnable;
    private final long topicReadyTimeoutMs;
    private final int maxFrameBytes;
    private final long maxInFlightRequestBytes;
    private final int numIoThreads;
    private final int numPartitionThreads;
    private final boolean allowAnonymous;
    private final Optional<Path> usersFile;
    private final long retentionCheckIntervalMs;
    private final long shutdownTimeoutMs;
    private final long sessionLeaseTimeoutMs;
    private final long destinationMaxUnconsumedBytes;
    private final long destinationFullBlockMs;
    private final long requestMaxHandlingMs;
    private final OffsetCacheConfig offsetCache;
    private final LogConfig logDefaults;

    private BrokerConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        ValueParser p = new ValueParser(values);
        this.brokerId = p.intValue(BROKER_ID, 0, Integer.MAX_VALUE);
        this.host = p.nonEmpty(HOST);
        this.port = p.intValue(PORT, 0, 65535);
        String advertised = p.string(ADVERTISED_HOST);
        this.advertisedHost = advertised.isEmpty() ? host : advertised;
        String rackValue = p.string(RACK);
        this.rack = rackValue.isEmpty() ? Optional.empty() : Optional.of(rackValue);
        this.dataDir = Path.of(p.nonEmpty(DATA_DIR));
        this.zookeeperConnect = p.string(ZOOKEEPER_CONNECT);
        this.zookeeperEmbeddedPort = p.intValue(ZOOKEEPER_EMBEDDED_PORT, 0, 65535);
        this.zookeeperSessionTimeoutMs = p.intValue(ZOOKEEPER_SESSION_TIMEOUT_MS, 1, Integer.MAX_VALUE);
        this.zookeeperConnectionTimeoutMs = p.intValue(ZOOKEEPER_CONNECTION_TIMEOUT_MS, 1, Integer.MAX_VALUE);
        this.autoCreateTopics = p.bool(AUTO_CREATE_TOPICS_ENABLE);
        this.numPartitions = p.intValue(NUM_PARTITIONS, 1, 100_000);
        // Only 1 until followers replicate (see TopicService.MAX_REPLICATION_FACTOR).
        this.defaultReplicationFactor = (short) p.intValue(DEFAULT_REPLICATION_FACTOR, 1, 1);
        this.deleteTopicEnable = p.bool(DELETE_TOPIC_ENABLE);
        this.topicReadyTimeoutMs = p.longValue(TOPIC_READY_TIMEOUT_MS, 0, Long.MAX_VALUE);
        this.maxFrameBytes = p.intValue(MAX_FRAME_BYTES, 1024, Integer.MAX_VALUE);
        this.maxInFlightRequestBytes = p.longValue(MAX_IN_FLIGHT_REQUEST_BYTES, 1024, Long.MAX_VALUE);
        this.numIoThreads = p.intValue(NUM_IO_THREADS, 1, 1024);
        this.numPartitionThreads = p.intValue(NUM_PARTITION_THREADS, 1, 1024);
        this.allowAnonymous = p.bool(ALLOW_ANONYMOUS);
        String users = p.string(USERS_FILE);
        this.usersFile = users.isEmpty() ? Optional.empty() : Optional.of(Path.of(users));
        this.retentionCheckIntervalMs = p.longValue(RETENTION_CHECK_INTERVAL_MS, 1, Long.MAX_VALUE);
        this.shutdownTimeoutMs = p.longValue(SHUTDOWN_TIMEOUT_MS, 0, Long.MAX_VALUE);
        this.sessionLeaseTimeoutMs = p.longValue(SESSION_LEASE_TIMEOUT_MS, 1, Integer.MAX_VALUE);
        this.destinationMaxUnconsumedBytes = p.longValue(DESTINATION_MAX_UNCONSUMED_BYTES, -1, Long.MAX_VALUE);
        this.destinationFullBlockMs = p.longValue(DESTINATION_FULL_BLOCK_MS, 0, Integer.MAX_VALUE);
        this.requestMaxHandlingMs = p.longValue(REQUEST_MAX_HANDLING_MS, 1, Integer.MAX_VALUE);
        String cacheHost = p.string(CACHE_HOST);
        this.offsetCache = new OffsetCacheConfig(p.bool(CACHE_ENABLED), cacheHost.isEmpty() ? advertisedHost : cacheHost,
                p.intValue(CACHE_PORT, 0, 65535), p.intValue(CACHE_PORT_COUNT, 1, 65535),
                Duration.ofMillis(p.longValue(CACHE_STARTUP_TIMEOUT_MS, 1, Integer.MAX_VALUE)),
                Duration.ofMillis(p.longValue(CACHE_REQUEST_TIMEOUT_MS, 1, Integer.MAX_VALUE)),
                p.intValue(CACHE_WRITE_QUEUE_CAPACITY, 1, Integer.MAX_VALUE), p.intValue(CACHE_WRITE_MAX_IN_FLIGHT, 1, Integer.MAX_VALUE));
        Map<String, String> logs = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(LOG_PREFIX) && !key.equals(RETENTION_CHECK_INTERVAL_MS)) {
                String logKey = key.substring(LOG_PREFIX.length());
                if (!LogConfig.KEYS.contains(logKey)) {
                    throw new ConfigException("Unknown setting '" + key + "': log settings are "
                            + LOG_PREFIX + "<one of " + LogConfig.KEYS + ">");
                }
                logs.put(logKey, value);
            }
        });
        try {
            this.logDefaults = LogConfig.fromProperties(logs);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid log setting: " + e.getMessage());
        }
    }

    /** Every setting at its default. */
    public static BrokerConfig defaults() {
        return fromProperties(Map.of());
    }

    /**
     * Parses settings; keys not given take their defaults.
     *
     * @throws ConfigException for an unknown key or a bad value
     */
    public static BrokerConfig fromProperties(Map<String, String> properties) {
        Map<String, String> merged = new LinkedHashMap<>(DEFAULTS);
        properties.forEach((key, value) -> {
            String k = key.trim();
            if (!DEFAULTS.containsKey(k) && !k.startsWith(LOG_PREFIX)) {
                throw new ConfigException("Unknown setting '" + k + "' (see docs/configuration.md)");
            }
            merged.put(k, value == null ? "" : value.trim());
        });
        return new BrokerConfig(merged);
    }

    /** A copy with some settings replaced. */
    public BrokerConfig with(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides);
        return fromProperties(merged);
    }

    /** A copy with one setting replaced. */
    public BrokerConfig with(String key, String value) {
        return with(Map.of(key, value));
    }

    /** Every effective setting, defaults included, sorted by key. */
    public Map<String, String> values() {
        return values;
    }

    public int brokerId() {
        return brokerId;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String advertisedHost() {
        return advertisedHost;
    }

    public Optional<String> rack() {
        return rack;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The external ZooKeeper connect string, empty when the broker runs an embedded one. */
    public String zookeeperConnect() {
        return zookeeperConnect;
    }

    public boolean embeddedZooKeeper() {
        return zookeeperConnect.isEmpty();
    }

    public int zookeeperEmbeddedPort() {
        return zookeeperEmbeddedPort;
    }

    public int zookeeperSessionTimeoutMs() {
        return zookeeperSessionTimeoutMs;
    }

    public int zookeeperConnectionTimeoutMs() {
        return zookeeperConnectionTimeoutMs;
    }

    public boolean autoCreateTopics() {
        return autoCreateTopics;
    }

    public int numPartitions() {
        return numPartitions;
    }

    public short defaultReplicationFactor() {
        return defaultReplicationFactor;
    }

    public boolean deleteTopicEnable() {
        return deleteTopicEnable;
    }

    public long topicReadyTimeoutMs() {
        return topicReadyTimeoutMs;
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    public long maxInFlightRequestBytes() {
        return maxInFlightRequestBytes;
    }

    public int numIoThreads() {
        return numIoThreads;
    }

    public int numPartitionThreads() {
        return numPartitionThreads;
    }

    public boolean allowAnonymous() {
        return allowAnonymous;
    }

    public Optional<Path> usersFile() {
        return usersFile;
    }

    public long retentionCheckIntervalMs() {
        return retentionCheckIntervalMs;
    }

    public long shutdownTimeoutMs() {
        return shutdownTimeoutMs;
    }

    /** Longest a request waits for its handler beyond its own max wait before it is answered REQUEST_TIMED_OUT. */
    public long requestMaxHandlingMs() {
        return requestMaxHandlingMs;
    }

    public long sessionLeaseTimeoutMs() {
        return sessionLeaseTimeoutMs;
    }

    /** Default unconsumed-bytes limit of a destination partition, -1 for none. */
    public long destinationMaxUnconsumedBytes() {
        return destinationMaxUnconsumedBytes;
    }

    /** Default time a produce to a full destination partition waits for space. */
    public long destinationFullBlockMs() {
        return destinationFullBlockMs;
    }

    /** The offset cache's settings ({@code cache.*}). */
    public OffsetCacheConfig offsetCache() {
        return offsetCache;
    }

    /** The log settings of a topic that sets none itself: storage defaults overlaid with the {@value #LOG_PREFIX} settings. */
    public LogConfig logDefaults() {
        return logDefaults;
    }

    @Override
    public String toString() {
        return "BrokerConfig" + values;
    }

    /** Typed reads of the merged string map, with the key named in every error. */
    private record ValueParser(Map<String, String> values) {

        String string(String key) {
            return values.getOrDefault(key, "");
        }

        String nonEmpty(String key) {
            String v = string(key);
            if (v.isEmpty()) {
                throw new ConfigException(key, v, "must not be empty");
            }
            return v;
        }

        int intValue(String key, int min, int max) {
            long v = longValue(key, min, max);
            return (int) v;
        }

        long longValue(String key, long min, long max) {
            String v = string(key);
            long parsed;
            try {
                parsed = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new ConfigException(key, v, "not a whole number");
            }
            if (parsed < min || parsed > max) {
                throw new ConfigException(key, v, "must be between " + min + " and " + max);
            }
            return parsed;
        }

        boolean bool(String key) {
            String v = string(key);
            if (v.equalsIgnoreCase("true")) {
                return true;
            }
            if (v.equalsIgnoreCase("false")) {
                return false;
            }
            throw new ConfigException(key, v, "must be true or false");
        }
    }
}
