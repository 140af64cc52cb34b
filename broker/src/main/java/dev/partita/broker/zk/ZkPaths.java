package dev.partita.broker.zk;

import dev.partita.protocol.message.DestinationKind;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Every ZooKeeper path Partita uses, under one root ({@value #DEFAULT_ROOT} by default). Node values
 * are encoded by {@link ZkCodec}.
 *
 * <pre>
 * /partita
 *   brokers/ids/&lt;brokerId&gt;            EPHEMERAL  BrokerRegistration (host, port, rack); one per live broker
 *   controller/...                       Curator LeaderLatch nodes (ephemeral sequential) of the election
 *   controller_epoch                     PERSISTENT ControllerEpoch (epoch, controller id); each new
 *                                        controller bumps it with a versioned compare-and-set, and every
 *                                        controller write checks its version
 *   destinations/&lt;kind&gt;/&lt;escaped name&gt; PERSISTENT TopicInfo (logId, partitions, replication factor, configs);
 *                                        kind is "queue" or "topic"; written by any broker (create-if-absent)
 *   logs/&lt;logId&gt;                        PERSISTENT empty; created and deleted by the controller only
 *     error                              PERSISTENT UTF-8 text: why the controller could not assign replicas
 *     partitions/&lt;p&gt;/state              PERSISTENT PartitionState (replicas, leader, leader epoch, ISR,
 *                                        controller epoch); written by the controller only, as multi-ops
 *                                        that check the controller_epoch version
 *   subscriptions/durable/&lt;key&gt;         PERSISTENT SubscriptionEntry of a durable key (shared or unshared)
 *   subscriptions/shared/&lt;key&gt;          PERSISTENT SubscriptionEntry of a shared non-durable key: see
 *                                        {@link SubscriptionRegistry}; &lt;key&gt; is
 *                                        "&lt;escaped client ID&gt;.&lt;escaped name&gt;", or ".&lt;escaped name&gt;"
 *                                        without a client ID (escaping never writes '.')
 *   subscriptions/tombstones/g-&lt;seq&gt;     PERSISTENT SubscriptionTombstone: a generation replaced or deleted,
 *                                        whose delivery state may be dropped
 *   client_ids/&lt;escaped client ID&gt;     PERSISTENT ClientIdClaim (connection id, broker id); see {@link ClientIdRegistry}
 * </pre>
 *
 * <p>Destination names are arbitrary strings, so each name is escaped into one path segment: UTF-8
 * bytes, with every byte other than {@code A-Z a-z 0-9 _ -} written as {@code %XX} (upper-case hex).
 * That keeps "/", ".", "..", control characters and the code points ZooKeeper rejects out of paths,
 * and is reversible ({@link #unescape}). A deleted destination's node is removed at once (so the name
 * can be created again with a new log id); the controller then removes {@code logs/<logId>} of every
 * log that no destination references.
 *
 * <p>Immutable and thread-safe.
 */
public final class ZkPaths {

    public static final String DEFAULT_ROOT = "/partita";

    private final String root;

    public ZkPaths(String root) {
        Objects.requireNonNull(root, "root");
        if (!root.startsWith("/") || (root.length() > 1 && root.endsWith("/"))) {
            throw new IllegalArgumentException("ZooKeeper root must start with '/' and not end with it: " + root);
        }
        this.root = root.equals("/") ? "" : root;
    }

    public static ZkPaths defaults() {
        return new ZkPaths(DEFAULT_ROOT);
    }

    public String root() {
        return root.isEmpty() ? "/" : root;
    }

    public String brokerIds() {
        return root + "/brokers/ids";
    }

    public String broker(int brokerId) {
        return brokerIds() + "/" + brokerId;
    }

    public String controllerElection() {
        return root + "/controller";
    }

    public String controllerEpoch() {
        return root + "/controller_epoch";
    }

    public String destinations() {
        return root + "/destinations";
    }

    public String destinations(DestinationKind kind) {
        return destinations() + "/" + kindSegment(kind);
    }

    public String destination(TopicKey topic) {
        return destinations(topic.kind()) + "/" + escape(topic.name());
    }

    public String logs() {
        return root + "/logs";
    }

    public String log(String logId) {
        return logs() + "/" + logId;
    }

    public String logError(String logId) {
        return log(logId) + "/error";
    }

    public String partitions(String logId) {
        return log(logId) + "/partitions";
    }

    public String partition(String logId, int partition) {
        return partitions(logId) + "/" + partition;
    }

    public String partitionState(String logId, int partition) {
        return partition(logId, partition) + "/state";
    }

    public String subscriptions() {
        return root + "/subscriptions";
    }

    /** The directory of durable ({@code durable}) or shared non-durable ({@code shared}) keys. */
    public String subscriptions(SubscriptionKey.Kind kind) {
        if (kind != SubscriptionKey.Kind.DURABLE && kind != SubscriptionKey.Kind.SHARED) {
            throw new IllegalArgumentException(kind + " subscriptions are not registered in ZooKeeper");
        }
        return subscriptions() + "/" + kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The node of a durable or shared key: one segment, {@code <escaped client ID>.<escaped name>}
     * or {@code .<escaped name>} without a client ID. Escaping never writes '.', so the segment is
     * unambiguous, and a non-empty name keeps it from being "." or "..".
     */
    public String subscription(SubscriptionKey key) {
        String clientId;
        String name;
        if (key instanceof SubscriptionKey.Durable durable) {
            clientId = durable.clientId();
            name = durable.name();
        } else if (key instanceof SubscriptionKey.Shared shared) {
            clientId = shared.clientId();
            name = shared.name();
        } else {
            throw new IllegalArgumentException(key + " is not registered in ZooKeeper");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("subscription name must not be empty");
        }
        return subscriptions(key.kind()) + "/" + (clientId == null ? "" : escape(clientId)) + "." + escape(name);
    }

    public String subscriptionTombstones() {
        return subscriptions() + "/tombstones";
    }

    /** The prefix of a new tombstone node (created persistent sequential). */
    public String subscriptionTombstonePrefix() {
        return subscriptionTombstones() + "/g-";
    }

    public String clientIds() {
        return root + "/client_ids";
    }

    public String clientId(String clientId) {
        return clientIds() + "/" + escape(clientId);
    }

    /** The destination a path {@code destinations/<kind>/<escaped name>} names, if it is one. */
    public Optional<TopicKey> topicOf(String path) {
        String prefix = destinations() + "/";
        if (!path.startsWith(prefix)) {
            return Optional.empty();
        }
        String[] parts = path.substring(prefix.length()).split("/", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        for (DestinationKind kind : DestinationKind.values()) {
            if (kindSegment(kind).equals(parts[0])) {
                return Optional.of(new TopicKey(kind, unescape(parts[1])));
            }
        }
        return Optional.empty();
    }

    /** The partition a path {@code logs/<logId>/partitions/<p>/state} names, if it is one. */
    public Optional<LogPartition> partitionOf(String statePath) {
        String prefix = logs() + "/";
        if (!statePath.startsWith(prefix)) {
            return Optional.empty();
        }
        String[] parts = statePath.substring(prefix.length()).split("/", -1);
        if (parts.length != 4 || !parts[1].equals("partitions") || !parts[3].equals("state")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LogPartition(parts[0], Integer.parseInt(parts[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String kindSegment(DestinationKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** Escapes a destination name into one path segment (see the class comment). */
    public static String escape(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /** Reverses {@link #escape}. */
    public static String unescape(String segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    throw new IllegalArgumentException("Truncated escape in path segment: " + segment);
                }
                out.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    @Override
    public String toString() {
        return root();
    }
}
