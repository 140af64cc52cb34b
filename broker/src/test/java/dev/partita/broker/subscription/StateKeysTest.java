package dev.partita.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.delivery.ConnectionId;
import dev.partita.broker.delivery.StateLog.StateKey;
import dev.partita.protocol.message.SubscriptionKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StateKeysTest {

    @Test
    void keysWhoseNamesConcatenateAlikeNeverCollide() {
        List<SubscriptionKey> keys = List.of(
                SubscriptionKey.queue("ab"), SubscriptionKey.durable("a", "b"), SubscriptionKey.durable(null, "ab"),
                SubscriptionKey.durable("ab", "c"), SubscriptionKey.durable("a", "bc"), SubscriptionKey.shared("a", "b"),
                SubscriptionKey.shared(null, "ab"), SubscriptionKey.privateTo(new UUID(1, 2), 3));
        Set<StateKey> distinct = new HashSet<>();
        keys.forEach(k -> distinct.add(StateKeys.of(k, 1)));
        assertThat(distinct).hasSameSizeAs(keys);
    }

    @Test
    void generationsOfOneSubscriptionAreOtherGenerationsOfEachOtherOnly() {
        SubscriptionKey audit = SubscriptionKey.durable("app", "audit");
        assertThat(StateKeys.otherGeneration(StateKeys.of(audit, 1), StateKeys.of(audit, 2))).isTrue();
        assertThat(StateKeys.otherGeneration(StateKeys.of(audit, 1), StateKeys.of(audit, 1))).isFalse();
        assertThat(StateKeys.otherGeneration(StateKeys.of(audit, 1),
                StateKeys.of(SubscriptionKey.durable("app", "audiu"), 1))).isFalse();
    }

    @Test
    void kindsAreReadBackFromTheKey() {
        UUID connection = UUID.randomUUID();
        StateKey privateKey = StateKeys.of(SubscriptionKey.privateTo(connection, 9), 0);
        assertThat(StateKeys.isPrivate(privateKey)).isTrue();
        assertThat(StateKeys.privateConnection(privateKey)).isEqualTo(ConnectionId.of(connection));
        assertThat(StateKeys.holdsRetention(StateKeys.of(SubscriptionKey.queue("q"), 0))).isTrue();
        assertThat(StateKeys.holdsRetention(StateKeys.of(SubscriptionKey.durable(null, "d"), 3))).isTrue();
        assertThat(StateKeys.holdsRetention(StateKeys.of(SubscriptionKey.shared(null, "s"), 3))).isFalse();
        assertThat(StateKeys.holdsRetention(privateKey)).isFalse();
        assertThat(StateKeys.isQueue(StateKeys.of(SubscriptionKey.queue("q"), 0))).isTrue();
    }
}
