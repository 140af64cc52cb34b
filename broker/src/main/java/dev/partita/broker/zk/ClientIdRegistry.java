package dev.partita.broker.zk;

import dev.partita.broker.delivery.ConnectionId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client IDs, unique across the cluster: {@code client_ids/<escaped client ID>} holds the
 * {@link ClientIdClaim} of the logical connection that set it. Creating the node is the
 * compare-and-set: of two connections claiming one ID at once, on any brokers, exactly one wins. The
 * node is persistent, not ephemeral: an ephemeral node would die with the ZooKeeper session of the
 * broker the connection happened to use, while the logical connection survives reconnects to
 * another broker. It goes when its connection releases it (close) or its lease expires
 * ({@link #expire}), and only then.
 *
 * <p>Thread-safe (stateless besides the client); every call is a blocking ZooKeeper round trip.
 */
public final class ClientIdRegistry {

    private static final Logger log = LoggerFactory.getLogger(ClientIdRegistry.class);
    private static final int MAX_ATTEMPTS = 1000;

    private final CuratorFramework client;
    private final ZkPaths paths;

    public ClientIdRegistry(CuratorFramework client, ZkPaths paths) {
        this.client = client;
        this.paths = paths;
    }

    /** Creates the registry's directory if missing. */
    public void start() {
        ZkSupport.ensurePath(client, paths.clientIds());
    }

    /**
     * Claims a client ID for a logical connection. Claiming again an ID the connection holds succeeds
     * (a retry, or the connection now reaching the cluster through another broker, which is recorded).
     *
     * @throws ClientIdInUseException   if another connection holds it
     * @throws InvalidClientIdException if the ID is empty, longer than 1000 UTF-8 bytes or not valid Unicode
     */
    public ClientIdClaim claim(String clientId, ConnectionId connection, int brokerId) {
        ZkNames.problem("Client ID", clientId).ifPresent(problem -> {
            throw new InvalidClientIdException(problem);
        });
        ClientIdClaim wanted = new ClientIdClaim(clientId, connection, brokerId);
        String path = paths.clientId(clientId);
        return ZkSupport.call("claim client ID " + clientId, () -> {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                try {
                    client.create().forPath(path, ZkCodec.encode(wanted));
                    log.debug("Client ID {} claimed by {} through broker {}", clientId, connection, brokerId);
                    return wanted;
                } catch (KeeperException.NodeExistsException held) {
                    // decide on the holder below
                }
                Stat stat = new Stat();
                ClientIdClaim holder = read(path, stat);
                if (holder == null) {
                    continue; // released between our create and read: try again
                }
                if (!holder.connection().equals(connection)) {
                    throw new ClientIdInUseException("Client ID '" + clientId + "' is in use by another connection");
                }
                if (holder.brokerId() == brokerId) {
                    return holder;
                }
                try {
                    client.setData().withVersion(stat.getVersion()).forPath(path, ZkCodec.encode(wanted));
                    return wanted;
                } catch (KeeperException.BadVersionException | KeeperException.NoNodeException raced) {
                    // changed meanwhile: decide again
                }
            }
            throw new CoordinationException("Claim of client ID " + clientId + " still conflicting after "
                    + MAX_ATTEMPTS + " attempts");
        });
    }

    /**
     * Frees a client ID when the connection that holds it closes. Only the holder can free it.
     *
     * @return whether {@code connection} held it (false: not held, or held by another connection, which keeps it)
     */
    public boolean release(String clientId, ConnectionId connection) {
        if (ZkNames.problem("Client ID", clientId).isPresent()) {
            return false; // could never have been claimed
        }
        String path = paths.clientId(clientId);
        return ZkSupport.call("release client ID " + clientId, () -> releaseIfHeld(path, connection));
    }

    /**
     * Frees every client ID a logical connection holds, when its lease expired. Reads every claim:
     * a lease expiry is rare.
     *
     * @return the client IDs freed
     */
    public List<String> expire(ConnectionId connection) {
        return ZkSupport.call("expire client IDs of " + connection, () -> {
            List<String> freed = new ArrayList<>();
            for (String child : client.getChildren().forPath(paths.clientIds())) {
                if (releaseIfHeld(paths.clientIds() + "/" + child, connection)) {
                    freed.add(ZkPaths.unescape(child));
                }
            }
            if (!freed.isEmpty()) {
                log.info("Freed client IDs {} of expired {}", freed, connection);
            }
            return freed;
        });
    }

    /** Who holds the client ID now, if anyone. */
    public Optional<ClientIdClaim> holder(String clientId) {
        if (ZkNames.problem("Client ID", clientId).isPresent()) {
            return Optional.empty();
        }
        String path = paths.clientId(clientId);
        return ZkSupport.call("read client ID " + clientId, () -> Optional.ofNullable(read(path, new Stat())));
    }

    private boolean releaseIfHeld(String path, ConnectionId connection) throws Exception {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Stat stat = new Stat();
            ClientIdClaim holder = read(path, stat);
            if (holder == null || !holder.connection().equals(connection)) {
                return false;
            }
            try {
                client.delete().withVersion(stat.getVersion()).forPath(path);
                return true;
            } catch (KeeperException.BadVersionException raced) {
                // the holder re-claimed through another broker meanwhile: look again
            } catch (KeeperException.NoNodeException gone) {
                return false;
            }
        }
        throw new CoordinationException("Release of " + path + " still conflicting after " + MAX_ATTEMPTS + " attempts");
    }

    private ClientIdClaim read(String path, Stat stat) throws Exception {
        try {
            return ZkCodec.decodeClientIdClaim(client.getData().storingStatIn(stat).forPath(path));
        } catch (KeeperException.NoNodeException e) {
            return null;
        }
    }
}
