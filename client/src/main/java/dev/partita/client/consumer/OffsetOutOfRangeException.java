package dev.partita.client.consumer;

import dev.partita.client.metadata.TopicPartition;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.Errors;

/**
 * A fetch asked for an offset below the log start (deleted by retention) or past the log end.
 * The consumer does not reset its position by itself: the caller decides (seek to beginning or
 * end, or report data loss).
 */
public class OffsetOutOfRangeException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final transient TopicPartition partition;
    private final long offset;

    public OffsetOutOfRangeException(TopicPartition partition, long offset) {
        super(Errors.OFFSET_OUT_OF_RANGE, "offset " + offset + " is out of range for " + partition);
        this.partition = partition;
        this.offset = offset;
    }

    public TopicPartition partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }
}
