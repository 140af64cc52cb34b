package dev.partita.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.broker.Requests;
import dev.partita.broker.zk.LogPartition;
import dev.partita.protocol.message.Errors;
import dev.partita.storage.file.FileIO;
import dev.partita.storage.log.FlushPolicy;
import dev.partita.storage.log.FlushRequester;
import dev.partita.storage.log.Log;
import dev.partita.storage.log.LogConfig;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leader state and high watermark of one partition over a real log, driven by hand (no threads). */
class PartitionTest {

    @TempDir
    Path dir;

    private Log log;

    private Partition partition(FlushPolicy policy) {
        LogConfig config = LogConfig.builder().flushPolicy(policy).build();
        log = Log.open(dir.resolve("log-0"), config, FileIO.real(), Clock.systemUTC(), false, FlushRequester.NONE);
        return new Partition(new LogPartition("log", 0), log);
    }

    @AfterEach
    void close() {
        if (log != null) {
            log.close();
        }
    }

    @Test
    void theHighWatermarkFollowsTheFlushedOffsetUnderGroupCommit() {
        Partition p = partition(FlushPolicy.GROUP_COMMIT);
        p.makeLeader(0);
        p.appendAsLeader(Requests.batch("a", "b"));
        assertThat(p.maybeAdvanceHighWatermark()).as("not fsynced yet").isFalse();
        assertThat(p.highWatermark()).isZero();
        log.flush();
        assertThat(p.maybeAdvanceHighWatermark()).isTrue();
        assertThat(p.highWatermark()).isEqualTo(2);
    }

    @Test
    void perBatchFlushCommitsAtOnceAndNoFlushCommitsTheLogEnd() {
        Partition perBatch = partition(FlushPolicy.PER_BATCH);
        perBatch.makeLeader(0);
        perBatch.appendAsLeader(Requests.batch("a"));
        assertThat(perBatch.maybeAdvanceHighWatermark()).isTrue();
        assertThat(perBatch.highWatermark()).isEqualTo(1);
        log.close();

        dir = dir.resolve("none");
        Partition none = partition(FlushPolicy.NONE);
        none.makeLeader(0);
        none.appendAsLeader(Requests.batch("a", "b", "c"));
        assertThat(none.maybeAdvanceHighWatermark()).isTrue();
        assertThat(none.highWatermark()).isEqualTo(3);
    }

    @Test
    void becomingLeaderRecordsWhereTheEpochStarts() {
        Partition p = partition(FlushPolicy.PER_BATCH);
        p.makeLeader(3);
        p.appendAsLeader(Requests.batch("a", "b"));
        assertThat(p.makeLeader(3)).as("same epoch again: nothing to do").isFalse();
        assertThat(p.makeLeader(2)).as("an older epoch is stale").isFalse();
        assertThat(p.makeLeader(4)).isTrue();
        assertThat(log.leaderEpochCache().entries()).extracting(e -> e.epoch() + "@" + e.startOffset())
                .containsExactly("3@0", "4@2");
        assertThat(p.leaderEpoch()).isEqualTo(4);
    }

    @Test
    void requestEpochsAreCheckedAgainstTheCurrentOne() {
        Partition p = partition(FlushPolicy.PER_BATCH);
        p.makeLeader(5);
        assertThat(p.checkLeaderEpoch(-1)).isEqualTo(Errors.NONE);
        assertThat(p.checkLeaderEpoch(5)).isEqualTo(Errors.NONE);
        assertThat(p.checkLeaderEpoch(4)).isEqualTo(Errors.FENCED_LEADER_EPOCH);
        assertThat(p.checkLeaderEpoch(6)).isEqualTo(Errors.UNKNOWN_LEADER_EPOCH);
    }

    @Test
    void aFollowerRefusesWrites() {
        Partition p = partition(FlushPolicy.PER_BATCH);
        p.makeLeader(1);
        p.makeFollower(2);
        assertThat(p.isLeader()).isFalse();
        assertThatThrownBy(() -> p.appendAsLeader(Requests.batch("x"))).isInstanceOf(NotLeaderException.class);
        assertThat(p.logEndOffset()).isZero();
    }
}
