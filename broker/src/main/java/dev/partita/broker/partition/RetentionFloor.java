package dev.partita.broker.partition;

/**
 * The lowest offset retention must keep in a partition: no segment holding it or anything above it
 * is deleted. Called on the partition's thread; must not block.
 */
@FunctionalInterface
public interface RetentionFloor {

    long floor(Partition partition);
}
