package dev.partita.broker.delivery;

import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.MemoryRecordsBuilder;
import dev.partita.protocol.record.Record;
import dev.partita.protocol.record.RecordBatch;
import dev.partita.storage.log.Log;
import dev.partita.storage.log.LogReadResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How delivery-state records sit in a storage {@link Log} ({@code p.state}): one Kafka-format
 * record per state record, its key the subscription it belongs to ({@link StateKey}: one
 * {@code p.state} serves every subscription of partition p), its value the
 * {@link StateRecordCodec} encoding. {@link #batch} builds a batch to pass to
 * {@link Log#appendAsLeader}; {@link #replay} rebuilds every subscription's state from a log.
 *
 * <p>Cleaning rule: {@code p.state} is never compacted by key (that would drop deltas). It may be
 * cleaned (segments deleted) below {@link Replay#cleanableBelow()}: the lowest offset of the
 * latest committed snapshot of every subscription in it (or of its first record, for a
 * subscription without a snapshot). A leader should therefore snapshot every subscription now and
 * then, e.g. after a number of records or bytes since its last snapshot.
 *
 * <p>Stateless and thread-safe; a replay reads the log like any reader.
 */
public final class StateLog {

    /** Bytes read per call while replaying. */
    private static final int READ_BYTES = 1 << 20;

    private StateLog() {
    }

    /** The subscription a record belongs to, as opaque bytes the broker chooses (e.g. an encoded subscription generation). */
    public record StateKey(byte[] bytes) {
        public StateKey {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof StateKey key && java.util.Arrays.equals(bytes, key.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "StateKey(" + java.util.HexFormat.of().formatHex(bytes) + ")";
        }
    }

    /**
     * Every subscription's rebuilt state, and the offset below which {@code p.state} may be cleaned.
     *
     * @param rejected records refused at apply (e.g. from a stale leader epoch): skipped, as on every replica
     */
    public record Replay(Map<StateKey, DeliveryState> states, long cleanableBelow, int rejected) {
    }

    /** One uncompressed batch holding {@code records} of subscription {@code key}, for {@link Log#appendAsLeader}. */
    public static MemoryRecords batch(StateKey key, List<? extends StateRecord> records, long timestampMs) {
        MemoryRecordsBuilder builder = MemoryRecordsBuilder.builder();
        for (StateRecord record : records) {
            builder.append(timestampMs, key.bytes(), StateRecordCodec.encode(record));
        }
        return builder.build();
    }

    /**
     * Rebuilds the state of every subscription in {@code log} from the records below
     * {@code endOffsetExclusive} (the committed end: the high watermark, or after a restart the
     * recovered log end of what was fsynced). Each subscription starts from its latest snapshot; a
     * subscription without one starts empty at {@code initialStart} and must then have all its
     * records from the log start on.
     *
     * @throws StateRecordFormatException a record that cannot be decoded (a corrupt state log)
     */
    public static Replay replay(Log log, long endOffsetExclusive, long initialStart) {
        Map<StateKey, Long> latestSnapshot = new HashMap<>();
        Map<StateKey, Long> firstRecord = new HashMap<>();
        forEachRecord(log, log.logStartOffset(), endOffsetExclusive, (offset, key, value) -> {
            firstRecord.putIfAbsent(key, offset);
            if (StateRecordCodec.peekType(value) == StateRecordType.SNAPSHOT) {
                latestSnapshot.put(key, offset);
            }
        });
        long from = log.logStartOffset();
        // Every subscription needs its records from its latest snapshot on, or all of them without one.
        long cleanable = firstRecord.isEmpty() ? from : Long.MAX_VALUE;
        for (Map.Entry<StateKey, Long> first : firstRecord.entrySet()) {
            cleanable = Math.min(cleanable, latestSnapshot.getOrDefault(first.getKey(), first.getValue()));
        }
        Map<StateKey, DeliveryState> states = new HashMap<>();
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
    public static DeliveryState replay(Log log, long endOffsetExclusive, long initialStart, StateKey key) {
        return replay(log, endOffsetExclusive, initialStart).states()
                .getOrDefault(key, new DeliveryState(initialStart));
    }

    private interface RecordVisitor {
        void visit(long offset, StateKey key, ByteBuffer value);
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
                        visitor.visit(record.offset(), new StateKey(record.keyBytes()), record.value());
                    }
                }
                next = Math.max(next, batch.nextOffset());
            }
        }
    }
}
