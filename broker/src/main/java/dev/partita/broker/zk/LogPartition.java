package dev.partita.broker.zk;

import java.util.Objects;

/** One partition of a log, named by the generated log id (not the destination name). */
public record LogPartition(String logId, int partition) {

    public LogPartition {
        Objects.requireNonNull(logId, "logId");
    }

    @Override
    public String toString() {
        return logId + "-" + partition;
    }
}
