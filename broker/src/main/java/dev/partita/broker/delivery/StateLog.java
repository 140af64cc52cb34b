package dev.partita.broker.delivery;

import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.MemoryRecordsBuilder;
import dev.partita.storage.log.Log;
import java.util.List;

/**
 * How delivery-state records sit in a storage {@link Log} ({@code p.state}): one Kafka-format
 * record per state record, its key the subscription it belongs to ({@link StateKey}: one
 * {@code p.state} serves every subscription of partition p), its value the
 * {@link StateRecordCodec} encoding. {@link #batch} builds a batch to pass to
 * {@link Log#appendAsLeader}; {@link StateLogReplayer} rebuilds every subscription's state from a log.
 *
 * <p>Cleaning rule: {@code p.state} is never compacted by key (that would drop deltas). It may be
 * cleaned (segments deleted) below {@link StateLogReplayer.Replay#cleanableBelow()}: the lowest offset of the
 * latest committed snapshot of every subscription in it (or of its first record, for a
 * subscription without a snapshot). A leader should therefore snapshot every subscription now and
 * then, e.g. after a number of records or bytes since its last snapshot.
 *
 * <p>Stateless and thread-safe.
 */
public final class StateLog {

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

    /** One uncompressed batch holding {@code records} of subscription {@code key}, for {@link Log#appendAsLeader}. */
    public static MemoryRecords batch(StateKey key, List<? extends StateRecord> records, long timestampMs) {
        MemoryRecordsBuilder builder = MemoryRecordsBuilder.builder();
        for (StateRecord record : records) {
            builder.append(timestampMs, key.bytes(), StateRecordCodec.encode(record));
        }
        return builder.build();
    }

}
