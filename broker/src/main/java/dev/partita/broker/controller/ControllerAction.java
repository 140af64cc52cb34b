package dev.partita.broker.controller;

import dev.partita.broker.zk.LogPartition;
import dev.partita.broker.zk.PartitionState;
import java.util.Map;

/** One write the controller decided to make; {@link Controller} turns each into one fenced ZooKeeper transaction. */
public sealed interface ControllerAction {

    /** Create the partition states of a log that has none yet. */
    record CreateLog(String logId, Map<Integer, PartitionState> partitions) implements ControllerAction {
        public CreateLog {
            partitions = Map.copyOf(partitions);
        }
    }

    /** Record that the log's replicas cannot be assigned now (it is retried on the next broker change). */
    record RecordAssignmentError(String logId, String message) implements ControllerAction {
    }

    /** Replace a partition's state ({@code current} carries the node version for the compare-and-set). */
    record UpdatePartition(LogPartition partition, PartitionState current, PartitionState next) implements ControllerAction {
    }

    /** Remove a log whose destination was deleted. */
    record RemoveLog(String logId) implements ControllerAction {
    }
}
