package dev.partita.broker.partition;

import dev.partita.broker.zk.LogPartition;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.RetriableException;

/** This broker does not lead the partition (any more): the client refreshes metadata and retries. */
public final class NotLeaderException extends RetriableException {

    private static final long serialVersionUID = 1L;

    public NotLeaderException(LogPartition partition) {
        super(Errors.NOT_LEADER_OR_FOLLOWER, "Broker is not the leader of partition " + partition);
    }
}
