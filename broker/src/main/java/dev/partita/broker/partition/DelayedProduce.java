package dev.partita.broker.partition;

import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.ProduceResponse.PartitionProduceResult;
import java.util.concurrent.CompletableFuture;

/**
 * An {@code acks=ALL} append that waits for the partition's high watermark to pass its last offset
 * (on one replica: for the flush that makes it durable). Answers the append's result then,
 * {@code NOT_LEADER_OR_FOLLOWER} if leadership moved meanwhile, or {@code REQUEST_TIMED_OUT} at the
 * deadline (the records are stored but not known durable).
 */
final class DelayedProduce extends DelayedOperation {

    private final Partition partition;
    private final long requiredOffset;
    private final PartitionProduceResult appended;
    private final CompletableFuture<PartitionProduceResult> answer;

    DelayedProduce(long deadlineMs, Partition partition, long requiredOffset, PartitionProduceResult appended,
                   CompletableFuture<PartitionProduceResult> answer) {
        super(deadlineMs);
        this.partition = partition;
        this.requiredOffset = requiredOffset;
        this.appended = appended;
        this.answer = answer;
    }

    @Override
    public boolean tryComplete() {
        if (isCompleted()) {
            return true;
        }
        if (partition.highWatermark() >= requiredOffset) {
            if (claim()) {
                answer.complete(appended);
            }
            return true;
        }
        if (!partition.isLeader()) {
            if (claim()) {
                answer.complete(error(Errors.NOT_LEADER_OR_FOLLOWER,
                        "Leadership of " + partition.id() + " moved before the records were committed"));
            }
            return true;
        }
        return false;
    }

    @Override
    protected void onExpiration() {
        answer.complete(error(Errors.REQUEST_TIMED_OUT,
                "Records of " + partition.id() + " were not committed (fsynced) before the request timeout"));
    }

    @Override
    protected void onForcedCompletion() {
        if (partition.highWatermark() >= requiredOffset) {
            answer.complete(appended);
        } else {
            answer.complete(error(Errors.NOT_LEADER_OR_FOLLOWER, "The broker is shutting down"));
        }
    }

    private PartitionProduceResult error(Errors error, String message) {
        return new PartitionProduceResult(appended.partition(), error, message, -1L, -1L, -1L);
    }
}
