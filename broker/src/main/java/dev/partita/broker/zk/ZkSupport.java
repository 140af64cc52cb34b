package dev.partita.broker.zk;

import java.util.concurrent.Callable;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/** Small helpers shared by the registries: base paths and turning checked ZooKeeper failures into ours. */
final class ZkSupport {

    private ZkSupport() {
    }

    /** Creates the persistent node and its parents if missing (never container nodes: they vanish when empty). */
    static void ensurePath(CuratorFramework client, String path) {
        call("create " + path, () -> {
            if (client.checkExists().forPath(path) == null) {
                try {
                    client.create().creatingParentsIfNeeded().forPath(path);
                } catch (KeeperException.NodeExistsException raced) {
                    // another broker created it first: fine
                }
            }
            return null;
        });
    }

    /** Creates every node the layout needs before anyone watches or writes below it. */
    static void ensureBasePaths(CuratorFramework client, ZkPaths paths) {
        ensurePath(client, paths.brokerIds());
        ensurePath(client, paths.controllerElection());
        for (dev.partita.protocol.message.DestinationKind kind : dev.partita.protocol.message.DestinationKind.values()) {
            ensurePath(client, paths.destinations(kind));
        }
        ensurePath(client, paths.logs());
    }

    /** Runs a ZooKeeper call, rethrowing our exceptions as they are and wrapping the others. */
    static <T> T call(String what, Callable<T> action) {
        try {
            return action.call();
        } catch (CoordinationException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoordinationException("Interrupted during ZooKeeper " + what, e);
        } catch (Exception e) {
            throw new CoordinationException("ZooKeeper " + what + " failed: " + e, e);
        }
    }
}
