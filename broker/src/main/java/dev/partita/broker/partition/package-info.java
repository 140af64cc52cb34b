/**
 * Partitions hosted by this broker. {@link dev.partita.broker.partition.ReplicaManager} follows the
 * partition state the controller writes to ZooKeeper and makes local logs leaders with the leader
 * epoch; each {@link dev.partita.broker.partition.Partition} is touched for writes only by its own
 * {@code partita-partition-N} thread ({@link dev.partita.broker.partition.PartitionExecutors}).
 * Requests that wait (acks=ALL produce, long-poll fetch, a produce to a full partition, see
 * {@link dev.partita.broker.partition.DestinationQuota}) park in
 * {@link dev.partita.broker.partition.DelayedOperations}, driven by {@code poll(now)}.
 */
package dev.partita.broker.partition;
