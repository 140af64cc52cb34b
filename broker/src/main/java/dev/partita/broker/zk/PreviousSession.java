package dev.partita.broker.zk;

import java.nio.charset.StandardCharsets;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the ephemeral nodes a crashed earlier run of this broker left behind: its registration
 * and its controller-election participant. ZooKeeper keeps them until that run's session times out,
 * which would delay this broker's election and briefly show it as dead when they finally expire.
 *
 * <p>Only safe when no other live process can hold this broker id's session: with the embedded
 * ZooKeeper that this very process just started, every session older than ours is a dead run's.
 * Against a shared ensemble a broker waits for the old session to expire instead.
 */
public final class PreviousSession {

    private static final Logger log = LoggerFactory.getLogger(PreviousSession.class);

    private PreviousSession() {
    }

    /** @return how many stale nodes of this broker id were deleted */
    public static int release(CuratorFramework client, ZkPaths paths, int brokerId) {
        return ZkSupport.call("release the previous session of broker " + brokerId, () -> {
            long ours = client.getZookeeperClient().getZooKeeper().getSessionId();
            int removed = deleteIfStale(client, paths.broker(brokerId), ours) ? 1 : 0;
            String election = paths.controllerElection();
            if (client.checkExists().forPath(election) != null) {
                for (String child : client.getChildren().forPath(election)) {
                    String path = election + "/" + child;
                    try {
                        byte[] participant = client.getData().forPath(path);
                        if (participant != null && String.valueOf(brokerId).equals(new String(participant, StandardCharsets.UTF_8))
                                && deleteIfStale(client, path, ours)) {
                            removed++;
                        }
                    } catch (KeeperException.NoNodeException gone) {
                        // expired meanwhile
                    }
                }
            }
            if (removed > 0) {
                log.info("Removed {} ephemeral node(s) left by a previous run of broker {}", removed, brokerId);
            }
            return removed;
        });
    }

    private static boolean deleteIfStale(CuratorFramework client, String path, long ourSession) throws Exception {
        Stat stat = client.checkExists().forPath(path);
        if (stat == null || stat.getEphemeralOwner() == 0 || stat.getEphemeralOwner() == ourSession) {
            return false;
        }
        try {
            client.delete().withVersion(stat.getVersion()).forPath(path);
            return true;
        } catch (KeeperException.NoNodeException | KeeperException.BadVersionException changed) {
            return false;
        }
    }
}
