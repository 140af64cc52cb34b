package dev.partita.broker.delivery;

import static dev.partita.broker.delivery.TestIds.C1;
import static dev.partita.broker.delivery.TestIds.S1;
import static dev.partita.broker.delivery.TestIds.S2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.protocol.record.MemoryRecordsBuilder;
import dev.partita.storage.file.NoFsyncFileIO;
import dev.partita.storage.log.FlushRequester;
import dev.partita.storage.log.Log;
import dev.partita.storage.log.LogConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** State records stored in a real storage log and replayed from it. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class StateLogTest {

    static final StateLog.StateKey QUEUE = new StateLog.StateKey("queue".getBytes(StandardCharsets.UTF_8));
    static final StateLog.StateKey DURABLE = new StateLog.StateKey("durable".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;
    Log log;

    @BeforeEach
    void open() {
        log = Log.open(dir.resolve("t-0.state"), LogConfig.builder().segmentBytes(1024).build(), NoFsyncFileIO.real(),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), false, FlushRequester.NONE);
    }

    @AfterEach
    void close() {
        log.closeWithoutFlush();
    }

    private void append(StateLog.StateKey key, int leaderEpoch, StateRecord... records) {
        log.appendAsLeader(StateLog.batch(key, List.of(records), 0), leaderEpoch);
    }

    @Test
    void replayRebuildsEverySubscriptionFromItsLatestSnapshot() {
        DeliveryLeader queue = new DeliveryLeader(new DeliveryState(0), 0, DeliveryConfig.defaults());
        DeliveryLeader durable = new DeliveryLeader(new DeliveryState(0), 0, DeliveryConfig.defaults());
        for (int i = 0; i < 200; i++) {
            for (var pair : List.of(new Object[] {queue, QUEUE}, new Object[] {durable, DURABLE})) {
                DeliveryLeader leader = (DeliveryLeader) pair[0];
                StateLog.StateKey key = (StateLog.StateKey) pair[1];
                StateRecord acquire = ((Proposal.Append) leader.acquire(AcquireRequest.of(S1, 0, C1, i + 1, 1))).record();
                append(key, 0, acquire);
                leader.apply(acquire);
                if (i % 3 != 0) {
                    StateRecord ack = ((Proposal.Append) leader.ack(S1, 0, List.of(OffsetRange.of(i, 0)))).record();
                    append(key, 0, ack);
                    leader.apply(ack);
                }
                if (key == QUEUE && i % 50 == 49) {
                    StateRecord snapshot = ((Proposal.Append) leader.snapshot()).record();
                    append(key, 0, snapshot);
                    leader.apply(snapshot);
                }
            }
        }
        StateLogReplayer.Replay replay = StateLogReplayer.replay(log, log.logEndOffset(), 0);
        assertThat(replay.states()).containsOnlyKeys(QUEUE, DURABLE);
        assertThat(replay.states().get(QUEUE).toSnapshot(0)).isEqualTo(queue.state().toSnapshot(0));
        assertThat(replay.states().get(DURABLE).toSnapshot(0)).isEqualTo(durable.state().toSnapshot(0));
        assertThat(replay.cleanableBelow()).as("DURABLE has no snapshot: pinned at its first record").isEqualTo(1);
        assertThat(replay.rejected()).isZero();
        assertThat(log.numberOfSegments()).isGreaterThan(1);
        assertThat(StateLogReplayer.replay(log, log.logEndOffset(), 0, QUEUE).toSnapshot(0)).isEqualTo(queue.state().toSnapshot(0));
        assertThat(StateLogReplayer.replay(log, log.logEndOffset(), 7, new StateLog.StateKey(new byte[] {1})).start())
                .isEqualTo(7);
    }

    @Test
    void theCleanablePointIsTheOldestLatestSnapshot() {
        append(QUEUE, 0, new DeliveryState(0).toSnapshot(0));
        append(DURABLE, 0, new DeliveryState(0).toSnapshot(0));
        append(QUEUE, 0, new DeliveryState(5).toSnapshot(0));
        StateLog.StateKey other = new StateLog.StateKey(new byte[] {9});
        StateLogReplayer.Replay replay = StateLogReplayer.replay(log, log.logEndOffset(), 0);
        assertThat(replay.cleanableBelow()).isEqualTo(1);
        append(other, 0, new StateRecord.Acquire(0, S1, 0, C1, List.of(OffsetRange.of(0, 0))));
        append(DURABLE, 0, new DeliveryState(0).toSnapshot(0));
        assertThat(StateLogReplayer.replay(log, log.logEndOffset(), 0).cleanableBelow()).as("the oldest latest snapshot")
                .isEqualTo(2);
        assertThat(replay.states().get(QUEUE).start()).isEqualTo(5);
    }

    @Test
    void replayStopsAtTheCommittedEndAndSkipsRecordsOfOlderLeaders() {
        append(QUEUE, 1, new StateRecord.Acquire(1, S1, 0, C1, List.of(new OffsetRange(0, 4, 0))));
        append(QUEUE, 1, new StateRecord.Acquire(1, S2, 0, C1, List.of(new OffsetRange(5, 5, 0))));
        // a record whose payload claims an older leader epoch than already applied is skipped
        append(QUEUE, 1, new StateRecord.Ack(0, S1, 0, List.of(new OffsetRange(0, 4, 0))));
        assertThat(StateLogReplayer.replay(log, 1, 0, QUEUE).runs()).hasSize(1);
        StateLogReplayer.Replay replay = StateLogReplayer.replay(log, log.logEndOffset(), 0);
        assertThat(replay.rejected()).isEqualTo(1);
        assertThat(replay.states().get(QUEUE).start()).isZero();
    }

    @Test
    void aValueThatIsNotAStateRecordFailsTheReplay() {
        log.appendAsLeader(MemoryRecordsBuilder.builder().append(0, QUEUE.bytes(), new byte[] {1, 2, 3}).build(), 0);
        assertThatThrownBy(() -> StateLogReplayer.replay(log, log.logEndOffset(), 0))
                .isInstanceOf(StateRecordFormatException.class);
    }
}
