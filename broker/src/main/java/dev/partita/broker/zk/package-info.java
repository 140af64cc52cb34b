/**
 * Cluster coordination through ZooKeeper and Curator recipes: the path layout ({@link
 * dev.partita.broker.zk.ZkPaths}) and value encoding ({@link dev.partita.broker.zk.ZkCodec}), an
 * embedded server for single-node use, broker registration, controller election with a controller
 * epoch, the destination registry ((kind, name) -> generated log id) and partition state (leader,
 * leader epoch, ISR), which only the controller writes, fenced by its epoch; the registry of durable
 * and shared subscriptions ({@link dev.partita.broker.zk.SubscriptionRegistry}: generations,
 * replacement, active consumers) and cluster-unique client IDs
 * ({@link dev.partita.broker.zk.ClientIdRegistry}).
 *
 * <p>Nothing here knows about partitions' data or the network; the broker composes these pieces
 * through {@link dev.partita.broker.controller.ClusterCoordinator}.
 */
package dev.partita.broker.zk;
