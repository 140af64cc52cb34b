package dev.partita.broker.delivery;

import static dev.partita.broker.delivery.TestIds.C1;
import static dev.partita.broker.delivery.TestIds.C2;
import static dev.partita.broker.delivery.TestIds.S1;
import static dev.partita.broker.delivery.TestIds.S2;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each leader operation, proposed and then applied as if committed. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DeliveryLeaderTest {

    private final DeliveryConfig config = new DeliveryConfig(3, 1_000, 5_000);
    private final DeliveryLeader leader = new DeliveryLeader(new DeliveryState(0), 1, config);

    private StateRecord record(Proposal proposal) {
        assertThat(proposal).isInstanceOf(Proposal.Append.class);
        return ((Proposal.Append) proposal).record();
    }

    /** Proposes and commits; returns the record. */
    private StateRecord commit(Proposal proposal) {
        StateRecord record = record(proposal);
        assertThat(leader.apply(record).applied()).isTrue();
        return record;
    }

    private List<OffsetRange> acquire(SessionId session, int epoch, ConnectionId connection, long hw, int max) {
        return ((StateRecord.Acquire) commit(leader.acquire(AcquireRequest.of(session, epoch, connection, hw, max)))).ranges();
    }

    @Test
    void acquiresAvailableOffsetsInOrderBelowTheHighWatermark() {
        assertThat(acquire(S1, 0, C1, 10, 4)).containsExactly(new OffsetRange(0, 3, 0));
        assertThat(acquire(S2, 0, C2, 10, 100)).containsExactly(new OffsetRange(4, 9, 0));
        assertThat(leader.acquire(AcquireRequest.of(S1, 0, C1, 10, 5))).isInstanceOf(Proposal.Nothing.class);
        assertThat(leader.state().runs()).containsExactly(
                new Run(0, 3, DeliveryStatus.ACQUIRED, new Owner.Session(S1, 0), 0),
                new Run(4, 9, DeliveryStatus.ACQUIRED, new Owner.Session(S2, 0), 0));
        assertThat(leader.state().session(S1)).isEqualTo(new SessionInfo(C1, 0, false));
    }

    @Test
    void nothingBelowTheRequestsFromOffsetIsAcquired() {
        // A subscription whose start lies below the log start (retention deleted what it never read):
        // those offsets have no records, so handing them out would hold nothing until the lease ends.
        StateRecord acquired = commit(leader.acquire(new AcquireRequest(S1, 0, C1, 10, 100, 0, AcquireRequest.ACCEPT_ALL, 6)));
        assertThat(((StateRecord.Acquire) acquired).ranges()).containsExactly(new OffsetRange(6, 9, 0));
        assertThat(acquire(S2, 0, C2, 10, 100)).as("without a from offset, from the start").containsExactly(new OffsetRange(0, 5, 0));
    }

    @Test
    void aSecondAcquireBeforeTheFirstCommitsSkipsItsOffsets() {
        StateRecord first = record(leader.acquire(AcquireRequest.of(S1, 0, C1, 10, 3)));
        StateRecord second = record(leader.acquire(AcquireRequest.of(S2, 0, C2, 10, 3)));
        assertThat(((StateRecord.Acquire) second).ranges()).containsExactly(new OffsetRange(3, 5, 0));
        assertThat(leader.pendingCount()).isEqualTo(2);
        assertThat(leader.apply(first).applied()).isTrue();
        assertThat(leader.apply(second).applied()).isTrue();
        assertThat(leader.pendingCount()).isZero();
    }

    @Test
    void offsetsTheSelectorRejectsStayAvailableForOtherConsumers() {
        AcquireRequest evenOnly = new AcquireRequest(S1, 0, C1, 10, 3, 10, offset -> offset % 2 == 0);
        assertThat(((StateRecord.Acquire) commit(leader.acquire(evenOnly))).ranges())
                .containsExactly(OffsetRange.of(0, 0), OffsetRange.of(2, 0), OffsetRange.of(4, 0));
        assertThat(acquire(S2, 0, C2, 10, 3)).containsExactly(OffsetRange.of(1, 0), OffsetRange.of(3, 0),
                new OffsetRange(5, 5, 0));
    }

    @Test
    void theScanOfRejectedOffsetsIsBounded() {
        AcquireRequest rare = new AcquireRequest(S1, 0, C1, 1_000, 10, 5, offset -> offset == 500);
        assertThat(leader.acquire(rare)).isInstanceOf(Proposal.Nothing.class);
    }

    @Test
    void ackFinishesOffsetsAndMovesStartAndARepeatSucceedsWithoutAWrite() {
        acquire(S1, 0, C1, 10, 5);
        commit(leader.ack(S1, 0, List.of(new OffsetRange(0, 1, 0), OffsetRange.of(3, 0))));
        assertThat(leader.state().start()).isEqualTo(2);
        assertThat(leader.state().runAt(3).status()).isEqualTo(DeliveryStatus.ACKNOWLEDGED);
        assertThat(leader.ack(S1, 0, List.of(new OffsetRange(0, 1, 0)))).isInstanceOf(Proposal.Nothing.class);
        assertThat(leader.ack(S1, 0, List.of(OffsetRange.of(3, 0)))).isInstanceOf(Proposal.Nothing.class);
        commit(leader.ack(S1, 0, List.of(OffsetRange.of(2, 0))));
        assertThat(leader.state().start()).isEqualTo(4);
        assertThat(leader.state().runCount()).isEqualTo(1);
    }

    @Test
    void ackOfAnOffsetNotHeldOrAtTheWrongCountFails() {
        acquire(S1, 0, C1, 10, 2);
        acquire(S2, 0, C2, 10, 2);
        assertThat(refusal(leader.ack(S1, 0, List.of(OffsetRange.of(2, 0))))).isEqualTo(DeliveryError.NOT_HELD);
        assertThat(refusal(leader.ack(S1, 0, List.of(OffsetRange.of(0, 1))))).isEqualTo(DeliveryError.NOT_HELD);
        assertThat(refusal(leader.ack(S1, 0, List.of(OffsetRange.of(7, 0))))).isEqualTo(DeliveryError.NOT_HELD);
        assertThat(refusal(leader.ack(TestIds.S3, 0, List.of(OffsetRange.of(0, 0))))).isEqualTo(DeliveryError.NOT_HELD);
    }

    @Test
    void ackOfOffsetsWithAnUncommittedChangeIsRetriable() {
        acquire(S1, 0, C1, 10, 2);
        record(leader.ack(S1, 0, List.of(OffsetRange.of(0, 0))));
        assertThat(refusal(leader.ack(S1, 0, List.of(OffsetRange.of(0, 0))))).isEqualTo(DeliveryError.IN_FLIGHT);
    }

    @Test
    void unsortedOrOverlappingRangesAreAnInvalidRequest() {
        acquire(S1, 0, C1, 10, 5);
        assertThat(refusal(leader.ack(S1, 0, List.of(OffsetRange.of(3, 0), OffsetRange.of(1, 0)))))
                .isEqualTo(DeliveryError.INVALID_REQUEST);
        assertThat(refusal(leader.ack(S1, 0, List.of()))).isEqualTo(DeliveryError.INVALID_REQUEST);
    }

    @Test
    void releaseCountsOnlyDeliveredOffsetsAndTheNextAcquireStartsAtTheOldest() {
        acquire(S1, 0, C1, 10, 4);
        commit(leader.release(S1, 0, List.of(ReleaseRange.of(0, 1, 0, true), ReleaseRange.of(2, 3, 0, false))));
        assertThat(leader.state().runs()).containsExactly(new Run(0, 1, DeliveryStatus.AVAILABLE, null, 1));
        assertThat(acquire(S2, 0, C2, 10, 6)).containsExactly(new OffsetRange(0, 1, 1), new OffsetRange(2, 5, 0));
    }

    @Test
    void aRepeatedReleaseWritesNothing() {
        acquire(S1, 0, C1, 10, 2);
        commit(leader.release(S1, 0, List.of(ReleaseRange.of(0, 1, 0, true))));
        assertThat(leader.release(S1, 0, List.of(ReleaseRange.of(0, 1, 0, true)))).isInstanceOf(Proposal.Nothing.class);
    }

    @Test
    void reachingTheMaximumDeliveryCountParksTheOffsetForTheDeadLetterQueue() {
        for (int delivery = 0; delivery < 2; delivery++) {
            assertThat(acquire(S1, 0, C1, 1, 1)).containsExactly(OffsetRange.of(0, delivery));
            commit(leader.release(S1, 0, List.of(ReleaseRange.of(0, 0, delivery, true))));
        }
        acquire(S1, 0, C1, 1, 1);
        ApplyResult result = leader.apply(record(leader.release(S1, 0, List.of(ReleaseRange.of(0, 0, 2, true)))));
        Run parked = new Run(0, 0, DeliveryStatus.DEAD_LETTER_PENDING, null, 3);
        assertThat(result).isEqualTo(new ApplyResult.Applied(List.of(parked)));
        assertThat(leader.state().deadLetterPending()).containsExactly(parked);
        assertThat(leader.acquire(AcquireRequest.of(S2, 0, C2, 1, 1))).isInstanceOf(Proposal.Nothing.class);
        commit(leader.archive(ArchiveReason.DEAD_LETTERED, List.of(OffsetRange.of(0, 3))));
        assertThat(leader.state().start()).isEqualTo(1);
        assertThat(leader.state().runCount()).isZero();
    }

    @Test
    void theBrokerArchivesOnlyAvailableOffsets() {
        acquire(S1, 0, C1, 10, 1);
        assertThat(refusal(leader.archive(ArchiveReason.EXPIRED, List.of(OffsetRange.of(0, 0)))))
                .isEqualTo(DeliveryError.NOT_AVAILABLE);
        commit(leader.archive(ArchiveReason.FILTERED, List.of(new OffsetRange(1, 4, 0))));
        assertThat(leader.state().runs()).containsExactly(
                new Run(0, 0, DeliveryStatus.ACQUIRED, new Owner.Session(S1, 0), 0),
                new Run(1, 4, DeliveryStatus.ARCHIVED, null, 0));
        assertThat(acquire(S2, 0, C2, 10, 1)).containsExactly(OffsetRange.of(5, 0));
    }

    @Test
    void aSessionRejectsOnlyWhatItHolds() {
        acquire(S1, 0, C1, 10, 2);
        assertThat(refusal(leader.reject(S2, 0, List.of(OffsetRange.of(0, 0)), ArchiveReason.EXPIRED)))
                .isEqualTo(DeliveryError.NOT_HELD);
        commit(leader.reject(S1, 0, List.of(OffsetRange.of(0, 0)), ArchiveReason.EXPIRED));
        assertThat(leader.state().start()).isEqualTo(1);
    }

    @Test
    void aLeaseThatRunsOutReleasesEverythingWithCountPlusOneAndBumpsTheEpoch() {
        acquire(S1, 0, C1, 10, 3);
        acquire(S2, 0, C2, 10, 3);
        leader.heartbeat(C1, 0);
        leader.heartbeat(C2, 0);
        assertThat(leader.poll(500)).isEqualTo(new PollResult(List.of(), 1_000));
        leader.heartbeat(C2, 900);
        PollResult poll = leader.poll(1_000);
        StateRecord.Expire expire = new StateRecord.Expire(1, S1, 0, ExpireReason.LEASE_EXPIRED, 3);
        assertThat(poll.records()).containsExactly(expire);
        assertThat(poll.nextDeadlineMs()).isEqualTo(1_900);
        assertThat(refusal(leader.ack(S1, 0, List.of(OffsetRange.of(0, 0))))).as("expiry not committed yet")
                .isEqualTo(DeliveryError.IN_FLIGHT);
        assertThat(leader.apply(expire).applied()).isTrue();
        assertThat(leader.state().session(S1)).isEqualTo(new SessionInfo(C1, 1, true));
        assertThat(leader.state().runAt(0)).isEqualTo(new Run(0, 2, DeliveryStatus.AVAILABLE, null, 1));
        Proposal stale = leader.ack(S1, 0, List.of(OffsetRange.of(0, 0)));
        assertThat(stale).isEqualTo(new Proposal.Refused(DeliveryError.STALE_SESSION_EPOCH,
                ((Proposal.Refused) stale).message(), 1));
        assertThat(acquire(S1, 1, C1, 10, 1)).as("the session goes on at its new epoch").containsExactly(OffsetRange.of(0, 1));
    }

    @Test
    void aTombstoneIsForgottenAfterTheSessionRetention() {
        acquire(S1, 0, C1, 10, 1);
        leader.heartbeat(C1, 0);
        leader.apply(leader.poll(1_000).records().get(0));
        assertThat(leader.poll(5_999).records()).isEmpty();
        List<StateRecord> forget = leader.poll(6_000).records();
        assertThat(forget).containsExactly(new StateRecord.Expire(1, S1, 1, ExpireReason.CLOSED, 3));
        leader.apply(forget.get(0));
        assertThat(leader.state().sessions()).isEmpty();
        assertThat(leader.poll(7_000)).isEqualTo(new PollResult(List.of(), Long.MAX_VALUE));
    }

    @Test
    void aNewLeaderStartsEveryLeaseAfreshAtItsFirstPoll() {
        acquire(S1, 0, C1, 10, 1);
        DeliveryLeader next = new DeliveryLeader(leader.state().copy(), 2, config);
        assertThat(next.poll(50_000)).isEqualTo(new PollResult(List.of(), 51_000));
        assertThat(next.poll(51_000).records()).containsExactly(new StateRecord.Expire(2, S1, 0,
                ExpireReason.LEASE_EXPIRED, 3));
    }

    @Test
    void closingASessionReleasesWhatItHeldAndForgetsIt() {
        acquire(S1, 0, C1, 10, 2);
        commit(leader.closeSession(S1, 0));
        assertThat(leader.state().sessions()).isEmpty();
        assertThat(leader.state().runs()).containsExactly(new Run(0, 1, DeliveryStatus.AVAILABLE, null, 1));
    }

    @Test
    void aSnapshotIncludesProposalsStillInFlight() {
        acquire(S1, 0, C1, 10, 2);
        StateRecord inFlight = record(leader.ack(S1, 0, List.of(new OffsetRange(0, 1, 0))));
        StateRecord.Snapshot snapshot = (StateRecord.Snapshot) record(leader.snapshot());
        assertThat(snapshot.start()).isEqualTo(2);
        assertThat(snapshot.runs()).isEmpty();
        leader.apply(inFlight);
        leader.apply(snapshot);
        assertThat(DeliveryState.fromSnapshot(snapshot).toSnapshot(1)).isEqualTo(leader.state().toSnapshot(1));
    }

    @Test
    void aLeaderCannotBeOlderThanItsState() {
        acquire(S1, 0, C1, 10, 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DeliveryLeader(leader.state(), 0, config))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static DeliveryError refusal(Proposal proposal) {
        assertThat(proposal).isInstanceOf(Proposal.Refused.class);
        return ((Proposal.Refused) proposal).error();
    }
}
