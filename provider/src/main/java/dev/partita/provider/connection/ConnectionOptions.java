package dev.partita.provider.connection;

import dev.partita.client.ClientConfig;
import dev.partita.protocol.record.CompressionType;
import dev.partita.provider.message.ObjectMessageAllowlist;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of a connection, parsed from a broker URL
 * {@code partita://host:port[,host:port...][?option=value&...]} (option values URL-encoded where
 * they hold {@code & = % +}). Immutable and thread-safe.
 *
 * <table>
 * <caption>Options</caption>
 * <tr><th>option</th><th>default</th><th>meaning</th></tr>
 * <tr><td>clientID</td><td>none</td><td>client ID of every connection (then {@code setClientID} is refused)</td></tr>
 * <tr><td>user / password</td><td>none</td><td>credentials of {@code createConnection()}; checked by the broker (SASL PLAIN)</td></tr>
 * <tr><td>prefetch</td><td>1000</td><td>messages a consumer may hold before the application takes them</td></tr>
 * <tr><td>blockOnAcknowledge</td><td>true</td><td>AUTO_ACKNOWLEDGE waits for the broker to confirm message n's ack before handing over n+1</td></tr>
 * <tr><td>reconnectTimeout</td><td>30000</td><td>ms a blocking call waits for an unreachable broker (createConnection, a send's buffer memory, a receive, an acknowledge, release, subscribe or close; provider/README.md lists them)</td></tr>
 * <tr><td>sendTimeout</td><td>60000</td><td>ms from a send to its acknowledgement, retries during a broker outage included</td></tr>
 * <tr><td>requestTimeout</td><td>30000</td><td>ms one request waits for its answer</td></tr>
 * <tr><td>batchSize</td><td>16384</td><td>bytes per partition batch</td></tr>
 * <tr><td>lingerMs</td><td>0</td><td>ms a batch waits for more messages before it goes</td></tr>
 * <tr><td>bufferMemory</td><td>33554432</td><td>bytes of unacknowledged messages per connection and delivery mode; sends block beyond</td></tr>
 * <tr><td>compression</td><td>none</td><td>none, gzip, snappy, lz4 or zstd</td></tr>
 * <tr><td>maxMessageSize</td><td>1048576</td><td>largest message (record) sent; a larger one fails before it leaves</td></tr>
 * <tr><td>autoCreate</td><td>true</td><td>sends ask the broker to create a missing destination (the broker's {@code auto.create.topics.enable} decides too)</td></tr>
 * <tr><td>objectMessageAllowlist</td><td>java.lang,java.util,java.time,java.math</td><td>packages whose classes {@code ObjectMessage.getObject} deserializes; {@code *} = all</td></tr>
 * </table>
 */
public final class ConnectionOptions {

    /** The URL scheme. */
    public static final String SCHEME = "partita://";
    /** Port of a broker named without one. */
    public static final int DEFAULT_PORT = 7676;

    static final String CLIENT_ID = "clientID";
    static final String USER = "user";
    static final String PASSWORD = "password";
    static final String PREFETCH = "prefetch";
    static final String BLOCK_ON_ACKNOWLEDGE = "blockOnAcknowledge";
    static final String RECONNECT_TIMEOUT = "reconnectTimeout";
    static final String SEND_TIMEOUT = "sendTimeout";
    static final String REQUEST_TIMEOUT = "requestTimeout";
    static final String BATCH_SIZE = "batchSize";
    static final String LINGER_MS = "lingerMs";
    static final String BUFFER_MEMORY = "bufferMemory";
    static final String COMPRESSION = "compression";
    static final String MAX_MESSAGE_SIZE = "maxMessageSize";
    static final String AUTO_CREATE = "autoCreate";
    static final String OBJECT_MESSAGE_ALLOWLIST = "objectMessageAllowlist";

    /** Every option name, as the URL spells it. */
    public static final Set<String> OPTION_NAMES = Set.of(CLIENT_ID, USER, PASSWORD, PREFETCH, BLOCK_ON_ACKNOWLEDGE,
            RECONNECT_TIMEOUT, SEND_TIMEOUT, REQUEST_TIMEOUT, BATCH_SIZE, LINGER_MS, BUFFER_MEMORY, COMPRESSION,
            MAX_MESSAGE_SIZE, AUTO_CREATE, OBJECT_MESSAGE_ALLOWLIST);

    private final String url;
    private final String brokers;
    private final String clientId;
    private final String user;
    private final String password;
    private final int prefetch;
    private final boolean blockOnAcknowledge;
    private final long reconnectTimeoutMs;
    private final long sendTimeoutMs;
    private final int requestTimeoutMs;
    private final int batchSize;
    private final long lingerMs;
    private final long bufferMemory;
    private final CompressionType compression;
    private final int maxMessageSize;
    private final boolean autoCreate;
    private final ObjectMessageAllowlist objectMessageAllowlist;

    private ConnectionOptions(String url, String brokers, Map<String, String> options) {
        this.url = url;
        this.brokers = brokers;
        OptionReader read = new OptionReader(url, options);
        this.clientId = read.text(CLIENT_ID);
        this.user = read.text(USER);
        this.password = read.text(PASSWORD);
        this.prefetch = read.intValue(PREFETCH, 1000, 0);
        this.blockOnAcknowledge = read.bool(BLOCK_ON_ACKNOWLEDGE, true);
        this.reconnectTimeoutMs = read.longValue(RECONNECT_TIMEOUT, 30_000, 1);
        this.sendTimeoutMs = read.longValue(SEND_TIMEOUT, 60_000, 1);
        this.requestTimeoutMs = read.intValue(REQUEST_TIMEOUT, 30_000, 1);
        this.batchSize = read.intValue(BATCH_SIZE, 16_384, 1);
        this.lingerMs = read.longValue(LINGER_MS, 0, 0);
        this.bufferMemory = read.longValue(BUFFER_MEMORY, 32L * 1024 * 1024, 1);
        this.compression = read.compression(COMPRESSION);
        this.maxMessageSize = read.intValue(MAX_MESSAGE_SIZE, 1024 * 1024, 1);
        this.autoCreate = read.bool(AUTO_CREATE, true);
        this.objectMessageAllowlist = read.allowlist(OBJECT_MESSAGE_ALLOWLIST);
    }

    /**
     * Parses a broker URL.
     *
     * @throws IllegalArgumentException naming what is wrong: scheme, broker list, port, an unknown
     *         or repeated option, a value of the wrong type
     */
    public static ConnectionOptions parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the broker URL is missing: expected " + SCHEME + "host:port[,host:port...][?option=value&...]");
        }
        String trimmed = url.trim();
        if (!trimmed.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new IllegalArgumentException("broker URL " + url + " does not start with " + SCHEME);
        }
        String rest = trimmed.substring(SCHEME.length());
        int query = rest.indexOf('?');
        String hosts = query < 0 ? rest : rest.substring(0, query);
        String brokers = BrokerList.parse(url, hosts);
        Map<String, String> options = query < 0 ? Map.of() : parseQuery(url, rest.substring(query + 1));
        return new ConnectionOptions(trimmed, brokers, options);
    }

    private static Map<String, String> parseQuery(String url, String query) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("broker URL " + url + ": \"" + pair + "\" is not option=value");
            }
            String name = decode(url, pair.substring(0, eq));
            String value = decode(url, pair.substring(eq + 1));
            if (!OPTION_NAMES.contains(name)) {
                throw new IllegalArgumentException("broker URL " + url + ": unknown option \"" + name + "\"; known options: "
                        + OPTION_NAMES.stream().sorted().toList());
            }
            if (options.put(name, value) != null) {
                throw new IllegalArgumentException("broker URL " + url + ": option " + name + " is given twice");
            }
        }
        return options;
    }

    private static String decode(String url, String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("broker URL " + url + ": \"" + text + "\" is not URL-encoded correctly", e);
        }
    }

    /**
     * The configuration of the low-level client of one connection, authenticating as
     * {@code user} when it is not null (a null password is then the empty one).
     */
    public ClientConfig clientConfig(String connectionName, String user, String password) {
        ClientConfig.Builder builder = ClientConfig.builder()
                .bootstrapServers(brokers)
                .clientId(connectionName)
                .requestTimeoutMs(requestTimeoutMs)
                .autoCreateTopics(autoCreate)
                .batchSize(batchSize)
                .lingerMs(lingerMs)
                .bufferMemory(bufferMemory)
                .maxBlockMs(reconnectTimeoutMs)
                .compression(compression)
                .maxRequestSize(maxMessageSize)
                .deliveryTimeoutMs(sendTimeoutMs);
        if (user != null) {
            builder.username(user).password(password == null ? "" : password);
        }
        return builder.build();
    }

    /** The URL as given (trimmed). */
    public String url() { return url; }
    /** The brokers, {@code host:port,host:port}. */
    public String brokers() { return brokers; }
    /** The client ID every connection gets, or null. */
    public String clientId() { return clientId; }
    public String user() { return user; }
    public String password() { return password; }
    public int prefetch() { return prefetch; }
    public boolean blockOnAcknowledge() { return blockOnAcknowledge; }
    public long reconnectTimeoutMs() { return reconnectTimeoutMs; }
    public long sendTimeoutMs() { return sendTimeoutMs; }
    public int requestTimeoutMs() { return requestTimeoutMs; }
    public int batchSize() { return batchSize; }
    public long lingerMs() { return lingerMs; }
    public long bufferMemory() { return bufferMemory; }
    public CompressionType compression() { return compression; }
    public int maxMessageSize() { return maxMessageSize; }
    public boolean autoCreate() { return autoCreate; }
    public ObjectMessageAllowlist objectMessageAllowlist() { return objectMessageAllowlist; }

    /** The URL without the password, for logs and error messages. */
    @Override
    public String toString() {
        return password == null ? url : url.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }

    /** Reads typed option values, naming the option and URL in every error. */
    private record OptionReader(String url, Map<String, String> options) {

        String text(String name) {
            String value = options.get(name);
            if (value != null && value.isEmpty()) {
                throw new IllegalArgumentException("broker URL " + url + ": option " + name + " is empty");
            }
            return value;
        }

        long longValue(String name, long defaultValue, long min) {
            String value = text(name);
            if (value == null) {
                return defaultValue;
            }
            long parsed;
            try {
                parsed = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("broker URL " + url + ": option " + name + " must be a number, not \"" + value + "\"", e);
            }
            if (parsed < min) {
                throw new IllegalArgumentException("broker URL " + url + ": option " + name + " must be at least " + min + ", not " + parsed);
            }
            return parsed;
        }

        int intValue(String name, int defaultValue, int min) {
            long parsed = longValue(name, defaultValue, min);
            if (parsed > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("broker URL " + url + ": option " + name + " must be at most " + Integer.MAX_VALUE);
            }
            return (int) parsed;
        }

        boolean bool(String name, boolean defaultValue) {
            String value = text(name);
            if (value == null) {
                return defaultValue;
            }
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(value);
            }
            throw new IllegalArgumentException("broker URL " + url + ": option " + name + " must be true or false, not \"" + value + "\"");
        }

        CompressionType compression(String name) {
            String value = text(name);
            if (value == null) {
                return CompressionType.NONE;
            }
            try {
                return CompressionType.forName(value.trim().toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("broker URL " + url + ": option " + name
                        + " must be none, gzip, snappy, lz4 or zstd, not \"" + value + "\"", e);
            }
        }

        ObjectMessageAllowlist allowlist(String name) {
            String value = text(name);
            if (value == null) {
                return ObjectMessageAllowlist.DEFAULT;
            }
            try {
                return ObjectMessageAllowlist.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("broker URL " + url + ": option " + name + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConnectionOptions that && url.equals(that.url);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url);
    }
}
