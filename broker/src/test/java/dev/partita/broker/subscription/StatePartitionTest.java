package dev.partita.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.delivery.AcquireRequest;
import dev.partita.broker.delivery.ApplyResult;
import dev.partita.broker.delivery.ConnectionId;
import dev.partita.broker.delivery.DeliveryConfig;
import dev.partita.broker.delivery.DeliveryState;
import dev.partita.broker.delivery.Proposal;
import dev.partita.broker.delivery.SessionId;
import dev.partita.broker.delivery.StateLog.StateKey;
import dev.partita.storage.file.NoFsyncFileIO;
import dev.partita.storage.log.FlushPolicy;
import dev.partita.storage.log.FlushRequester;
import dev.partita.storage.log.Log;
import dev.partita.storage.log.LogConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A state partition over a real {@code p.state} log whose flushes the test makes (group commit without a flusher). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StatePartitionTest {

    static final StateKey KEY = new StateKey("private".getBytes(StandardCharsets.UTF_8));
    static final SessionId SESSION = SessionId.of(UUID.randomUUID());
    static final ConnectionId CONNECTION = ConnectionId.of(UUID.randomUUID());

    @TempDir
    Path dir;
    Log log;
    StatePartition partition;

    @BeforeEach
    void open() {
        log = Log.open(dir.resolve("t-0.state"), LogConfig.builder().flushPolicy(FlushPolicy.GROUP_COMMIT).build(),
                NoFsyncFileIO.real(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), false, FlushRequester.NONE);
        partition = new StatePartition(log, DeliveryConfig.defaults(), session -> { }, () -> { });
    }

    @AfterEach
    void close() {
        log.closeWithoutFlush();
    }

    private void commit() {
        log.flush();
        partition.checkCommitted();
    }

    private DeliveryState state() {
        return partition.leader(KEY).orElseThrow().state();
    }

    @Test
    void aFailingCommitCallbackLosesNoLaterCommit() {
        partition = new StatePartition(log, DeliveryConfig.defaults(), session -> {
            throw new IllegalStateException("broken on purpose");
        }, () -> { });
        partition.lead(0, 0);
        partition.create(KEY, 0);
        commit();
        partition.propose(KEY, partition.leader(KEY).orElseThrow().acquire(new AcquireRequest(SESSION, 0, CONNECTION, 5, 10,
                Integer.MAX_VALUE, AcquireRequest.ACCEPT_ALL)));
        commit();
        partition.tick(DeliveryConfig.DEFAULT_LEASE_TIMEOUT_MS * 10, connection -> 0L); // appends the session's expiry
        CompletableFuture<ApplyResult> next = partition.propose(KEY, partition.leader(KEY).orElseThrow().snapshot());

        commit();

        assertThat(state().session(SESSION)).as("the expiry was applied").satisfiesAnyOf(
                info -> assertThat(info).isNull(), info -> assertThat(info.expired()).isTrue());
        assertThat(next).as("answered, not left behind the failed callback").isCompleted();
    }

    @Test
    void anAcquisitionWhoseCallerFailedWithTheLeadershipIsAvailableAgainUndelivered() {
        partition.lead(0, 0);
        partition.create(KEY, 0);
        commit();
        Proposal acquire = partition.leader(KEY).orElseThrow().acquire(new AcquireRequest(SESSION, 0, CONNECTION, 5, 10,
                Integer.MAX_VALUE, AcquireRequest.ACCEPT_ALL));
        CompletableFuture<ApplyResult> acquired = partition.propose(KEY, acquire);

        partition.lead(1, 0); // the record is in the log, uncommitted, when the leadership changes
        commit();

        assertThat(acquired).isCompletedExceptionally();
        assertThat(state().nextAvailable(0, 5)).as("nobody was told of offsets 0..4, so they are not held").isZero();
        assertThat(state().runAt(4)).isNull();
        assertThat(state().heldBy(SESSION)).isEmpty();
        Proposal again = partition.leader(KEY).orElseThrow().acquire(new AcquireRequest(SESSION, 0, CONNECTION, 5, 10,
                Integer.MAX_VALUE, AcquireRequest.ACCEPT_ALL));
        CompletableFuture<ApplyResult> reacquired = partition.propose(KEY, again);
        commit();
        assertThat(reacquired).isCompletedWithValueMatching(ApplyResult::applied);
        assertThat(state().deliveryCount(0)).as("never delivered").isZero();
        assertThat(state().nextAvailable(0, 5)).isEqualTo(-1);
    }

    @Test
    void aCommittedAcquisitionStaysHeldAcrossALeadershipChange() {
        partition.lead(0, 0);
        partition.create(KEY, 0);
        commit();
        CompletableFuture<ApplyResult> acquired = partition.propose(KEY, partition.leader(KEY).orElseThrow().acquire(
                new AcquireRequest(SESSION, 0, CONNECTION, 5, 10, Integer.MAX_VALUE, AcquireRequest.ACCEPT_ALL)));
        commit();
        assertThat(acquired).isCompletedWithValueMatching(ApplyResult::applied);

        partition.lead(1, 0);
        commit();

        assertThat(state().nextAvailable(0, 5)).isEqualTo(-1);
        assertThat(state().heldBy(SESSION)).isNotEmpty();
    }
}
