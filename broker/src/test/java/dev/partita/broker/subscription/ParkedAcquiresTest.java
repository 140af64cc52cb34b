package dev.partita.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.delivery.ConnectionId;
import dev.partita.protocol.message.SubscriptionKey;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which parked acquires a consumer leaving its subscription answers. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ParkedAcquiresTest {

    /** Answers once, like a delayed operation's claim. */
    private static final class Acquire implements ParkedAcquires.Parked {
        final AtomicBoolean answered = new AtomicBoolean();
        final AtomicInteger answers = new AtomicInteger();

        @Override
        public boolean detach() {
            if (!answered.compareAndSet(false, true)) {
                return false;
            }
            answers.incrementAndGet();
            return true;
        }
    }

    private final ParkedAcquires parked = new ParkedAcquires();
    private final ConnectionId connection = ConnectionId.of(UUID.randomUUID());
    private final SubscriptionKey durable = SubscriptionKey.durable("client", "d");

    @Test
    void leavingAnswersTheConnectionsAcquiresOnThatSubscriptionOnlyAndOnce() {
        Acquire mine = new Acquire();
        Acquire mineToo = new Acquire();
        Acquire otherConnection = new Acquire();
        Acquire otherSubscription = new Acquire();
        parked.park(connection, durable, mine);
        parked.park(connection, durable, mineToo);
        parked.park(ConnectionId.of(UUID.randomUUID()), durable, otherConnection);
        parked.park(connection, SubscriptionKey.queue("q"), otherSubscription);

        assertThat(parked.detached(connection, SubscriptionKey.durable("client", "d"))).isEqualTo(2);
        assertThat(mine.answers).hasValue(1);
        assertThat(mineToo.answers).hasValue(1);
        assertThat(otherConnection.answers).hasValue(0);
        assertThat(otherSubscription.answers).hasValue(0);
        assertThat(parked.size()).isEqualTo(2);
        assertThat(parked.detached(connection, durable)).as("nothing parked any more").isZero();
    }

    @Test
    void anAcquireAnsweredMeanwhileIsNotAnsweredAgainAndAnUnparkedOneIsForgotten() {
        Acquire answeredByAPass = new Acquire();
        answeredByAPass.answered.set(true); // its pass claimed it first
        Acquire unparked = new Acquire();
        parked.park(connection, durable, answeredByAPass);
        parked.park(connection, durable, unparked);
        parked.unpark(connection, durable, unparked);

        assertThat(parked.detached(connection, durable)).isZero();
        assertThat(answeredByAPass.answers).hasValue(0);
        assertThat(unparked.answers).hasValue(0);
        assertThat(parked.size()).isZero();
    }
}
