package dev.partita.broker.partition;

/**
 * The lowest offset retention must keep in a partition: no segment holding it or anything above it
 * is deleted. The same floor measures a partition's unconsumed bytes for its
 * {@link DestinationQuota} ({@link ReplicaManager#unconsumedBytes}). Called on the partition's
 * thread; must not block.
 */
@FunctionalInterface
public interface RetentionFloor {

    long floor(Partition partition);
}
