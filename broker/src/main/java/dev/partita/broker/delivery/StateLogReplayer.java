package dev.partita.broker.delivery;

import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.Record;
import dev.partita.protocol.record.RecordBatch;
import dev.partita.storage.log.Log;
import dev.partita.storage.log.LogReadResult;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Rebuilds delivery states from a storage {@link Log} holding {@code p.state} (the layout of
 * {@link StateLog}): a broker that opens the log after a restart, or becomes a replica of it,
 * replays it once and then applies new records as they arrive. Two passes: the first peeks at
 * record types to find each subscription's latest snapshot, the second decodes and applies only
 * from there on. Stateless and thread-safe; it reads the log like any reader.
 */
public final class StateLogReplayer {

    /** Bytes read per call while replaying. */
    private static final int READ_BYTES = 1 << 20;

    private StateLogReplayer() {
    }

    /**
     * Every subscription's rebuilt state, and the offset below which {@code p.state} may be cleaned.
     *
     * @param rejected records refused at apply (e.g. from a stale leader epoch): skipped, as on every replica
     */
    public record Replay(Map<StateLog.StateKey, DeliveryState> states, long cleanableBelow, int rejected) {
    }

    /**
     * Rebuilds the state of every subscription in {@code log} from the records below
     * {@code endOffsetExclusive} (the committed end: the high watermark, or after a restart the
     * recovered log end of what was fsynced). Each subscription starts from its latest snapshot; a
     * subscription without one starts empty at {@code initialStart} and must then have all its
     * records from the log start on. So the broker writes a SNAPSHOT as a new subscription's first
     * record ({@code new DeliveryState(logEnd).toSnapshot(leaderEpoch)}): that fixes its start at
     * the log end, as {@code createConsumer} requires, whatever {@code initialStart} is.
     *
     * @throws StateRecordFormatException a record that cannot be decoded (a corrupt state log)
     */
    public static Replay replay(Log log, long endOffsetExclusive, long initialStart) {
        Map<StateLog.StateKey, Long> latestSnapshot = new HashMap<>();
        Map<StateLog.StateKey, Long> firstRecord = new HashMap<>();
        forEachRecord(log, log.logStartOffset(), endOffsetExclusive, (offset, key, value) -> {
            firstRecord.putIfAbsent(key, offset);
            if (StateRecordCodec.peekType(value) == StateRecordType.SNAPSHOT) {
                latestSnapshot.put(key, offset);
            }
        });
        long from = log.logStartOffset();
        // Every subscription needs its records from its latest snapshot on, or all of them without one.
        long cleanable = firstRecord.isEmpty() ? from : Long.MAX_VALUE;
        for (Map.Entry<StateLog.StateKey, Long> first : firstRecord.entrySet()) {
            cleanable = Math.min(cleanable, latestSnapshot.getOrDefault(first.getKey(), first.getValue()));
        }
        Map<StateLog.StateKey, DeliveryState> states = new HashMap<>();
        int[] rejected = {0};
        forEachRecord(log, from, endOffsetExclusive, (offset, key, value) -> {
            Long snapshotAt = latestSnapshot.get(key);
            if (snapshotAt != null && offset < snapshotAt) {
                return;
            }
            StateRecord record = StateRecordCodec.decode(value);
            DeliveryState state = states.computeIfAbsent(key, k -> new DeliveryState(initialStart));
            if (!state.apply(record).applied()) {
                rejected[0]++;
            }
        });
        return new Replay(states, cleanable, rejected[0]);
    }

    /** The state of one subscription ({@code initialStart} if the log has nothing for it). */
    public static DeliveryState replay(Log log, long endOffsetExclusive, long initialStart, StateLog.StateKey key) {
        return replay(log, endOffsetExclusive, initialStart).states()
                .getOrDefault(key, new DeliveryState(initialStart));
    }

    private interface RecordVisitor {
        void visit(long offset, StateLog.StateKey key, ByteBuffer value);
    }

    private static void forEachRecord(Log log, long from, long endExclusive, RecordVisitor visitor) {
        long next = from;
        while (next < endExclusive) {
            LogReadResult read = log.read(next, READ_BYTES, endExclusive, true);
            MemoryRecords records = read.records().toMemoryRecords();
            if (records.sizeInBytes() == 0) {
                return;
            }
            for (RecordBatch batch : records) {
                for (Record record : batch) {
                    if (record.offset() >= next && record.offset() < endExclusive) {
                        if (!record.hasKey() || !record.hasValue()) {
                            throw new StateRecordFormatException("state log record at offset " + record.offset()
                                    + " has no key or no value");
                        }
                        visitor.visit(record.offset(), new StateLog.StateKey(record.keyBytes()), record.value());
                    }
                }
                next = Math.max(next, batch.nextOffset());
            }
        }
    }
}
