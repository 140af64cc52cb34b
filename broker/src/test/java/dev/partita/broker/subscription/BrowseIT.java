package dev.partita.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.broker.PartitaBroker;
import dev.partita.broker.TestBrokers;
import dev.partita.broker.subscription.SubscriptionTestClient.Acquired;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.BrowseRequest.BrowsePartition;
import dev.partita.protocol.message.BrowseResponse;
import dev.partita.protocol.message.DeliveryRange;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** BROWSE shows available and acquired matching messages and changes nothing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrowseIT {

    @TempDir
    Path dataDir;

    @Test
    void showsAvailableAndAcquiredMatchingMessagesPageByPageAndChangesNothing() throws Exception {
        TopicKey queue = TopicKey.queue("browsed");
        SubscriptionKey key = SubscriptionKey.queue("browsed");
        try (PartitaBroker broker = TestBrokers.start(dataDir, Map.of());
             SubscriptionTestClient client = new SubscriptionTestClient(broker)) {
            client.produceColors(queue, "red", "blue", "red", "green");
            assertThat(SubscriptionTestClient.shown(client.browse(key, queue, null, BrowsePartition.FROM_START, 10)))
                    .as("before any consumer").hasSize(4);

            UUID session = UUID.randomUUID();
            Acquired first = client.acquire(key, queue, session, 0, 2, 0);
            assertThat(first.values()).containsOnlyKeys(0L, 1L);
            assertThat(client.ack(key, queue, session, first.sessionEpoch(), List.of(new DeliveryRange(0, 0, 0))).error())
                    .isEqualTo(Errors.NONE);

            BrowseResponse.BrowsedPartition all = client.browse(key, queue, null, BrowsePartition.FROM_START, 10);
            assertThat(SubscriptionTestClient.shown(all)).as("offset 0 acknowledged, 1 acquired, 2 and 3 available")
                    .containsExactly(Map.entry(1L, "blue"), Map.entry(2L, "red"), Map.entry(3L, "green"));
            assertThat(all.nextOffset()).isEqualTo(BrowseResponse.END);

            assertThat(SubscriptionTestClient.shown(client.browse(key, queue, "color = 'red'", BrowsePartition.FROM_START, 10)))
                    .containsExactly(Map.entry(2L, "red"));

            BrowseResponse.BrowsedPartition page = client.browse(key, queue, null, BrowsePartition.FROM_START, 1);
            assertThat(SubscriptionTestClient.shown(page)).containsOnlyKeys(1L);
            assertThat(SubscriptionTestClient.shown(client.browse(key, queue, null, page.nextOffset(), 10)))
                    .containsOnlyKeys(2L, 3L);

            assertThat(client.acquire(key, queue, UUID.randomUUID(), 0, 10, 0).values())
                    .as("browsing acquired nothing").containsOnlyKeys(2L, 3L);
            assertThatThrownBy(() -> client.browse(key, queue, "color = ", BrowsePartition.FROM_START, 10))
                    .hasCauseInstanceOf(ApiException.class)
                    .cause().satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo(Errors.INVALID_SELECTOR));
        }
    }
}
