package dev.partita.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.delivery.ConnectionId;
import dev.partita.broker.delivery.SessionId;
import dev.partita.broker.zk.LogPartition;
import dev.partita.protocol.message.AcquireResponse;
import dev.partita.protocol.message.AcquireResponse.AcquiredPartition;
import dev.partita.protocol.message.DeliveryRange;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.record.MemoryRecords;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What an acquire pass gives back when its client was answered first (a detach) or nobody waits any more. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AcquireHandlerTest {

    private static Acquirer.Target target(int partition) {
        return new Acquirer.Target(new LogPartition("log-1", partition), StateKeys.of(SubscriptionKey.queue("q"), 0), true, true,
                SessionId.of(UUID.randomUUID()), 1, ConnectionId.of(UUID.randomUUID()), 10, 1 << 20, null, null, false);
    }

    private static Acquirer.Attempt acquired(int partition, DeliveryRange... ranges) {
        return new Acquirer.Attempt(new AcquiredPartition(partition, Errors.NONE, 1, List.of(ranges), MemoryRecords.EMPTY),
                100, 1);
    }

    private static Acquirer.Attempt failed(int partition) {
        return new Acquirer.Attempt(new AcquiredPartition(partition, Errors.NOT_LEADER_OR_FOLLOWER, 1, List.of(),
                MemoryRecords.EMPTY), -1, -1);
    }

    @Test
    void aPassAnsweredInTimeGivesNothingBack() {
        CompletableFuture<AcquireResponse> answer = new CompletableFuture<>();
        List<Acquirer.Target> targets = List.of(target(0));
        List<Acquirer.Attempt> done = List.of(acquired(0, new DeliveryRange(3, 5, 0)));

        assertThat(AcquireHandler.answerOrUnanswered(answer, targets, done, true)).isEmpty();
        assertThat(answer.join().partitions()).extracting(AcquiredPartition::acquired)
                .containsExactly(List.of(new DeliveryRange(3, 5, 0)));
    }

    @Test
    void aPassAnsweredElsewhereFirstGivesBackWhatItAcquiredOnEveryPartition() {
        CompletableFuture<AcquireResponse> answer = new CompletableFuture<>();
        AcquireResponse timedOut = new AcquireResponse(List.of());
        answer.complete(timedOut); // the consumer detached and its parked acquire was answered empty first
        List<Acquirer.Target> targets = List.of(target(0), target(1), target(2), target(3));
        List<Acquirer.Attempt> done = List.of(acquired(0, new DeliveryRange(3, 5, 0), new DeliveryRange(8, 8, 2)),
                acquired(1), failed(2), acquired(3, new DeliveryRange(0, 0, 1)));

        List<AcquireHandler.Unanswered> unanswered = AcquireHandler.answerOrUnanswered(answer, targets, done, true);

        assertThat(answer.join()).as("the first answer stands").isSameAs(timedOut);
        assertThat(unanswered).extracting(AcquireHandler.Unanswered::target)
                .as("partitions that acquired something; not the empty or failed ones")
                .containsExactly(targets.get(0), targets.get(3));
        assertThat(unanswered.get(0).acquired().acquired())
                .containsExactly(new DeliveryRange(3, 5, 0), new DeliveryRange(8, 8, 2));
    }

    @Test
    void aPassWhoseConnectionClosedAnswersNetworkExceptionAndGivesBackWhatItAcquired() {
        CompletableFuture<AcquireResponse> answer = new CompletableFuture<>();
        List<Acquirer.Target> targets = List.of(target(0), target(1));
        List<Acquirer.Attempt> done = List.of(acquired(0, new DeliveryRange(1, 2, 0)), acquired(1));

        List<AcquireHandler.Unanswered> unanswered = AcquireHandler.answerOrUnanswered(answer, targets, done, false);

        assertThat(answer.join().partitions()).extracting(AcquiredPartition::error)
                .containsExactly(Errors.NETWORK_EXCEPTION, Errors.NETWORK_EXCEPTION);
        assertThat(unanswered).extracting(AcquireHandler.Unanswered::target).containsExactly(targets.get(0));
    }
}
