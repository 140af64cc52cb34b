/**
 * The broker as a whole: {@link dev.partita.broker.PartitaBroker} composes storage, the ZooKeeper
 * coordination layer, the partitions and the network server, and starts and stops them in order.
 */
package dev.partita.broker;
