package dev.partita.broker.zk;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What ZooKeeper holds under {@code logs/<logId>} at one moment.
 *
 * @param logId           the log
 * @param partitions      partition -> state (with node versions)
 * @param assignmentError why the controller could not assign the log's replicas, or null
 */
public record LogSnapshot(String logId, SortedMap<Integer, PartitionState> partitions, String assignmentError) {

    public LogSnapshot {
        partitions = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(partitions));
    }

    public static LogSnapshot of(String logId, Map<Integer, PartitionState> partitions) {
        return new LogSnapshot(logId, new TreeMap<>(partitions), null);
    }
}
