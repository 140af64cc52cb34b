package dev.partita.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.zk.LogPartition;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Waiting operations driven by {@code poll(now)} with a made-up clock: no threads, no sleeping. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DelayedOperationsTest {

    private static final LogPartition P0 = new LogPartition("log", 0);
    private static final LogPartition P1 = new LogPartition("log", 1);

    /** Completes when its flag is set; records how it ended. */
    static final class Waiter extends DelayedOperation {
        final AtomicBoolean ready = new AtomicBoolean();
        final AtomicReference<String> outcome = new AtomicReference<>();

        Waiter(long deadlineMs) {
            super(deadlineMs);
        }

        @Override
        public boolean tryComplete() {
            if (ready.get() && claim()) {
                outcome.set("completed");
            }
            return isCompleted();
        }

        @Override
        protected void onExpiration() {
            outcome.set("expired");
        }

        @Override
        protected void onForcedCompletion() {
            outcome.set("forced");
        }
    }

    @Test
    void expiresAtItsDeadlineAndReportsTheNextOne() {
        DelayedOperations ops = new DelayedOperations();
        Waiter early = new Waiter(100);
        Waiter late = new Waiter(250);
        ops.watch(late, List.of(P0));
        ops.watch(early, List.of(P0));

        assertThat(ops.poll(99)).isEqualTo(100);
        assertThat(early.outcome.get()).isNull();
        assertThat(ops.poll(100)).isEqualTo(250);
        assertThat(early.outcome.get()).isEqualTo("expired");
        assertThat(late.outcome.get()).isNull();
        assertThat(ops.poll(300)).isEqualTo(Long.MAX_VALUE);
        assertThat(late.outcome.get()).isEqualTo("expired");
        assertThat(ops.waiting()).isZero();
    }

    @Test
    void anOperationThatThrowsWhenItExpiresDoesNotLoseTheOthers() {
        DelayedOperations ops = new DelayedOperations();
        Waiter first = new Waiter(100);
        DelayedOperation throwing = new DelayedOperation(100) {
            @Override
            public boolean tryComplete() {
                throw new IllegalStateException("broken on purpose");
            }

            @Override
            protected void onExpiration() {
                throw new IllegalStateException("broken on purpose");
            }
        };
        Waiter last = new Waiter(100);
        ops.watch(first, List.of(P0));
        try {
            ops.watch(throwing, List.of(P0));
        } catch (IllegalStateException expected) {
            // its own caller learns of it
        }
        ops.watch(last, List.of(P0));

        ops.wake(P0);
        assertThat(ops.poll(100)).isEqualTo(Long.MAX_VALUE);
        assertThat(first.outcome.get()).isEqualTo("expired");
        assertThat(last.outcome.get()).isEqualTo("expired");
        assertThat(ops.waiting()).isZero();
    }

    @Test
    void aWakeOfAWatchedPartitionCompletesOnlyWhatIsReady() {
        DelayedOperations ops = new DelayedOperations();
        Waiter onP0 = new Waiter(1000);
        Waiter onP1 = new Waiter(1000);
        ops.watch(onP0, List.of(P0));
        ops.watch(onP1, List.of(P1));

        onP0.ready.set(true);
        onP1.ready.set(true);
        ops.wake(P0);
        assertThat(onP0.outcome.get()).isEqualTo("completed");
        assertThat(onP1.outcome.get()).as("not woken").isNull();
        assertThat(ops.waiting()).isEqualTo(1);

        ops.poll(2000);
        assertThat(onP0.outcome.get()).as("completes once").isEqualTo("completed");
        assertThat(onP1.outcome.get()).isEqualTo("expired");
    }

    @Test
    void anOperationReadyWhenParkedCompletesAtOnce() {
        DelayedOperations ops = new DelayedOperations();
        Waiter ready = new Waiter(1000);
        ready.ready.set(true);
        ops.watch(ready, List.of(P0));
        assertThat(ready.outcome.get()).isEqualTo("completed");
        assertThat(ops.waiting()).isZero();
    }

    @Test
    void completeAllAnswersEverythingAtShutdown() {
        DelayedOperations ops = new DelayedOperations();
        Waiter a = new Waiter(1000);
        Waiter b = new Waiter(2000);
        ops.watch(a, List.of(P0));
        ops.watch(b, List.of(P0, P1));
        ops.completeAll();
        assertThat(a.outcome.get()).isEqualTo("forced");
        assertThat(b.outcome.get()).isEqualTo("forced");
        assertThat(ops.poll(5000)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void anEarlierDeadlineWakesTheDriver() {
        DelayedOperations ops = new DelayedOperations();
        AtomicBoolean signalled = new AtomicBoolean();
        ops.setDeadlineListener(() -> signalled.set(true));
        ops.watch(new Waiter(500), List.of(P0));
        assertThat(signalled.getAndSet(false)).isTrue();
        ops.watch(new Waiter(900), List.of(P0));
        assertThat(signalled.get()).as("a later deadline changes nothing").isFalse();
        ops.watch(new Waiter(100), List.of(P0));
        assertThat(signalled.get()).isTrue();
    }
}
