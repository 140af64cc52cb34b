package dev.partita.client;

import dev.partita.client.network.BrokerEndpoint;
import dev.partita.protocol.frame.FrameCodec;
import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.IsolationLevel;
import dev.partita.protocol.record.CompressionType;
import java.util.List;
import java.util.Objects;

/**
 * Every setting of a {@link PartitaClient}, each with a documented default. Built with
 * {@link #builder()}; immutable and thread-safe once built.
 *
 * <table>
 * <caption>Settings</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>bootstrapServers</td><td>localhost:7676</td><td>brokers to ask for metadata first, {@code host:port,host:port}</td></tr>
 * <tr><td>clientId</td><td>partita-client</td><td>names this client in logs</td></tr>
 * <tr><td>ioThreads</td><td>1</td><td>event loop threads {@code partita-client-io-N}</td></tr>
 * <tr><td>requestTimeoutMs</td><td>30000</td><td>how long a request waits for its response (a fetch adds its max wait)</td></tr>
 * <tr><td>connectTimeoutMs</td><td>10000</td><td>TCP connect timeout</td></tr>
 * <tr><td>reconnectBackoffMs / reconnectBackoffMaxMs</td><td>50 / 1000</td><td>wait before reconnecting, doubled per failure up to the max</td></tr>
 * <tr><td>retryBackoffMs</td><td>100</td><td>wait before retrying a request that failed with a retriable error</td></tr>
 * <tr><td>metadataMaxAgeMs</td><td>300000</td><td>metadata older than this is refreshed when next used</td></tr>
 * <tr><td>maxFrameBytes</td><td>{@link FrameCodec#DEFAULT_MAX_FRAME_BYTES}</td><td>larger response frames close the connection</td></tr>
 * <tr><td>username / password</td><td>none</td><td>when set, each connection authenticates with SASL PLAIN first</td></tr>
 * <tr><td>autoCreateTopics</td><td>true</td><td>producers ask the broker to create missing topics (the broker decides)</td></tr>
 * <tr><td>acks</td><td>ALL</td><td>produce acknowledgement level</td></tr>
 * <tr><td>batchSize</td><td>16384</td><td>bytes per partition batch before it is sent without waiting for linger</td></tr>
 * <tr><td>lingerMs</td><td>5</td><td>how long a batch waits for more records</td></tr>
 * <tr><td>bufferMemory</td><td>33554432 (32 MiB)</td><td>bytes of unsent records a producer holds; {@code send} blocks beyond it</td></tr>
 * <tr><td>maxBlockMs</td><td>60000</td><td>how long {@code send} blocks for buffer memory or metadata</td></tr>
 * <tr><td>compression</td><td>NONE</td><td>codec of produced batches</td></tr>
 * <tr><td>maxRequestSize</td><td>1048576 (1 MiB)</td><td>largest produce request; also the largest single record</td></tr>
 * <tr><td>deliveryTimeoutMs</td><td>120000</td><td>how long a record may take from {@code send} to acknowledgement, retries included</td></tr>
 * <tr><td>fetchMaxWaitMs</td><td>500</td><td>long poll: how long the broker may hold a fetch for {@code fetchMinBytes}</td></tr>
 * <tr><td>fetchMinBytes</td><td>1</td><td>bytes a fetch waits for</td></tr>
 * <tr><td>fetchMaxBytes</td><td>52428800 (50 MiB)</td><td>bytes per fetch response</td></tr>
 * <tr><td>partitionFetchMaxBytes</td><td>1048576 (1 MiB)</td><td>bytes per partition in a fetch response</td></tr>
 * <tr><td>isolationLevel</td><td>READ_UNCOMMITTED</td><td>fetch isolation</td></tr>
 * </table>
 */
public final class ClientConfig {

    private final List<BrokerEndpoint> bootstrapServers;
    private final String clientId;
    private final int ioThreads;
    private final int requestTimeoutMs;
    private final int connectTimeoutMs;
    private final long reconnectBackoffMs;
    private final long reconnectBackoffMaxMs;
    private final long retryBackoffMs;
    private final long metadataMaxAgeMs;
    private final int maxFrameBytes;
    private final String username;
    private final String password;
    private final boolean autoCreateTopics;
    private final Acks acks;
    private final int batchSize;
    private final long lingerMs;
    private final long bufferMemory;
    private final long maxBlockMs;
    private final CompressionType compression;
    private final int maxRequestSize;
    private final long deliveryTimeoutMs;
    private final int fetchMaxWaitMs;
    private final int fetchMinBytes;
    private final int fetchMaxBytes;
    private final int partitionFetchMaxBytes;
    private final IsolationLevel isolationLevel;

    private ClientConfig(Builder b) {
        this.bootstrapServers = BrokerEndpoint.parseList(b.bootstrapServers);
        this.clientId = b.clientId;
        this.ioThreads = positive("ioThreads", b.ioThreads);
        this.requestTimeoutMs = positive("requestTimeoutMs", b.requestTimeoutMs);
        this.connectTimeoutMs = positive("connectTimeoutMs", b.connectTimeoutMs);
        this.reconnectBackoffMs = nonNegative("reconnectBackoffMs", b.reconnectBackoffMs);
        this.reconnectBackoffMaxMs = Math.max(b.reconnectBackoffMs, b.reconnectBackoffMaxMs);
        this.retryBackoffMs = nonNegative("retryBackoffMs", b.retryBackoffMs);
        this.metadataMaxAgeMs = positive("metadataMaxAgeMs", b.metadataMaxAgeMs);
        this.maxFrameBytes = positive("maxFrameBytes", b.maxFrameBytes);
        if ((b.username == null) != (b.password == null)) {
            throw new IllegalArgumentException("username and password must be set together");
        }
        this.username = b.username;
        this.password = b.password;
        this.autoCreateTopics = b.autoCreateTopics;
        this.acks = Objects.requireNonNull(b.acks, "acks");
        this.batchSize = positive("batchSize", b.batchSize);
        this.lingerMs = nonNegative("lingerMs", b.lingerMs);
        this.bufferMemory = positive("bufferMemory", b.bufferMemory);
        this.maxBlockMs = nonNegative("maxBlockMs", b.maxBlockMs);
        this.compression = Objects.requireNonNull(b.compression, "compression");
        this.maxRequestSize = positive("maxRequestSize", b.maxRequestSize);
        this.deliveryTimeoutMs = positive("deliveryTimeoutMs", b.deliveryTimeoutMs);
        this.fetchMaxWaitMs = nonNegative("fetchMaxWaitMs", b.fetchMaxWaitMs);
        this.fetchMinBytes = nonNegative("fetchMinBytes", b.fetchMinBytes);
        this.fetchMaxBytes = positive("fetchMaxBytes", b.fetchMaxBytes);
        this.partitionFetchMaxBytes = positive("partitionFetchMaxBytes", b.partitionFetchMaxBytes);
        this.isolationLevel = Objects.requireNonNull(b.isolationLevel, "isolationLevel");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.bootstrapServers = BrokerEndpoint.formatList(bootstrapServers);
        b.clientId = clientId;
        b.ioThreads = ioThreads;
        b.requestTimeoutMs = requestTimeoutMs;
        b.connectTimeoutMs = connectTimeoutMs;
        b.reconnectBackoffMs = reconnectBackoffMs;
        b.reconnectBackoffMaxMs = reconnectBackoffMaxMs;
        b.retryBackoffMs = retryBackoffMs;
        b.metadataMaxAgeMs = metadataMaxAgeMs;
        b.maxFrameBytes = maxFrameBytes;
        b.username = username;
        b.password = password;
        b.autoCreateTopics = autoCreateTopics;
        b.acks = acks;
        b.batchSize = batchSize;
        b.lingerMs = lingerMs;
        b.bufferMemory = bufferMemory;
        b.maxBlockMs = maxBlockMs;
        b.compression = compression;
        b.maxRequestSize = maxRequestSize;
        b.deliveryTimeoutMs = deliveryTimeoutMs;
        b.fetchMaxWaitMs = fetchMaxWaitMs;
        b.fetchMinBytes = fetchMinBytes;
        b.fetchMaxBytes = fetchMaxBytes;
        b.partitionFetchMaxBytes = partitionFetchMaxBytes;
        b.isolationLevel = isolationLevel;
        return b;
    }

    public List<BrokerEndpoint> bootstrapServers() { return bootstrapServers; }
    public String clientId() { return clientId; }
    public int ioThreads() { return ioThreads; }
    public int requestTimeoutMs() { return requestTimeoutMs; }
    public int connectTimeoutMs() { return connectTimeoutMs; }
    public long reconnectBackoffMs() { return reconnectBackoffMs; }
    public long reconnectBackoffMaxMs() { return reconnectBackoffMaxMs; }
    public long retryBackoffMs() { return retryBackoffMs; }
    public long metadataMaxAgeMs() { return metadataMaxAgeMs; }
    public int maxFrameBytes() { return maxFrameBytes; }
    /** SASL PLAIN user name, or null when the client does not authenticate. */
    public String username() { return username; }
    public String password() { return password; }
    public boolean authenticates() { return username != null; }
    public boolean autoCreateTopics() { return autoCreateTopics; }
    public Acks acks() { return acks; }
    public int batchSize() { return batchSize; }
    public long lingerMs() { return lingerMs; }
    public long bufferMemory() { return bufferMemory; }
    public long maxBlockMs() { return maxBlockMs; }
    public CompressionType compression() { return compression; }
    public int maxRequestSize() { return maxRequestSize; }
    public long deliveryTimeoutMs() { return deliveryTimeoutMs; }
    public int fetchMaxWaitMs() { return fetchMaxWaitMs; }
    public int fetchMinBytes() { return fetchMinBytes; }
    public int fetchMaxBytes() { return fetchMaxBytes; }
    public int partitionFetchMaxBytes() { return partitionFetchMaxBytes; }
    public IsolationLevel isolationLevel() { return isolationLevel; }

    private static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    private static long positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    private static int nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }

    private static long nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "ClientConfig(bootstrapServers=" + bootstrapServers + ", clientId=" + clientId
                + ", acks=" + acks + ", batchSize=" + batchSize + ", lingerMs=" + lingerMs
                + ", compression=" + compression + ", authenticates=" + authenticates() + ")";
    }

    /** Mutable builder; every setter returns {@code this}. Not thread-safe. */
    public static final class Builder {
        private String bootstrapServers = "localhost:7676";
        private String clientId = "partita-client";
        private int ioThreads = 1;
        private int requestTimeoutMs = 30_000;
        private int connectTimeoutMs = 10_000;
        private long reconnectBackoffMs = 50;
        private long reconnectBackoffMaxMs = 1_000;
        private long retryBackoffMs = 100;
        private long metadataMaxAgeMs = 300_000;
        private int maxFrameBytes = FrameCodec.DEFAULT_MAX_FRAME_BYTES;
        private String username;
        private String password;
        private boolean autoCreateTopics = true;
        private Acks acks = Acks.ALL;
        private int batchSize = 16_384;
        private long lingerMs = 5;
        private long bufferMemory = 32L * 1024 * 1024;
        private long maxBlockMs = 60_000;
        private CompressionType compression = CompressionType.NONE;
        private int maxRequestSize = 1024 * 1024;
        private long deliveryTimeoutMs = 120_000;
        private int fetchMaxWaitMs = 500;
        private int fetchMinBytes = 1;
        private int fetchMaxBytes = 50 * 1024 * 1024;
        private int partitionFetchMaxBytes = 1024 * 1024;
        private IsolationLevel isolationLevel = IsolationLevel.READ_UNCOMMITTED;

        private Builder() {
        }

        public Builder bootstrapServers(String hostPortList) { this.bootstrapServers = hostPortList; return this; }
        public Builder clientId(String clientId) { this.clientId = Objects.requireNonNull(clientId); return this; }
        public Builder ioThreads(int threads) { this.ioThreads = threads; return this; }
        public Builder requestTimeoutMs(int ms) { this.requestTimeoutMs = ms; return this; }
        public Builder connectTimeoutMs(int ms) { this.connectTimeoutMs = ms; return this; }
        public Builder reconnectBackoffMs(long ms) { this.reconnectBackoffMs = ms; return this; }
        public Builder reconnectBackoffMaxMs(long ms) { this.reconnectBackoffMaxMs = ms; return this; }
        public Builder retryBackoffMs(long ms) { this.retryBackoffMs = ms; return this; }
        public Builder metadataMaxAgeMs(long ms) { this.metadataMaxAgeMs = ms; return this; }
        public Builder maxFrameBytes(int bytes) { this.maxFrameBytes = bytes; return this; }
        public Builder username(String username) { this.username = username; return this; }
        public Builder password(String password) { this.password = password; return this; }
        public Builder autoCreateTopics(boolean enabled) { this.autoCreateTopics = enabled; return this; }
        public Builder acks(Acks acks) { this.acks = acks; return this; }
        public Builder batchSize(int bytes) { this.batchSize = bytes; return this; }
        public Builder lingerMs(long ms) { this.lingerMs = ms; return this; }
        public Builder bufferMemory(long bytes) { this.bufferMemory = bytes; return this; }
        public Builder maxBlockMs(long ms) { this.maxBlockMs = ms; return this; }
        public Builder compression(CompressionType compression) { this.compression = compression; return this; }
        public Builder maxRequestSize(int bytes) { this.maxRequestSize = bytes; return this; }
        public Builder deliveryTimeoutMs(long ms) { this.deliveryTimeoutMs = ms; return this; }
        public Builder fetchMaxWaitMs(int ms) { this.fetchMaxWaitMs = ms; return this; }
        public Builder fetchMinBytes(int bytes) { this.fetchMinBytes = bytes; return this; }
        public Builder fetchMaxBytes(int bytes) { this.fetchMaxBytes = bytes; return this; }
        public Builder partitionFetchMaxBytes(int bytes) { this.partitionFetchMaxBytes = bytes; return this; }
        public Builder isolationLevel(IsolationLevel level) { this.isolationLevel = level; return this; }

        public ClientConfig build() {
            return new ClientConfig(this);
        }
    }
}
