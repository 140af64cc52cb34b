package dev.partita.broker.zk;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.retry.ExponentialBackoffRetry;

/** Creates the broker's Curator client: one per broker, shared by every registry and the controller. */
public final class ZkClients {

    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(18);
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(15);

    private ZkClients() {
    }

    /**
     * Starts a client and waits until it is connected.
     *
     * @throws CoordinationTimeoutException if ZooKeeper cannot be reached within the connection timeout
     */
    public static CuratorFramework connect(String connectString, Duration sessionTimeout, Duration connectionTimeout) {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs((int) sessionTimeout.toMillis())
                .connectionTimeoutMs((int) connectionTimeout.toMillis())
                .retryPolicy(new ExponentialBackoffRetry(100, 5, 2000))
                // only a lost session ends a leadership: a controller keeps its role through a short
                // disconnect (its writes fail meanwhile and are fenced by the epoch anyway) instead of
                // handing control around the cluster on every network blip
                .connectionStateErrorPolicy(new SessionConnectionStateErrorPolicy())
                .build();
        client.start();
        boolean connected;
        try {
            connected = client.blockUntilConnected((int) connectionTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new CoordinationException("Interrupted while connecting to ZooKeeper at " + connectString, e);
        }
        if (!connected) {
            client.close();
            throw new CoordinationTimeoutException("Could not connect to ZooKeeper at " + connectString
                    + " within " + connectionTimeout);
        }
        return client;
    }

    public static CuratorFramework connect(String connectString) {
        return connect(connectString, DEFAULT_SESSION_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT);
    }
}
