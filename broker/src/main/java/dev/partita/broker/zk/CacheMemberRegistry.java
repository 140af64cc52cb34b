package dev.partita.broker.zk;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the brokers' offset-cache (Hazelcast) members are reachable, so that they find each other
 * through ZooKeeper rather than multicast or a static list:
 *
 * <pre>
 * &lt;root&gt;/hazelcast/cluster_id         PERSISTENT  UTF-8 random id, created once by the first broker
 *                                                 (create-if-absent); names the Hazelcast cluster
 * &lt;root&gt;/hazelcast/members/&lt;brokerId&gt;  EPHEMERAL   UTF-8 "host:port" of that broker's member
 * </pre>
 *
 * <p>The paths hang off {@link ZkPaths#root()} here rather than in {@link ZkPaths} only so this class
 * could be added without touching that file while it was being edited; they belong there.
 *
 * <p>Thread-safe. {@link #readMembers} and {@link #clusterId} call ZooKeeper and block.
 */
public final class CacheMemberRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CacheMemberRegistry.class);

    /** One member's advertised address. */
    public record Member(int brokerId, String host, int port) {
    }

    private final CuratorFramework client;
    private final String base;
    private PersistentNode registration;

    public CacheMemberRegistry(CuratorFramework client, ZkPaths paths) {
        this.client = client;
        this.base = (paths.root().equals("/") ? "" : paths.root()) + "/hazelcast";
    }

    public String membersPath() {
        return base + "/members";
    }

    public String memberPath(int brokerId) {
        return membersPath() + "/" + brokerId;
    }

    public String clusterIdPath() {
        return base + "/cluster_id";
    }

    /**
     * This cluster's id: read, or created if no broker has created it yet (racing creators all end
     * up with the winner's id). Two Partita clusters never share it, even on one ZooKeeper root name.
     */
    public String clusterId() {
        String path = clusterIdPath();
        return ZkSupport.call("read cache cluster id", () -> {
            try {
                client.create().creatingParentsIfNeeded()
                        .forPath(path, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            } catch (KeeperException.NodeExistsException exists) {
                // created by another broker (or an earlier run): theirs is the id
            }
            return new String(client.getData().forPath(path), StandardCharsets.UTF_8);
        });
    }

    /**
     * Publishes this broker's member address as an ephemeral node (re-created after a session loss)
     * and waits until it exists.
     *
     * @throws CoordinationTimeoutException if the node is not created within {@code timeout}
     */
    public synchronized void register(int brokerId, String host, int port, Duration timeout) {
        if (registration != null) {
            throw new IllegalStateException("already registered");
        }
        ZkSupport.ensurePath(client, membersPath());
        byte[] value = (host + ":" + port).getBytes(StandardCharsets.UTF_8);
        registration = new PersistentNode(client, CreateMode.EPHEMERAL, false, memberPath(brokerId), value);
        registration.start();
        boolean created = ZkSupport.call("register cache member " + brokerId,
                () -> registration.waitForInitialCreate(timeout.toMillis(), TimeUnit.MILLISECONDS));
        if (!created) {
            throw new CoordinationTimeoutException("Cache member " + brokerId + " not registered within " + timeout);
        }
        log.debug("Registered cache member {} at {}:{}", brokerId, host, port);
    }

    /** Every registered member, read from ZooKeeper now; unreadable nodes are skipped. */
    public List<Member> readMembers() {
        return ZkSupport.call("read cache members", () -> {
            List<Member> members = new ArrayList<>();
            List<String> children;
            try {
                children = client.getChildren().forPath(membersPath());
            } catch (KeeperException.NoNodeException none) {
                return Collections.<Member>emptyList();
            }
            for (String child : children) {
                try {
                    String value = new String(client.getData().forPath(membersPath() + "/" + child), StandardCharsets.UTF_8);
                    parse(child, value, members);
                } catch (KeeperException.NoNodeException gone) {
                    // that member went meanwhile
                }
            }
            return List.copyOf(members);
        });
    }

    private static void parse(String child, String value, List<Member> into) {
        int colon = value.lastIndexOf(':');
        try {
            into.add(new Member(Integer.parseInt(child), value.substring(0, colon), Integer.parseInt(value.substring(colon + 1))));
        } catch (RuntimeException e) {
            log.warn("Ignoring unreadable cache member node {}: '{}'", child, value);
        }
    }

    /** Removes this broker's member node (if registered). */
    @Override
    public synchronized void close() {
        if (registration != null) {
            try {
                registration.close();
            } catch (java.io.IOException e) {
                log.debug("Removing the cache member node failed (the session's end removes it)", e);
            }
            registration = null;
        }
    }
}
