package dev.partita.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.broker.Requests;
import dev.partita.broker.zk.LogPartition;
import dev.partita.broker.zk.PartitionState;
import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.ProduceResponse.PartitionProduceResult;
import dev.partita.storage.file.FileIO;
import dev.partita.storage.log.LogConfig;
import dev.partita.storage.manager.LogManager;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The produce path under a {@link DestinationQuota}, driven by a manual clock: a produce to a full
 * partition waits (nothing stored) until the retention floor moves, fails with DESTINATION_FULL at
 * its block time or just before its request times out, and answers NOT_LEADER if leadership moves.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AppenderQuotaTest {

    private static final LogPartition ID = new LogPartition("q", 0);

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };
    /** The floor the subscriptions would give: 0 keeps everything unconsumed. */
    private final AtomicLong floor = new AtomicLong(0);
    private final DelayedOperations ops = new DelayedOperations();
    private LogManager logs;
    private PartitionExecutors executors;
    private ReplicaManager replicas;
    private Appender appender;

    @BeforeEach
    void start() {
        logs = LogManager.open(dir, FileIO.real(), clock, LogConfig.builder().build());
        executors = new PartitionExecutors(1);
        PartitionState leading = new PartitionState(List.of(0), 0, 1, List.of(0), 1, 0);
        replicas = new ReplicaManager(0, logs, executors, ops, logId -> LogConfig.builder().build(),
                id -> Optional.of(leading), () -> true);
        replicas.useRetentionFloor(partition -> floor.get());
        replicas.applyAll(Map.of(ID, leading));
        appender = new Appender(replicas, clock);
    }

    @AfterEach
    void stop() {
        executors.close();
        logs.close();
    }

    private CompletableFuture<PartitionProduceResult> produce(DestinationQuota quota, long timeoutMs, String value) {
        return appender.append(ID, Requests.batch(value), Acks.LEADER, timeoutMs, quota);
    }

    private long logEnd() {
        return replicas.partition(ID).orElseThrow().logEndOffset();
    }

    /** Runs what the partition thread has queued (re-checks), then returns. */
    private void drainPartitionThread() {
        replicas.onPartitionThread(ID, () -> null).join();
    }

    @Test
    void aFullPartitionHoldsAProduceUntilTheFloorMoves() {
        DestinationQuota quota = new DestinationQuota(1, 10_000);
        assertThat(produce(quota, 30_000, "first").join().error()).as("the crossing produce is stored whole").isEqualTo(Errors.NONE);

        CompletableFuture<PartitionProduceResult> held = produce(quota, 30_000, "second");
        drainPartitionThread();
        ops.wake(ID);
        drainPartitionThread();
        assertThat(held).isNotDone();
        assertThat(logEnd()).as("nothing of a held produce is stored").isEqualTo(1);
        assertThat(replicas.unconsumedBytes(replicas.partition(ID).orElseThrow())).isPositive();

        floor.set(1); // the first message was acknowledged
        ops.wake(ID);
        assertThat(held.join().error()).isEqualTo(Errors.NONE);
        assertThat(held.join().baseOffset()).isEqualTo(1);
    }

    @Test
    void theBlockTimeAnswersDestinationFullAndStoresNothing() {
        DestinationQuota quota = new DestinationQuota(1, 1_000);
        produce(quota, 30_000, "first").join();
        CompletableFuture<PartitionProduceResult> held = produce(quota, 30_000, "second");
        drainPartitionThread();

        ops.poll(now.get() + 999);
        assertThat(held).isNotDone();
        ops.poll(now.get() + 1_000);
        assertThat(held.join().error()).isEqualTo(Errors.DESTINATION_FULL);
        assertThat(held.join().errorMessage()).contains("max.unconsumed.bytes").contains("1000 ms");
        floor.set(Long.MAX_VALUE);
        ops.wake(ID);
        drainPartitionThread();
        assertThat(logEnd()).isEqualTo(1);
    }

    @Test
    void theAnswerComesBeforeTheRequestTimesOutAndZeroBlockFailsAtOnce() {
        produce(new DestinationQuota(1, 0), 30_000, "first").join();
        assertThat(produce(new DestinationQuota(1, 0), 30_000, "refused").join().error()).isEqualTo(Errors.DESTINATION_FULL);

        CompletableFuture<PartitionProduceResult> held = produce(new DestinationQuota(1, 60_000), 2_000, "second");
        drainPartitionThread();
        ops.poll(now.get() + 2_000 - Appender.RESPONSE_MARGIN_MS - 1);
        assertThat(held).isNotDone();
        ops.poll(now.get() + 2_000 - Appender.RESPONSE_MARGIN_MS);
        assertThat(held.join().error()).isEqualTo(Errors.DESTINATION_FULL);
    }

    @Test
    void losingLeadershipWhileHeldAnswersNotLeader() {
        DestinationQuota quota = new DestinationQuota(1, 10_000);
        produce(quota, 30_000, "first").join();
        CompletableFuture<PartitionProduceResult> held = produce(quota, 30_000, "second");
        drainPartitionThread();
        replicas.onPartitionStateChanged(ID, new PartitionState(List.of(0, 1), 1, 2, List.of(0, 1), 1, 1));
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(held::isDone);
        assertThat(held.join().error()).isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER);
    }

    @Test
    void anUnlimitedQuotaNeverHolds() {
        for (int i = 0; i < 5; i++) {
            assertThat(produce(DestinationQuota.UNLIMITED, 30_000, "m" + i).join().error()).isEqualTo(Errors.NONE);
        }
        assertThat(DestinationQuota.of(Map.of("max.unconsumed.bytes", "100"), new DestinationQuota(-1, 5)))
                .isEqualTo(new DestinationQuota(100, 5));
        assertThat(DestinationQuota.of(Map.of(), DestinationQuota.UNLIMITED)).isSameAs(DestinationQuota.UNLIMITED);
        assertThatThrownBy(() -> DestinationQuota.of(Map.of("full.block.ms", "soon"), DestinationQuota.UNLIMITED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("full.block.ms");
    }
}
