/**
 * The cluster controller: while this broker holds the controller election, it assigns replicas of
 * new destinations over the live brokers, writes initial partition state, elects new leaders from
 * the in-sync replicas when brokers die, and removes the state of deleted destinations. Decisions are
 * pure functions ({@link dev.partita.broker.controller.ControllerPlanner},
 * {@link dev.partita.broker.controller.ReplicaAssignment},
 * {@link dev.partita.broker.controller.LeaderElection}); {@link dev.partita.broker.controller.Controller}
 * is the thin shell that reads ZooKeeper and writes fenced transactions.
 * {@link dev.partita.broker.controller.ClusterCoordinator} wires one broker's whole coordination.
 */
package dev.partita.broker.controller;
