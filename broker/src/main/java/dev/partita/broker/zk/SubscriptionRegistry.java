package dev.partita.broker.zk;

import dev.partita.broker.delivery.ConnectionId;
import dev.partita.broker.zk.ZkCodec.SubscriptionEntry;
import dev.partita.protocol.message.SubscriptionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable and shared subscriptions of the cluster: key -> (topic and log id, selector, noLocal,
 * shared, generation, active consumers) in {@code subscriptions/durable/<key>} and
 * {@code subscriptions/shared/<key>} (queue and private subscriptions are not registered: a queue's
 * subscription is the queue, a private one lives and dies with its consumer).
 *
 * <p>Every change is a read followed by a write that compares the node's version, retried from a
 * fresh read when another broker wrote in between, so concurrent brokers serialise on the node:
 * <ul>
 *   <li>{@link #attach}: creates generation 1 if the key is new; joins a live subscription of the same
 *       topic, selector and noLocal; <em>replaces</em> an inactive one whose definition changed (one
 *       multi-op writes generation + 1 and a {@link SubscriptionTombstone} for the old one, whose
 *       delivery state becomes garbage); refuses a change while active, a second consumer on an
 *       unshared durable subscription, and a shared/unshared mismatch on a durable name.</li>
 *   <li>{@link #detach}: removes a consumer; a shared non-durable subscription is deleted with its
 *       last consumer. {@link #unsubscribe}: deletes an inactive durable subscription.
 *       {@link #expire}: removes every consumer of a logical connection whose lease expired.</li>
 * </ul>
 * Consumers are leases of logical connections, not ephemeral nodes: an ephemeral node would die with
 * the broker's ZooKeeper session although the connection may just be moving to another broker.
 * A deleted subscription's node stays as a marker of its last generation, so a re-created one never
 * reuses a generation whose delivery state may still exist (markers are tiny; removing markers whose
 * tombstones are all cleaned is left to the cleaner that drops delivery state).
 *
 * <p>Thread-safe (stateless besides the client); every call is a blocking ZooKeeper round trip, so
 * never call it on an event loop or a partition thread.
 */
public final class SubscriptionRegistry {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionRegistry.class);

    /** Longest selector stored, in UTF-8 bytes. */
    public static final int MAX_SELECTOR_BYTES = SubscriptionChecks.MAX_SELECTOR_BYTES;
    /** Compare-and-set attempts before giving up (each lost race means another broker progressed). */
    private static final int MAX_ATTEMPTS = 1000;

    /** What {@link #attach} did. */
    public enum Outcome {
        /** A new subscription (a new key, or one deleted before): its start is the log end. */
        CREATED,
        /** The old generation (of another definition) was tombstoned: a new subscription. */
        REPLACED,
        /** The consumer joined the existing generation. */
        JOINED
    }

    /** The subscription the consumer is now attached to, and how. */
    public record Attachment(SubscriptionInfo subscription, Outcome outcome) {
    }

    private final CuratorFramework client;
    private final ZkPaths paths;

    public SubscriptionRegistry(CuratorFramework client, ZkPaths paths) {
        this.client = client;
        this.paths = paths;
    }

    /** Creates the registry's directories if missing. */
    public void start() {
        ZkSupport.ensurePath(client, paths.subscriptions(SubscriptionKey.Kind.DURABLE));
        ZkSupport.ensurePath(client, paths.subscriptions(SubscriptionKey.Kind.SHARED));
        ZkSupport.ensurePath(client, paths.subscriptionTombstones());
    }

    /**
     * Attaches an active consumer to a durable or shared subscription, creating or replacing it as
     * the class comment says. Repeating an attach of a consumer already attached (a retry, or its
     * logical connection now using another broker, which is recorded) joins again.
     *
     * @throws SubscriptionInUseException           if it is active and the definition differs, or it is an
     *                                              unshared durable subscription with another consumer
     * @throws SubscriptionSharingMismatchException if a durable one exists as shared and unshared was asked, or the reverse
     * @throws InvalidSubscriptionException         for a key or definition that can never be valid
     */
    public Attachment attach(SubscriptionKey key, SubscriptionDefinition definition, SubscriptionInfo.Consumer consumer) {
        SubscriptionChecks.validate(key, definition);
        String path = paths.subscription(key);
        return casLoop("attach " + consumer + " to " + key, () -> {
            Stat stat = new Stat();
            SubscriptionEntry entry = read(path, stat);
            if (entry == null) {
                SubscriptionInfo created = generation(key, definition, 1, consumer);
                client.create().forPath(path, ZkCodec.encode(new SubscriptionEntry(key, 1, created)));
                log.info("Created subscription {} generation 1 on {}", key, definition.topic());
                return new Attachment(created, Outcome.CREATED);
            }
            SubscriptionInfo live = entry.live();
            if (live == null) {
                SubscriptionInfo created = generation(key, definition, entry.generation() + 1, consumer);
                write(path, stat, created);
                log.info("Re-created subscription {} as generation {}", key, created.generation());
                return new Attachment(created, Outcome.CREATED);
            }
            if (key.kind() == SubscriptionKey.Kind.DURABLE && live.shared() != definition.shared()) {
                throw new SubscriptionSharingMismatchException("Durable subscription " + describe(key) + " exists as "
                        + (live.shared() ? "shared" : "unshared") + "; it cannot be used as "
                        + (definition.shared() ? "shared" : "unshared"));
            }
            Optional<SubscriptionInfo.Consumer> attached = live.find(consumer);
            if (attached.isPresent() && live.hasDefinition(definition)) {
                if (attached.get().equals(consumer)) {
                    return new Attachment(live, Outcome.JOINED); // a retry
                }
                List<SubscriptionInfo.Consumer> consumers = new ArrayList<>(live.consumers());
                consumers.set(consumers.indexOf(attached.get()), consumer); // reconnected through another broker
                SubscriptionInfo moved = live.withConsumers(consumers);
                write(path, stat, moved);
                return new Attachment(moved, Outcome.JOINED);
            }
            if (live.isActive() && (!live.hasDefinition(definition) || !live.shared())) {
                throw new SubscriptionInUseException(live.hasDefinition(definition)
                        ? "Durable subscription " + describe(key) + " already has an active consumer"
                        : "Subscription " + describe(key) + " has an active consumer, so its topic, selector or "
                        + "noLocal cannot change");
            }
            if (live.hasDefinition(definition)) {
                List<SubscriptionInfo.Consumer> consumers = new ArrayList<>(live.consumers());
                consumers.add(consumer);
                SubscriptionInfo joined = live.withConsumers(consumers);
                write(path, stat, joined);
                return new Attachment(joined, Outcome.JOINED);
            }
            SubscriptionInfo replacement = generation(key, definition, live.generation() + 1, consumer);
            client.transaction().forOperations(
                    client.transactionOp().setData().withVersion(stat.getVersion())
                            .forPath(path, ZkCodec.encode(new SubscriptionEntry(key, replacement.generation(), replacement))),
                    tombstoneOp(live));
            log.info("Replaced subscription {} generation {} by generation {} ({} -> {})", key, live.generation(),
                    replacement.generation(), live.topic(), definition.topic());
            return new Attachment(replacement, Outcome.REPLACED);
        });
    }

    /**
     * Removes an active consumer (matched by connection and consumer id, whatever its broker); a
     * shared non-durable subscription goes with its last consumer.
     *
     * @return whether the consumer was attached
     */
    public boolean detach(SubscriptionKey key, SubscriptionInfo.Consumer consumer) {
        String path = paths.subscription(key);
        return casLoop("detach " + consumer + " from " + key, () -> {
            Stat stat = new Stat();
            SubscriptionEntry entry = read(path, stat);
            if (entry == null || entry.live() == null || entry.live().find(consumer).isEmpty()) {
                return false;
            }
            List<SubscriptionInfo.Consumer> rest = new ArrayList<>(entry.live().consumers());
            rest.removeIf(consumer::isSameConsumer);
            removeConsumers(path, stat, entry.live(), rest);
            return true;
        });
    }

    /**
     * Deletes an inactive durable subscription (JMS {@code unsubscribe}); its generation is tombstoned.
     *
     * @return the subscription deleted
     * @throws UnknownSubscriptionException if no durable subscription has this key
     * @throws SubscriptionInUseException   if it has an active consumer
     */
    public SubscriptionInfo unsubscribe(SubscriptionKey.Durable key) {
        String path = paths.subscription(key);
        return casLoop("unsubscribe " + key, () -> {
            Stat stat = new Stat();
            SubscriptionEntry entry = read(path, stat);
            if (entry == null || entry.live() == null) {
                throw new UnknownSubscriptionException("No durable subscription " + describe(key));
            }
            if (entry.live().isActive()) {
                throw new SubscriptionInUseException("Durable subscription " + describe(key)
                        + " has an active consumer and cannot be deleted");
            }
            delete(path, stat, entry.live());
            return entry.live();
        });
    }

    /**
     * Removes every consumer of a logical connection whose lease expired (or that closed without
     * detaching), deleting shared non-durable subscriptions left without consumers. Reads every
     * registered subscription: a lease expiry is rare.
     *
     * @return how many consumers were removed
     */
    public int expire(ConnectionId connection) {
        int removed = 0;
        for (String path : ZkSupport.call("list subscriptions", this::allPaths)) {
            removed += casLoop("expire " + connection + " in " + path, () -> {
                Stat stat = new Stat();
                SubscriptionEntry entry = read(path, stat);
                if (entry == null || entry.live() == null) {
                    return 0;
                }
                List<SubscriptionInfo.Consumer> rest = new ArrayList<>(entry.live().consumers());
                rest.removeIf(c -> c.connection().equals(connection));
                int gone = entry.live().consumers().size() - rest.size();
                if (gone > 0) {
                    removeConsumers(path, stat, entry.live(), rest);
                }
                return gone;
            });
        }
        if (removed > 0) {
            log.info("Removed {} consumers of expired {}", removed, connection);
        }
        return removed;
    }

    /** The live subscription of this key as ZooKeeper has it now. */
    public Optional<SubscriptionInfo> lookup(SubscriptionKey key) {
        String path = paths.subscription(key);
        return ZkSupport.call("read " + key, () -> Optional.ofNullable(read(path, new Stat())).map(SubscriptionEntry::live));
    }

    /** Every live durable and shared subscription. */
    public List<SubscriptionInfo> subscriptions() {
        return ZkSupport.call("list subscriptions", () -> {
            List<SubscriptionInfo> all = new ArrayList<>();
            for (String path : allPaths()) {
                SubscriptionEntry entry = read(path, new Stat());
                if (entry != null && entry.live() != null) {
                    all.add(entry.live());
                }
            }
            return all;
        });
    }

    /** Generations replaced or deleted whose delivery state has not been dropped yet, oldest first. */
    public List<SubscriptionTombstone> tombstones() {
        String dir = paths.subscriptionTombstones();
        return ZkSupport.call("list tombstones", () -> {
            List<SubscriptionTombstone> all = new ArrayList<>();
            for (String id : client.getChildren().forPath(dir).stream().sorted().toList()) {
                try {
                    all.add(ZkCodec.decodeSubscriptionTombstone(id, client.getData().forPath(dir + "/" + id)));
                } catch (KeeperException.NoNodeException removedMeanwhile) {
                    // another cleaner took it
                }
            }
            return all;
        });
    }

    /** Forgets a tombstone once its delivery state is dropped. @return whether it was still there */
    public boolean removeTombstone(SubscriptionTombstone tombstone) {
        return ZkSupport.call("remove tombstone " + tombstone.id(), () -> {
            try {
                client.delete().forPath(paths.subscriptionTombstones() + "/" + tombstone.id());
                return true;
            } catch (KeeperException.NoNodeException e) {
                return false;
            }
        });
    }

    private void removeConsumers(String path, Stat stat, SubscriptionInfo live, List<SubscriptionInfo.Consumer> rest)
            throws Exception {
        if (rest.isEmpty() && live.key().kind() == SubscriptionKey.Kind.SHARED) {
            delete(path, stat, live); // a shared non-durable subscription lives while it has consumers
        } else {
            write(path, stat, live.withConsumers(rest));
        }
    }

    /** One multi-op: the node keeps only the generation, and a tombstone names the dropped generation. */
    private void delete(String path, Stat stat, SubscriptionInfo live) throws Exception {
        client.transaction().forOperations(
                client.transactionOp().setData().withVersion(stat.getVersion())
                        .forPath(path, ZkCodec.encode(new SubscriptionEntry(live.key(), live.generation(), null))),
                tombstoneOp(live));
        log.info("Deleted subscription {} generation {}", live.key(), live.generation());
    }

    private org.apache.curator.framework.api.transaction.CuratorOp tombstoneOp(SubscriptionInfo old) throws Exception {
        return client.transactionOp().create().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                .forPath(paths.subscriptionTombstonePrefix(), ZkCodec.encode(
                        new SubscriptionTombstone("", old.key(), old.topic(), old.logId(), old.generation())));
    }

    private void write(String path, Stat stat, SubscriptionInfo info) throws Exception {
        client.setData().withVersion(stat.getVersion())
                .forPath(path, ZkCodec.encode(new SubscriptionEntry(info.key(), info.generation(), info)));
    }

    private SubscriptionEntry read(String path, Stat stat) throws Exception {
        try {
            return ZkCodec.decodeSubscriptionEntry(client.getData().storingStatIn(stat).forPath(path));
        } catch (KeeperException.NoNodeException e) {
            return null;
        }
    }

    private List<String> allPaths() throws Exception {
        List<String> all = new ArrayList<>();
        for (SubscriptionKey.Kind kind : List.of(SubscriptionKey.Kind.DURABLE, SubscriptionKey.Kind.SHARED)) {
            String dir = paths.subscriptions(kind);
            for (String child : client.getChildren().forPath(dir)) {
                all.add(dir + "/" + child);
            }
        }
        return all;
    }

    /** Runs a read-decide-write step until its write is not beaten by another broker's. */
    private <T> T casLoop(String what, Callable<T> step) {
        return ZkSupport.call(what, () -> {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                try {
                    return step.call();
                } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException
                         | KeeperException.NoNodeException lostRace) {
                    // another broker wrote the node between our read and write: decide again on what it wrote
                }
            }
            throw new CoordinationException("ZooKeeper " + what + ": still conflicting after " + MAX_ATTEMPTS + " attempts");
        });
    }

    private static SubscriptionInfo generation(SubscriptionKey key, SubscriptionDefinition definition, long generation,
                                               SubscriptionInfo.Consumer consumer) {
        boolean shared = key.kind() == SubscriptionKey.Kind.SHARED || definition.shared();
        return new SubscriptionInfo(key, definition.topic(), definition.logId(), definition.selector(),
                definition.noLocal(), shared, generation, List.of(consumer));
    }

    private static String describe(SubscriptionKey key) {
        return key.toString();
    }
}
