package dev.partita.broker.partition;

import dev.partita.broker.zk.LogPartition;
import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.ProduceResponse.PartitionProduceResult;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.storage.log.LogAppendInfo;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The produce path of one partition: on the partition's thread, append as leader (the log checks
 * CRCs, sizes and producer sequences and assigns offsets), then answer at once for
 * {@code acks=LEADER} or, for {@code acks=ALL}, when the high watermark passes the last offset
 * (a {@link DelayedProduce}). Errors are per partition: nothing of a failed append is stored.
 *
 * <p>Thread-safe: all partition work is submitted to the partition's executor.
 */
public final class Appender {

    private static final Logger log = LoggerFactory.getLogger(Appender.class);

    private final ReplicaManager replicas;
    private final Clock clock;

    public Appender(ReplicaManager replicas, Clock clock) {
        this.replicas = replicas;
        this.clock = clock;
    }

    /** Appends one partition's records; the future never fails, errors are in the result. */
    public CompletableFuture<PartitionProduceResult> append(LogPartition id, MemoryRecords records, Acks acks, long timeoutMs) {
        CompletableFuture<PartitionProduceResult> answer = new CompletableFuture<>();
        replicas.onPartitionThread(id, () -> {
            appendOnPartitionThread(id, records, acks, timeoutMs, answer);
            return null;
        }).whenComplete((ignored, failure) -> {
            if (failure != null) {
                answer.complete(error(id.partition(), StorageErrors.of(failure), StorageErrors.message(failure)));
            }
        });
        return answer;
    }

    private void appendOnPartitionThread(LogPartition id, MemoryRecords records, Acks acks, long timeoutMs,
                                         CompletableFuture<PartitionProduceResult> answer) {
        if (!replicas.mayLead()) {
            answer.complete(error(id.partition(), Errors.NOT_LEADER_OR_FOLLOWER, "Broker " + replicas.brokerId()
                    + " is disconnected from ZooKeeper and takes no writes until it reconnects"));
            return;
        }
        Partition partition = replicas.leaderPartitionCaughtUp(id).orElse(null);
        if (partition == null) {
            answer.complete(error(id.partition(), Errors.NOT_LEADER_OR_FOLLOWER,
                    "Broker " + replicas.brokerId() + " is not the leader of " + id));
            return;
        }
        LogAppendInfo info;
        try {
            info = partition.appendAsLeader(records);
        } catch (RuntimeException e) {
            Errors error = StorageErrors.of(e);
            if (error == Errors.STORAGE_ERROR || error == Errors.UNKNOWN_SERVER_ERROR) {
                log.warn("Append to {} failed: {}", id, e.toString());
            }
            answer.complete(error(id.partition(), error, StorageErrors.message(e)));
            return;
        }
        replicas.afterAppend(partition);
        PartitionProduceResult ok = new PartitionProduceResult(id.partition(), Errors.NONE, null,
                info.firstOffset(), info.logAppendTime(), partition.logStartOffset());
        long requiredOffset = info.lastOffset() + 1;
        if (acks != Acks.ALL || partition.highWatermark() >= requiredOffset) {
            answer.complete(ok);
            return;
        }
        DelayedProduce waiting = new DelayedProduce(clock.millis() + Math.max(0, timeoutMs), partition,
                requiredOffset, ok, answer);
        replicas.delayedOperations().watch(waiting, List.of(id));
    }

    static PartitionProduceResult error(int partition, Errors error, String message) {
        return new PartitionProduceResult(partition, error, message, -1L, -1L, -1L);
    }
}
