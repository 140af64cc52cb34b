package dev.partita.broker.delivery;

import static dev.partita.broker.delivery.TestIds.C1;
import static dev.partita.broker.delivery.TestIds.S1;
import static dev.partita.broker.delivery.TestIds.S2;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Applying records directly, as a follower or a replay does. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DeliveryStateTest {

    private final DeliveryState state = new DeliveryState(100);

    private static StateRecord.Acquire acquire(int leaderEpoch, SessionId session, long first, long last) {
        return new StateRecord.Acquire(leaderEpoch, session, 0, C1, List.of(new OffsetRange(first, last, 0)));
    }

    @Test
    void aRecordFromAnOlderLeaderEpochIsRejectedAndChangesNothing() {
        assertThat(state.apply(acquire(5, S1, 100, 101)).applied()).isTrue();
        String before = state.toSnapshot(5).toString();
        ApplyResult result = state.apply(new StateRecord.Ack(4, S1, 0, List.of(new OffsetRange(100, 101, 0))));
        assertThat(result).isInstanceOf(ApplyResult.Rejected.class);
        assertThat(((ApplyResult.Rejected) result).error()).isEqualTo(DeliveryError.STALE_LEADER_EPOCH);
        assertThat(state.toSnapshot(5).toString()).isEqualTo(before);
        assertThat(state.leaderEpoch()).isEqualTo(5);
    }

    @Test
    void aRecordIsAppliedWholeOrNotAtAll() {
        state.apply(acquire(0, S1, 100, 101));
        state.apply(acquire(0, S2, 102, 102));
        ApplyResult result = state.apply(new StateRecord.Ack(0, S1, 0,
                List.of(new OffsetRange(100, 101, 0), OffsetRange.of(102, 0))));
        assertThat(result).isInstanceOf(ApplyResult.Rejected.class);
        assertThat(state.start()).isEqualTo(100);
        assertThat(state.runAt(100).status()).isEqualTo(DeliveryStatus.ACQUIRED);
    }

    @Test
    void acquiringAnOffsetHeldByAnotherSessionIsRejected() {
        state.apply(acquire(0, S1, 100, 104));
        assertThat(state.apply(acquire(0, S2, 104, 105))).isInstanceOf(ApplyResult.Rejected.class);
        assertThat(state.apply(acquire(0, S2, 99, 99))).as("below start").isInstanceOf(ApplyResult.Rejected.class);
    }

    @Test
    void memoryIsBoundedByExceptionRunsNotByTheOffsetSpan() {
        long offset = 100;
        for (int i = 0; i < 20_000; i++) {
            state.apply(acquire(0, S1, offset, offset + 9));
            // acks out of order within the window, as several consumers would
            state.apply(new StateRecord.Ack(0, S1, 0, List.of(new OffsetRange(offset + 5, offset + 9, 0))));
            assertThat(state.runCount()).isLessThanOrEqualTo(2);
            state.apply(new StateRecord.Ack(0, S1, 0, List.of(new OffsetRange(offset, offset + 4, 0))));
            offset += 10;
        }
        assertThat(state.start()).isEqualTo(offset);
        assertThat(state.runCount()).isZero();
        // a huge span held by one session is one run
        state.apply(acquire(0, S1, offset, offset + 1_000_000_000L));
        assertThat(state.runCount()).isEqualTo(1);
        assertThat(state.nextAvailable(0, Long.MAX_VALUE)).isEqualTo(offset + 1_000_000_001L);
    }

    @Test
    void offsetsFinishedBehindAStuckMessageCostOneRunWhateverTheirCounts() {
        state.apply(acquire(0, S2, 100, 100)); // held and never acked
        for (long offset = 101; offset < 1_101; offset++) {
            state.apply(acquire(0, S1, offset, offset));
            if (offset % 2 == 0) {
                state.apply(new StateRecord.Release(0, S1, 0, 10, List.of(ReleaseRange.of(offset, offset, 0, true))));
                state.apply(new StateRecord.Acquire(0, S1, 0, C1, List.of(OffsetRange.of(offset, 1))));
                state.apply(new StateRecord.Ack(0, S1, 0, List.of(OffsetRange.of(offset, 1))));
            } else {
                state.apply(new StateRecord.Ack(0, S1, 0, List.of(OffsetRange.of(offset, 0))));
            }
        }
        assertThat(state.runs()).containsExactly(new Run(100, 100, DeliveryStatus.ACQUIRED, new Owner.Session(S2, 0), 0),
                new Run(101, 1_100, DeliveryStatus.ACKNOWLEDGED, null, 0));
        state.apply(new StateRecord.Ack(0, S2, 0, List.of(OffsetRange.of(100, 0))));
        assertThat(state.start()).isEqualTo(1_101);
        assertThat(state.runCount()).isZero();
    }

    @Test
    void pendingAcksWaitForTheTransactionMarker() {
        state.apply(acquire(0, S1, 100, 103));
        assertThat(state.apply(new StateRecord.PendingAck(0, S1, 0, 7, (short) 1,
                List.of(new OffsetRange(100, 101, 0)))).applied()).isTrue();
        assertThat(state.apply(new StateRecord.PendingAck(0, S1, 0, 8, (short) 1,
                List.of(new OffsetRange(102, 103, 0)))).applied()).isTrue();
        assertThat(state.runAt(100).owner()).isEqualTo(new Owner.Transaction(7, (short) 1));
        // a lease expiry does not touch pending acks
        state.apply(new StateRecord.Expire(0, S1, 0, ExpireReason.LEASE_EXPIRED, 10));
        assertThat(state.runAt(100).status()).isEqualTo(DeliveryStatus.PENDING_ACK);
        state.apply(new StateRecord.TxnMarker(0, true, 7, (short) 1, 10));
        assertThat(state.start()).isEqualTo(102);
        state.apply(new StateRecord.TxnMarker(0, false, 8, (short) 1, 10));
        assertThat(state.runs()).containsExactly(new Run(102, 103, DeliveryStatus.AVAILABLE, null, 1));
        assertThat(state.apply(new StateRecord.TxnMarker(0, false, 8, (short) 1, 10)).applied())
                .as("a retried marker is a no-op").isTrue();
    }

    @Test
    void aSnapshotReplacesTheWholeState() {
        state.apply(acquire(0, S1, 100, 104));
        state.apply(new StateRecord.Release(0, S1, 0, 3, List.of(ReleaseRange.of(101, 101, 0, true))));
        StateRecord.Snapshot snapshot = state.toSnapshot(3);
        DeliveryState other = new DeliveryState(0);
        other.apply(acquire(0, S2, 0, 50));
        assertThat(other.apply(snapshot).applied()).isTrue();
        assertThat(other.toSnapshot(3)).isEqualTo(snapshot);
        assertThat(other.leaderEpoch()).isEqualTo(3);
        assertThat(DeliveryState.fromSnapshot(snapshot).runs()).isEqualTo(state.runs());
    }

    @Test
    void findingTheNextAvailableOffsetDoesNotRecrossEveryHeldRunOnEachAcquire() {
        // Two consumers taking one record at a time: one-offset runs of different owners that never
        // merge. Walking them all from the start on every acquire took minutes here, not milliseconds.
        long offset = 100;
        for (; offset < 30_100; offset++) {
            state.apply(acquire(0, offset % 2 == 0 ? S1 : S2, offset, offset));
        }
        for (int i = 0; i < 30_000; i++, offset++) {
            assertThat(state.nextAvailable(0, Long.MAX_VALUE)).isEqualTo(offset);
            state.apply(acquire(0, offset % 2 == 0 ? S1 : S2, offset, offset));
        }
        assertThat(state.runCount()).isEqualTo(60_000);
    }

    @Test
    void anOffsetMadeAvailableBehindEarlierScansIsFoundAgain() {
        for (long offset = 100; offset < 110; offset++) {
            state.apply(acquire(0, offset % 2 == 0 ? S1 : S2, offset, offset));
        }
        assertThat(state.nextAvailable(0, 200)).isEqualTo(110);
        assertThat(state.nextAvailable(105, 200)).isEqualTo(110);
        assertThat(state.nextAvailable(0, 110)).isEqualTo(-1);
        state.apply(new StateRecord.Release(0, S2, 0, 10, List.of(ReleaseRange.of(103, 103, 0, true))));
        assertThat(state.nextAvailable(0, 200)).as("released with delivery count 1").isEqualTo(103);
        DeliveryState copy = state.copy();
        assertThat(state.apply(new StateRecord.Acquire(0, S1, 0, C1, List.of(OffsetRange.of(103, 1)))).applied()).isTrue();
        assertThat(state.nextAvailable(0, 200)).isEqualTo(110);
        assertThat(copy.nextAvailable(0, 200)).as("a copy keeps its own view").isEqualTo(103);
        state.apply(new StateRecord.Release(0, S1, 0, 10, List.of(ReleaseRange.of(108, 108, 0, false))));
        assertThat(state.nextAvailable(0, 200)).as("released unchanged: no run at all").isEqualTo(108);
        StateRecord.Snapshot snapshot = state.toSnapshot(0);
        assertThat(state.apply(acquire(0, S2, 108, 108)).applied()).isTrue();
        assertThat(state.nextAvailable(0, 200)).isEqualTo(110);
        assertThat(state.apply(snapshot).applied()).isTrue();
        assertThat(state.nextAvailable(0, 200)).as("restored from a snapshot").isEqualTo(108);
    }

    @Test
    void heldByAndNextAvailableReadTheRuns() {
        state.apply(acquire(0, S1, 100, 101));
        state.apply(acquire(0, S2, 102, 102));
        state.apply(acquire(0, S1, 103, 103));
        List<Run> held = new ArrayList<>(state.heldBy(S1));
        assertThat(held).extracting(Run::first).containsExactly(100L, 103L);
        assertThat(state.nextAvailable(0, 200)).isEqualTo(104);
        assertThat(state.nextAvailable(0, 104)).isEqualTo(-1);
        assertThat(state.isAvailable(99)).isFalse();
        assertThat(state.isFinished(99)).isTrue();
    }
}
