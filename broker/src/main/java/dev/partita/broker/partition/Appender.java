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
 * <p>With a {@link DestinationQuota}, a produce to a partition that is full waits first (a
 * {@link BlockedProduce}) until acknowledgements free space, at most the quota's block time and
 * never so long that the client's request times out first ({@value #RESPONSE_MARGIN_MS} ms before
 * the request's timeout), then fails with {@code DESTINATION_FULL}. Nothing orders the waiting
 * produces of different producers; one producer has one request in flight per partition.
 *
 * <p>Thread-safe: all partition work is submitted to the partition's executor.
 */
public final class Appender {

    private static final Logger log = LoggerFactory.getLogger(Appender.class);

    /** A blocked produce is answered this long before its request times out at the client. */
    static final long RESPONSE_MARGIN_MS = 500;

    private final ReplicaManager replicas;
    private final Clock clock;

    public Appender(ReplicaManager replicas, Clock clock) {
        this.replicas = replicas;
        this.clock = clock;
    }

    /** Appends one partition's records without a size limit; the future never fails, errors are in the result. */
    public CompletableFuture<PartitionProduceResult> append(LogPartition id, MemoryRecords records, Acks acks, long timeoutMs) {
        return append(id, records, acks, timeoutMs, DestinationQuota.UNLIMITED);
    }

    /**
     * Appends one partition's records, waiting for space while the partition is full under
     * {@code quota}; the future never fails, errors are in the result.
     */
    public CompletableFuture<PartitionProduceResult> append(LogPartition id, MemoryRecords records, Acks acks, long timeoutMs,
                                                            DestinationQuota quota) {
        long requestDeadlineMs = clock.millis() + Math.max(0, timeoutMs);
        CompletableFuture<PartitionProduceResult> answer = new CompletableFuture<>();
        replicas.onPartitionThread(id, () -> {
            appendOnPartitionThread(id, records, acks, requestDeadlineMs, quota, answer);
            return null;
        }).whenComplete((ignored, failure) -> {
            if (failure != null) {
                answer.complete(error(id.partition(), StorageErrors.of(failure), StorageErrors.message(failure)));
            }
        });
        return answer;
    }

    private void appendOnPartitionThread(LogPartition id, MemoryRecords records, Acks acks, long requestDeadlineMs,
                                         DestinationQuota quota, CompletableFuture<PartitionProduceResult> answer) {
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
        if (quota.limited()) {
            long unconsumed = replicas.unconsumedBytes(partition);
            if (quota.isFull(unconsumed)) {
                block(partition, records, acks, requestDeadlineMs, quota, unconsumed, answer);
                return;
            }
        }
        appendNow(partition, records, acks, requestDeadlineMs, answer);
    }

    /** Partition thread: parks a produce to a full partition, or fails it when it may not wait. */
    private void block(Partition partition, MemoryRecords records, Acks acks, long requestDeadlineMs, DestinationQuota quota,
                       long unconsumed, CompletableFuture<PartitionProduceResult> answer) {
        long now = clock.millis();
        long until = Math.min(now + quota.blockMs(), requestDeadlineMs - RESPONSE_MARGIN_MS);
        BlockedProduce blocked = new BlockedProduce(until, Math.max(0, until - now), this, partition, records, acks,
                requestDeadlineMs, quota, unconsumed, answer);
        if (until <= now) {
            blocked.expire();
            return;
        }
        replicas.delayedOperations().watch(blocked, List.of(partition.id()));
    }

    /** Partition thread: appends as leader and answers, now or (acks=ALL) once the records are committed. */
    void appendNow(Partition partition, MemoryRecords records, Acks acks, long requestDeadlineMs,
                   CompletableFuture<PartitionProduceResult> answer) {
        LogPartition id = partition.id();
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
        DelayedProduce waiting = new DelayedProduce(requestDeadlineMs, partition, requiredOffset, ok, answer);
        replicas.delayedOperations().watch(waiting, List.of(id));
    }

    /** Partition thread: whether this broker may still take writes for {@code partition} as its leader. */
    boolean leads(Partition partition) {
        return replicas.mayLead() && partition.isLeader();
    }

    /** Partition thread: see {@link ReplicaManager#unconsumedBytes}. */
    long unconsumedBytes(Partition partition) {
        return replicas.unconsumedBytes(partition);
    }

    PartitionExecutors executors() {
        return replicas.executors();
    }

    static PartitionProduceResult error(int partition, Errors error, String message) {
        return new PartitionProduceResult(partition, error, message, -1L, -1L, -1L);
    }
}
