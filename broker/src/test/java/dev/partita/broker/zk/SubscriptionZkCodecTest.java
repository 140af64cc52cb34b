package dev.partita.broker.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.broker.delivery.ConnectionId;
import dev.partita.broker.zk.ZkCodec.SubscriptionEntry;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Node values and paths of the subscription and client-ID registries. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SubscriptionZkCodecTest {

    private static final ConnectionId CONNECTION = ConnectionId.of(UUID.fromString("3f1e9a2c-0b6d-4c8e-9a7f-112233445566"));

    @Test
    void liveAndDeletedEntriesRoundTrip() {
        SubscriptionKey.Durable key = SubscriptionKey.durable(null, "audit € 1");
        SubscriptionInfo live = new SubscriptionInfo(key, TopicKey.topic("prices/x"), "tabc", "a = 'b'", true, false, 7,
                List.of(new SubscriptionInfo.Consumer(CONNECTION, 3, 2), new SubscriptionInfo.Consumer(CONNECTION, 4, 1)));
        assertThat(ZkCodec.decodeSubscriptionEntry(ZkCodec.encode(new SubscriptionEntry(key, 7, live))))
                .isEqualTo(new SubscriptionEntry(key, 7, live));

        SubscriptionKey.Shared shared = SubscriptionKey.shared("client", "pool");
        SubscriptionInfo noSelector = new SubscriptionInfo(shared, TopicKey.topic("t"), "t1", null, false, true, 1, List.of());
        assertThat(ZkCodec.decodeSubscriptionEntry(ZkCodec.encode(new SubscriptionEntry(shared, 1, noSelector))).live())
                .isEqualTo(noSelector);

        SubscriptionEntry deleted = new SubscriptionEntry(shared, 9, null);
        assertThat(ZkCodec.decodeSubscriptionEntry(ZkCodec.encode(deleted))).isEqualTo(deleted);
    }

    @Test
    void tombstonesAndClaimsRoundTrip() {
        SubscriptionTombstone tombstone = new SubscriptionTombstone("g-0000000004", SubscriptionKey.durable("c", "n"),
                TopicKey.topic("news"), "tnews", 4);
        assertThat(ZkCodec.decodeSubscriptionTombstone("g-0000000004", ZkCodec.encode(tombstone))).isEqualTo(tombstone);

        ClientIdClaim claim = new ClientIdClaim("app/1 ✓", CONNECTION, 5);
        assertThat(ZkCodec.decodeClientIdClaim(ZkCodec.encode(claim))).isEqualTo(claim);
    }

    @Test
    void truncatedOrForeignBytesAreCoordinationErrors() {
        SubscriptionKey.Durable key = SubscriptionKey.durable("c", "n");
        byte[] entry = ZkCodec.encode(new SubscriptionEntry(key, 2, new SubscriptionInfo(key, TopicKey.topic("t"), "t1",
                "x > 1", false, false, 2, List.of(new SubscriptionInfo.Consumer(CONNECTION, 1, 1)))));
        for (int length = 0; length < entry.length; length++) {
            byte[] cut = Arrays.copyOf(entry, length);
            assertThatThrownBy(() -> ZkCodec.decodeSubscriptionEntry(cut)).as("cut at %d", length)
                    .isInstanceOf(CoordinationException.class);
        }
        byte[] claim = ZkCodec.encode(new ClientIdClaim("id", CONNECTION, 1));
        assertThatThrownBy(() -> ZkCodec.decodeClientIdClaim(Arrays.copyOf(claim, claim.length - 1)))
                .isInstanceOf(CoordinationException.class);
        byte[] wrongKeyKind = entry.clone();
        wrongKeyKind[1] = SubscriptionKey.Kind.QUEUE.code();
        assertThatThrownBy(() -> ZkCodec.decodeSubscriptionEntry(wrongKeyKind))
                .isInstanceOf(CoordinationException.class).hasMessageContaining("subscription key kind");
    }

    @Test
    void subscriptionPathsAreOneEscapedSegmentPerKey() {
        ZkPaths paths = new ZkPaths("/p");
        assertThat(paths.subscription(SubscriptionKey.durable("a.b", "c"))).isEqualTo("/p/subscriptions/durable/a%2Eb.c");
        assertThat(paths.subscription(SubscriptionKey.durable("a", "b.c"))).isEqualTo("/p/subscriptions/durable/a.b%2Ec");
        assertThat(paths.subscription(SubscriptionKey.durable(null, ".."))).isEqualTo("/p/subscriptions/durable/.%2E%2E");
        assertThat(paths.subscription(SubscriptionKey.shared(null, "x/y"))).isEqualTo("/p/subscriptions/shared/.x%2Fy");
        assertThat(paths.clientId("a/b")).isEqualTo("/p/client_ids/a%2Fb");
        assertThat(paths.subscriptionTombstonePrefix()).isEqualTo("/p/subscriptions/tombstones/g-");
        assertThatThrownBy(() -> paths.subscription(SubscriptionKey.queue("q"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> paths.subscription(SubscriptionKey.durable("c", ""))).isInstanceOf(IllegalArgumentException.class);
    }
}
