package dev.partita.broker.subscription;

import dev.partita.broker.delivery.AcquireRequest;
import dev.partita.broker.delivery.ApplyResult;
import dev.partita.broker.delivery.ArchiveReason;
import dev.partita.broker.delivery.ConnectionId;
import dev.partita.broker.delivery.DeliveryLeader;
import dev.partita.broker.delivery.DeliveryState;
import dev.partita.broker.delivery.OffsetRange;
import dev.partita.broker.delivery.Proposal;
import dev.partita.broker.delivery.SessionId;
import dev.partita.broker.delivery.SessionInfo;
import dev.partita.broker.delivery.StateLog.StateKey;
import dev.partita.broker.delivery.StateRecord;
import dev.partita.broker.zk.LogPartition;
import dev.partita.protocol.message.AcquireResponse.AcquiredPartition;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.DeliveryRange;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.RecordBatch;
import dev.partita.storage.log.Log;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongPredicate;

/**
 * One acquire pass over one partition, on its thread: finds the first available offset below the
 * high watermark, reads the committed batches from there (bounded by the byte limit), acquires the
 * available offsets those batches hold (in offset order, up to the record limit, skipping those
 * the filter rejects), and answers once the acquisition is committed in {@code p.state}, with the
 * ranges, their delivery counts and the batches.
 *
 * <p>Thread-safe: stateless apart from the manager, whose partition work runs on partition threads.
 */
final class Acquirer {

    /** One pass's answer, and what it saw, so a parked acquire knows when to look again. */
    record Attempt(AcquiredPartition result, long highWatermark, long version) {
        boolean acquiredOrFailed() {
            return result.error() != Errors.NONE || !result.acquired().isEmpty();
        }
    }

    /**
     * What to acquire on one partition.
     *
     * @param createQueue    a queue's subscription is created on first use (it exists as long as the queue)
     * @param keepsRejected  queue semantics (a queue, or a temporary queue): offsets a consumer's
     *                       selector rejects stay available for the other consumers; on a topic
     *                       subscription they are archived as {@code FILTERED}
     * @param ownRecords     the records of the subscription's destination (null: all of them; on a
     *                       temporary destination those with its key): the others are no message
     *                       of this subscription and are archived for it as {@code FILTERED}, whatever
     *                       its semantics (every temporary destination has a subscription of its own,
     *                       so this loses nothing for theirs)
     * @param selector       the consumer's selector and noLocal as a test on the offsets of the
     *                       batches read (null: none)
     */
    record Target(LogPartition id, StateKey key, boolean createQueue, boolean keepsRejected, SessionId session,
                  int sessionEpoch, ConnectionId connection, int maxRecords, int maxBytes, RecordFilter ownRecords,
                  RecordFilter selector, boolean registered) {
    }

    /** Builds an offset filter over the batches one pass read. */
    interface RecordFilter {
        LongPredicate over(MemoryRecords records);
    }

    /** Read windows one pass looks at when a selector rejects everything in them. */
    static final int MAX_WINDOWS = 16;
    /** Log reads (each within one segment) that fill one window. */
    static final int MAX_SEGMENT_READS = 64;
    /**
     * Bytes the first window of a pass reads per record asked (a typical JMS message with its
     * headers fits), and never less than {@link #MIN_WINDOW_BYTES}. A consumer that asks for one
     * record (a blocking consumer frees one prefetch slot per receive) used to make the partition
     * thread read, ship and the client decode up to the request's whole byte limit (1 MiB) each
     * time, which left acknowledgements queueing behind acquires (docs/performance.md).
     */
    static final int WINDOW_BYTES_PER_RECORD = 2048;
    static final int MIN_WINDOW_BYTES = 4096;

    private final SubscriptionManager manager;

    Acquirer(SubscriptionManager manager) {
        this.manager = manager;
    }

    CompletableFuture<Attempt> attempt(Target t) {
        return manager.onLeaderThread(t.id(), led -> {
            long hw = led.data().highWatermark();
            long version = led.state().version();
            DeliveryLeader leader = led.state().leader(t.key()).orElse(null);
            if (leader == null) {
                if (!t.createQueue()) {
                    throw new ApiException(t.registered() ? Errors.STALE_SUBSCRIPTION_GENERATION : Errors.UNKNOWN_SUBSCRIPTION,
                            "No subscription " + t.key() + " on partition " + t.id().partition()
                            + " of this broker: subscribe first (a replaced or deleted generation is gone)");
                }
                led.state().create(t.key(), led.data().logStartOffset()); // committed before the acquire below
                leader = led.state().leader(t.key()).orElseThrow();
            }
            leader.heartbeat(t.connection(), manager.nowMs());
            DeliveryState state = leader.state();
            long from = Math.max(state.start(), led.data().logStartOffset());
            MemoryRecords read = MemoryRecords.EMPTY;
            Proposal proposal = new Proposal.Nothing("nothing available");
            // A selective consumer may reject a whole window: look further, within bounds.
            for (int window = 0; window < MAX_WINDOWS && proposal instanceof Proposal.Nothing; window++) {
                long first = state.nextAvailable(from, hw);
                if (first < 0) {
                    break;
                }
                read = readWindow(led.data().log(), first, windowBytes(t.maxRecords(), t.maxBytes(), window), hw);
                long end = first;
                for (RecordBatch batch : read) {
                    end = Math.max(end, batch.nextOffset());
                }
                if (end <= first) {
                    break;
                }
                LongPredicate own = t.ownRecords() == null ? null : t.ownRecords().over(read);
                LongPredicate selected = t.selector() == null ? null : t.selector().over(read);
                // finished for this subscription: other destinations' records, and on a topic what its selector rejects
                LongPredicate finished = both(own, t.keepsRejected() ? null : selected);
                if (finished != null) {
                    archiveRejected(led.state(), leader, t.key(), first, end, finished);
                }
                LongPredicate filter = both(own, selected);
                if (filter == null) {
                    filter = AcquireRequest.ACCEPT_ALL;
                }
                proposal = leader.acquire(new AcquireRequest(t.session(), t.sessionEpoch(), t.connection(),
                        Math.min(end, hw), t.maxRecords(), Integer.MAX_VALUE, filter, first));
                from = end;
            }
            MemoryRecords batches = read;
            DeliveryLeader acquiring = leader;
            Proposal chosen = proposal;
            return led.state().propose(t.key(), chosen).handle((result, failure) -> {
                if (failure != null) {
                    return new Attempt(error(t, SubscriptionErrors.of(failure), SubscriptionErrors.message(failure),
                            SubscriptionErrors.sessionEpoch(failure, t.sessionEpoch())), hw, version);
                }
                if (result instanceof ApplyResult.Rejected rejected) {
                    return new Attempt(error(t, SubscriptionErrors.of(rejected.error()), rejected.message(),
                            sessionEpoch(acquiring, t)), hw, version);
                }
                if (chosen instanceof Proposal.Append append && append.record() instanceof StateRecord.Acquire acquire) {
                    return new Attempt(new AcquiredPartition(t.id().partition(), Errors.NONE, sessionEpoch(acquiring, t),
                            ranges(acquire.ranges()), batches), hw, version);
                }
                return new Attempt(empty(t, sessionEpoch(acquiring, t)), hw, version);
            });
        }).exceptionally(failure -> new Attempt(error(t, SubscriptionErrors.of(failure),
                SubscriptionErrors.message(failure), t.sessionEpoch()), -1, -1));
    }

    /**
     * How far window number {@code window} (0 first) of a pass reads: about what {@code maxRecords}
     * need, doubled with every further window (a selector rejected all of the previous one), never
     * above the request's {@code maxBytes}. A window still holds at least one batch whatever its size.
     */
    static int windowBytes(int maxRecords, int maxBytes, int window) {
        long first = Math.max(MIN_WINDOW_BYTES, (long) Math.max(maxRecords, 1) * WINDOW_BYTES_PER_RECORD);
        long grown = first << Math.min(window, 24);
        return (int) Math.max(1, Math.min(maxBytes, grown));
    }

    /**
     * Committed batches from {@code first} on, up to {@code maxBytes} (at least one batch), across
     * segment boundaries (a single log read stops at the end of its segment).
     */
    static MemoryRecords readWindow(Log log, long first, int maxBytes, long hw) {
        List<ByteBuffer> slices = new ArrayList<>();
        int total = 0;
        long next = first;
        for (int reads = 0; reads < MAX_SEGMENT_READS && next < hw && total < maxBytes; reads++) {
            MemoryRecords slice = log.read(next, maxBytes - total, hw, total == 0).records().toMemoryRecords();
            if (slice.sizeInBytes() == 0) {
                break;
            }
            slices.add(slice.buffer());
            total += slice.sizeInBytes();
            for (RecordBatch batch : slice) {
                next = Math.max(next, batch.nextOffset());
            }
        }
        if (slices.size() == 1) {
            return MemoryRecords.readableRecords(slices.get(0));
        }
        ByteBuffer all = ByteBuffer.allocate(total);
        slices.forEach(slice -> all.put(slice.duplicate()));
        all.flip();
        return MemoryRecords.readableRecords(all);
    }

    /** Offsets both accept (a null one accepts all); null when both are null. */
    private static LongPredicate both(LongPredicate a, LongPredicate b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a.and(b);
    }

    /**
     * These offsets are no message of this subscription (another destination's record, or on a
     * topic subscription one its selector rejects): they are finished for it
     * ({@code FILTERED}). Offsets another change is in flight on are left for a later pass.
     */
    private static void archiveRejected(StatePartition partition, DeliveryLeader leader, StateKey key,
                                        long first, long end, LongPredicate filter) {
        DeliveryState state = leader.state();
        List<OffsetRange> rejected = new ArrayList<>();
        for (long offset = first; offset < end; offset++) {
            if (state.isAvailable(offset) && !filter.test(offset)) {
                int count = state.deliveryCount(offset);
                OffsetRange last = rejected.isEmpty() ? null : rejected.get(rejected.size() - 1);
                if (last != null && last.last() == offset - 1 && last.deliveryCount() == count) {
                    rejected.set(rejected.size() - 1, new OffsetRange(last.first(), offset, count));
                } else {
                    rejected.add(OffsetRange.of(offset, count));
                }
            }
        }
        if (!rejected.isEmpty()) {
            Proposal archive = leader.archive(ArchiveReason.FILTERED, rejected);
            if (archive instanceof Proposal.Append) {
                partition.propose(key, archive);
            }
        }
    }

    static List<DeliveryRange> ranges(List<OffsetRange> ranges) {
        return ranges.stream().map(r -> new DeliveryRange(r.first(), r.last(), r.deliveryCount())).toList();
    }

    private static int sessionEpoch(DeliveryLeader leader, Target t) {
        SessionInfo info = leader.state().session(t.session());
        return info == null ? t.sessionEpoch() : info.epoch();
    }

    static AcquiredPartition empty(Target t, int sessionEpoch) {
        return new AcquiredPartition(t.id().partition(), Errors.NONE, sessionEpoch, List.of(), MemoryRecords.EMPTY);
    }

    static AcquiredPartition error(Target t, Errors error, String message, int sessionEpoch) {
        return new AcquiredPartition(t.id().partition(), error, sessionEpoch, List.of(), MemoryRecords.EMPTY);
    }
}
