package dev.partita.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.delivery.DeliveryState;
import dev.partita.protocol.message.SubscriptionKey;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OffsetPublisherTest {

    @Test
    void everyKindOfSubscriptionKeyIsReadBackFromTheCacheString() {
        List<SubscriptionKey> keys = List.of(SubscriptionKey.queue("orders/eu"), SubscriptionKey.durable("app", "audit"),
                SubscriptionKey.durable(null, "audit"), SubscriptionKey.shared("app", "workers"),
                SubscriptionKey.shared(null, "wörkers"), SubscriptionKey.privateTo(UUID.randomUUID(), 42));
        for (SubscriptionKey key : keys) {
            String cached = OffsetPublisher.subscriptionString(StateKeys.of(key, 7));
            assertThat(OffsetPublisher.subscriptionOf(cached)).as(key.toString()).contains(key);
            assertThat(OffsetPublisher.subscriptionString(StateKeys.of(key, 8))).as("generation is not part of it").isEqualTo(cached);
        }
    }

    @Test
    void aStringThatIsNoKeyReadsAsNone() {
        assertThat(OffsetPublisher.subscriptionOf("queue:orders")).isEmpty();
        assertThat(OffsetPublisher.subscriptionOf("")).isEmpty();
        assertThat(OffsetPublisher.subscriptionOf("CQ")).isEmpty(); // kind 9
        String queue = OffsetPublisher.subscriptionString(StateKeys.of(SubscriptionKey.queue("q"), 0));
        assertThat(OffsetPublisher.subscriptionOf(queue + "AA")).as("trailing bytes").isEmpty();
    }

    @Test
    void lagCountsTheOffsetsFromTheCommittedStartToTheLogEnd() {
        assertThat(OffsetPublisher.lag(new DeliveryState(5), 12)).isEqualTo(7);
        assertThat(OffsetPublisher.lag(new DeliveryState(5), 5)).isZero();
        assertThat(OffsetPublisher.lag(new DeliveryState(5), 3)).as("log truncated below the start").isZero();
    }
}
