package dev.partita.broker.zk;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/** Helpers for tests against a real (in-process) ZooKeeper server. */
public final class ZkTestSupport {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final AtomicInteger ROOTS = new AtomicInteger();

    private ZkTestSupport() {
    }

    /** A fresh root per test, so tests sharing one server never see each other's nodes. */
    public static ZkPaths freshPaths() {
        return new ZkPaths("/test-" + ROOTS.incrementAndGet() + "-" + System.nanoTime());
    }

    public static CuratorFramework connect(String connectString) {
        return ZkClients.connect(connectString, Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    /**
     * Ends the client's session on the server, as a session timeout would: a second handle joins the
     * same session and closes it, so the server deletes the session's ephemeral nodes and the client
     * sees its session expire (then Curator opens a new one).
     */
    public static void expireSession(CuratorFramework client, String connectString) throws Exception {
        ZooKeeper handle = client.getZookeeperClient().getZooKeeper();
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper twin = new ZooKeeper(connectString, 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        }, handle.getSessionId(), handle.getSessionPasswd());
        try {
            if (!connected.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("could not join the session to expire it");
            }
        } finally {
            twin.close();
        }
    }
}
