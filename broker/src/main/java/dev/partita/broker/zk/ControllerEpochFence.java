package dev.partita.broker.zk;

/**
 * The proof a controller carries in each of its writes: the controller epoch it won and the version
 * of the {@code controller_epoch} node it wrote. Every controller write is a ZooKeeper multi-op that
 * first checks that version; a newer controller has bumped it, so a deposed controller's write fails
 * with {@link StaleControllerEpochException}.
 *
 * @param epoch        controller epoch, bumped by every newly elected controller (first one is 1)
 * @param zkVersion    version of the {@code controller_epoch} node after this controller's bump
 * @param controllerId broker id of the controller
 */
public record ControllerEpochFence(int epoch, int zkVersion, int controllerId) {
}
