package dev.partita.broker.zk;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The controller's access to {@code logs/}: fresh reads of every log, and the only writes of
 * partition state. Each write is one ZooKeeper transaction whose first operation checks the version
 * of {@code controller_epoch} against the writer's {@link ControllerEpochFence}, so once a newer
 * controller has bumped the epoch a deposed controller's writes fail with
 * {@link StaleControllerEpochException} and change nothing. State updates are also compare-and-set
 * on the state node's own version.
 *
 * <p>Thread-safe (stateless over the Curator client); the controller calls it from its one thread.
 */
public final class PartitionStateWriter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PartitionStateWriter.class);

    private final CuratorFramework client;
    private final ZkPaths paths;

    public PartitionStateWriter(CuratorFramework client, ZkPaths paths) {
        this.client = client;
        this.paths = paths;
    }

    /** Every log under {@code logs/} as ZooKeeper has it now. */
    public Map<String, LogSnapshot> readAll() {
        return ZkSupport.call("read partition states", () -> {
            Map<String, LogSnapshot> all = new HashMap<>();
            for (String logId : children(paths.logs())) {
                SortedMap<Integer, PartitionState> partitions = new TreeMap<>();
                for (String p : children(paths.partitions(logId))) {
                    int partition = Integer.parseInt(p);
                    Stat stat = new Stat();
                    try {
                        byte[] bytes = client.getData().storingStatIn(stat).forPath(paths.partitionState(logId, partition));
                        partitions.put(partition, ZkCodec.decodePartitionState(bytes, stat.getVersion()));
                    } catch (KeeperException.NoNodeException gone) {
                        // removed meanwhile
                    } catch (CoordinationException unreadable) { // one bad node must not stop the controller
                        log.error("Ignoring unreadable partition state {}-{}: {}", logId, partition, unreadable.getMessage());
                    }
                }
                String error = null;
                try {
                    error = new String(client.getData().forPath(paths.logError(logId)), StandardCharsets.UTF_8);
                } catch (KeeperException.NoNodeException none) {
                    // no error recorded
                }
                all.put(logId, new LogSnapshot(logId, partitions, error));
            }
            return all;
        });
    }

    private List<String> children(String path) throws Exception {
        try {
            return client.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }

    /** Creates the partition states of a newly assigned log (and clears an assignment error it had). */
    public void writeNewLog(ControllerEpochFence fence, String logId, Map<Integer, PartitionState> initial) {
        fencedWrite(fence, "create partition states of " + logId, () -> {
            List<CuratorOp> ops = new ArrayList<>();
            if (client.checkExists().forPath(paths.log(logId)) == null) {
                ops.add(client.transactionOp().create().forPath(paths.log(logId)));
            }
            if (client.checkExists().forPath(paths.logError(logId)) != null) {
                ops.add(client.transactionOp().delete().forPath(paths.logError(logId)));
            }
            ops.add(client.transactionOp().create().forPath(paths.partitions(logId)));
            for (Map.Entry<Integer, PartitionState> e : new TreeMap<>(initial).entrySet()) {
                ops.add(client.transactionOp().create().forPath(paths.partition(logId, e.getKey())));
                ops.add(client.transactionOp().create().forPath(paths.partitionState(logId, e.getKey()), ZkCodec.encode(e.getValue())));
            }
            return ops;
        });
    }

    /** Records why the log's replicas cannot be assigned; {@link #awaitLeaders} reports it. */
    public void writeAssignmentError(ControllerEpochFence fence, String logId, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        fencedWrite(fence, "record assignment error of " + logId, () -> {
            List<CuratorOp> ops = new ArrayList<>();
            if (client.checkExists().forPath(paths.log(logId)) == null) {
                ops.add(client.transactionOp().create().forPath(paths.log(logId)));
            }
            if (client.checkExists().forPath(paths.logError(logId)) == null) {
                ops.add(client.transactionOp().create().forPath(paths.logError(logId), text));
            } else {
                ops.add(client.transactionOp().setData().forPath(paths.logError(logId), text));
            }
            return ops;
        });
    }

    /** Replaces one partition's state if its node still has the version {@code current} was read at. */
    public void writeState(ControllerEpochFence fence, LogPartition partition, PartitionState current, PartitionState next) {
        fencedWrite(fence, "update state of " + partition, () -> List.of(client.transactionOp().setData()
                .withVersion(current.zkVersion())
                .forPath(paths.partitionState(partition.logId(), partition.partition()), ZkCodec.encode(next))));
    }

    /** Removes everything under {@code logs/<logId>} (its destination was deleted). */
    public void writeLogRemoval(ControllerEpochFence fence, String logId) {
        fencedWrite(fence, "remove log " + logId, () -> {
            List<CuratorOp> ops = new ArrayList<>();
            for (String p : children(paths.partitions(logId))) {
                int partition = Integer.parseInt(p);
                for (String child : children(paths.partition(logId, partition))) {
                    ops.add(client.transactionOp().delete().forPath(paths.partition(logId, partition) + "/" + child));
                }
                ops.add(client.transactionOp().delete().forPath(paths.partition(logId, partition)));
            }
            if (client.checkExists().forPath(paths.partitions(logId)) != null) {
                ops.add(client.transactionOp().delete().forPath(paths.partitions(logId)));
            }
            if (client.checkExists().forPath(paths.logError(logId)) != null) {
                ops.add(client.transactionOp().delete().forPath(paths.logError(logId)));
            }
            if (client.checkExists().forPath(paths.log(logId)) != null) {
                ops.add(client.transactionOp().delete().forPath(paths.log(logId)));
            }
            return ops;
        });
    }

    private interface OpsBuilder {
        List<CuratorOp> build() throws Exception;
    }

    private void fencedWrite(ControllerEpochFence fence, String what, OpsBuilder builder) {
        ZkSupport.call(what, () -> {
            List<CuratorOp> ops = new ArrayList<>();
            ops.add(client.transactionOp().check().withVersion(fence.zkVersion()).forPath(paths.controllerEpoch()));
            ops.addAll(builder.build());
            try {
                client.transaction().forOperations(ops);
                return null;
            } catch (KeeperException e) {
                Stat epoch = client.checkExists().forPath(paths.controllerEpoch());
                if (epoch == null || epoch.getVersion() != fence.zkVersion()) {
                    throw new StaleControllerEpochException("Controller epoch " + fence.epoch()
                            + " is stale: a newer controller was elected; " + what + " rejected");
                }
                throw new CoordinationException("Controller write (" + what + ") conflicted: " + e.getMessage(), e);
            }
        });
    }
}
