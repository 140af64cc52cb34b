package dev.partita.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.Requests;
import dev.partita.broker.zk.LogPartition;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.ProduceResponse.PartitionProduceResult;
import dev.partita.storage.file.FileIO;
import dev.partita.storage.log.FlushPolicy;
import dev.partita.storage.log.FlushRequester;
import dev.partita.storage.log.Log;
import dev.partita.storage.log.LogAppendInfo;
import dev.partita.storage.log.LogConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An acks=ALL answer waits for the high watermark: completed by a flush, a leader change or the deadline. */
class DelayedProduceTest {

    @TempDir
    Path dir;

    private Log log;
    private Partition partition;
    private final DelayedOperations ops = new DelayedOperations();
    private final LogPartition id = new LogPartition("log", 0);

    @BeforeEach
    void open() {
        log = Log.open(dir, LogConfig.builder().flushPolicy(FlushPolicy.GROUP_COMMIT).build(), FileIO.real(),
                Clock.systemUTC(), false, FlushRequester.NONE);
        partition = new Partition(id, log);
        partition.makeLeader(0);
    }

    @AfterEach
    void close() {
        log.close();
    }

    private CompletableFuture<PartitionProduceResult> appendAndWait(long deadlineMs) {
        LogAppendInfo info = partition.appendAsLeader(Requests.batch("a", "b"));
        PartitionProduceResult ok = new PartitionProduceResult(0, Errors.NONE, null, info.firstOffset(), -1, 0);
        CompletableFuture<PartitionProduceResult> answer = new CompletableFuture<>();
        ops.watch(new DelayedProduce(deadlineMs, partition, info.lastOffset() + 1, ok, answer), List.of(id));
        return answer;
    }

    @Test
    void aFlushThatMovesTheHighWatermarkAnswers() {
        CompletableFuture<PartitionProduceResult> answer = appendAndWait(1000);
        assertThat(answer).isNotDone();
        ops.wake(id);
        assertThat(answer).as("nothing fsynced yet").isNotDone();
        log.flush();
        partition.maybeAdvanceHighWatermark();
        ops.wake(id);
        assertThat(answer.join().error()).isEqualTo(Errors.NONE);
        assertThat(answer.join().baseOffset()).isZero();
    }

    @Test
    void theDeadlineAnswersRequestTimedOut() {
        CompletableFuture<PartitionProduceResult> answer = appendAndWait(1000);
        ops.poll(999);
        assertThat(answer).isNotDone();
        ops.poll(1000);
        assertThat(answer.join().error()).isEqualTo(Errors.REQUEST_TIMED_OUT);
    }

    @Test
    void losingLeadershipAnswersNotLeader() {
        CompletableFuture<PartitionProduceResult> answer = appendAndWait(1000);
        partition.makeFollower(1);
        ops.wake(id);
        assertThat(answer.join().error()).isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER);
    }
}
