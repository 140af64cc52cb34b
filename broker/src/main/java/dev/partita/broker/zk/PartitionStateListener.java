package dev.partita.broker.zk;

/**
 * Told when the controller changes a partition's state. Called on Curator's cache thread, in the
 * order ZooKeeper applied the writes: do not block.
 */
@FunctionalInterface
public interface PartitionStateListener {

    /** @param state the new state, or null when the partition was removed (its destination was deleted) */
    void onPartitionStateChanged(LogPartition partition, PartitionState state);
}
