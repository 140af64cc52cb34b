package dev.partita.broker.partition;

import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.ProduceResponse.PartitionProduceResult;
import dev.partita.protocol.record.MemoryRecords;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A produce to a full partition ({@link DestinationQuota}) waiting for space: nothing of it is
 * stored yet. Every change of the partition (an acknowledgement committed in its state log moves
 * the retention floor) queues one re-check on the partition's thread, where {@link Appender} appends
 * it once the partition is no longer full. At the deadline it answers {@code DESTINATION_FULL};
 * if leadership moves meanwhile, {@code NOT_LEADER_OR_FOLLOWER} (retriable: the client sends it to
 * the new leader).
 *
 * <p>Thread-safe: {@link #tryComplete} may be called on any thread and only queues the re-check;
 * the re-check and the append run on the partition's thread; {@link #claim} decides between them
 * and expiry.
 */
final class BlockedProduce extends DelayedOperation {

    private final Appender appender;
    private final Partition partition;
    private final MemoryRecords records;
    private final Acks acks;
    private final long requestDeadlineMs;
    private final DestinationQuota quota;
    private final long blockedMs;
    private final CompletableFuture<PartitionProduceResult> answer;
    private final AtomicBoolean recheckQueued = new AtomicBoolean();
    private volatile long unconsumedBytes;

    BlockedProduce(long deadlineMs, long blockedMs, Appender appender, Partition partition, MemoryRecords records, Acks acks,
                   long requestDeadlineMs, DestinationQuota quota, long unconsumedBytes,
                   CompletableFuture<PartitionProduceResult> answer) {
        super(deadlineMs);
        this.blockedMs = blockedMs;
        this.appender = appender;
        this.partition = partition;
        this.records = records;
        this.acks = acks;
        this.requestDeadlineMs = requestDeadlineMs;
        this.quota = quota;
        this.unconsumedBytes = unconsumedBytes;
        this.answer = answer;
    }

    @Override
    public boolean tryComplete() {
        if (isCompleted()) {
            return true;
        }
        if (recheckQueued.compareAndSet(false, true)) {
            appender.executors().execute(partition.id(), this::recheck);
        }
        return false;
    }

    /** Partition thread: appends if there is room now, answers if leadership moved, else keeps waiting. */
    private void recheck() {
        recheckQueued.set(false);
        if (isCompleted()) {
            return;
        }
        if (!appender.leads(partition)) {
            if (claim()) {
                answer.complete(Appender.error(partition.id().partition(), Errors.NOT_LEADER_OR_FOLLOWER,
                        "Leadership of " + partition.id() + " moved while a produce waited for space"));
            }
            return;
        }
        long unconsumed;
        try {
            unconsumed = appender.unconsumedBytes(partition);
        } catch (RuntimeException e) {
            if (claim()) {
                answer.complete(Appender.error(partition.id().partition(), StorageErrors.of(e), StorageErrors.message(e)));
            }
            return;
        }
        unconsumedBytes = unconsumed;
        if (!quota.isFull(unconsumed) && claim()) {
            appender.appendNow(partition, records, acks, requestDeadlineMs, answer);
        }
    }

    @Override
    protected void onExpiration() {
        answer.complete(Appender.error(partition.id().partition(), Errors.DESTINATION_FULL, partition.id()
                + " is full: it holds " + unconsumedBytes + " unconsumed bytes, at or above its limit of " + quota.maxBytes()
                + " (" + DestinationQuota.MAX_BYTES_CONFIG + "), and consumers freed no space in " + blockedMs
                + " ms; nothing was stored"));
    }

    @Override
    protected void onForcedCompletion() {
        answer.complete(Appender.error(partition.id().partition(), Errors.NOT_LEADER_OR_FOLLOWER,
                "The broker is shutting down; nothing was stored"));
    }
}
