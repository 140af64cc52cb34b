/**
 * One {@link dev.partita.broker.server.RequestHandler} per API. Handlers run on network event
 * loops and never block: partition work goes to {@code ReplicaManager} (partition threads),
 * ZooKeeper work to the coordination layer, and each returns a future.
 */
package dev.partita.broker.server.handler;
