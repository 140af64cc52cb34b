package dev.partita.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.PartitaBroker;
import dev.partita.broker.TestBrokers;
import dev.partita.client.ClientConfig;
import dev.partita.client.PartitaClient;
import dev.partita.client.network.BrokerEndpoint;
import dev.partita.protocol.message.AcquireRequest;
import dev.partita.protocol.message.AcquireResponse;
import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.DestinationKind;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.ListOffsetsRequest;
import dev.partita.protocol.message.ProduceRequest;
import dev.partita.protocol.message.ProduceResponse;
import dev.partita.protocol.message.SubscribeRequest;
import dev.partita.protocol.message.SubscribeResponse;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TemporaryCreateRequest;
import dev.partita.protocol.message.TemporaryCreateResponse;
import dev.partita.protocol.message.TemporaryDeleteRequest;
import dev.partita.protocol.message.TemporaryDeleteResponse;
import dev.partita.protocol.message.TemporaryDestinationName;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.CompressionType;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.SimpleRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporary destinations on the wire: who may subscribe and delete, the internal topics closed to
 * subscriptions, and deletion when the owner's lease expires (the owner never closes).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TemporaryDestinationsIT {

    @TempDir
    Path dataDir;

    /** One logical connection speaking raw requests. */
    private static final class Raw implements AutoCloseable {
        final UUID connectionId = UUID.randomUUID();
        final PartitaClient client;
        final BrokerEndpoint endpoint;

        Raw(PartitaBroker broker) {
            client = PartitaClient.create(ClientConfig.builder().bootstrapServers(broker.bootstrapServers())
                    .requestTimeoutMs(20_000).build());
            endpoint = BrokerEndpoint.parse(broker.bootstrapServers());
        }

        TemporaryCreateResponse create(DestinationKind kind, long sequence) throws Exception {
            return client.network().send(endpoint, new TemporaryCreateRequest(connectionId, kind, sequence),
                    TemporaryCreateResponse.class).get(20, TimeUnit.SECONDS);
        }

        Errors delete(String name) throws Exception {
            return client.network().send(endpoint, new TemporaryDeleteRequest(connectionId, name),
                    TemporaryDeleteResponse.class).get(20, TimeUnit.SECONDS).error();
        }

        Errors subscribe(SubscriptionKey key, TopicKey topic) throws Exception {
            return client.network().send(endpoint, new SubscribeRequest(key, topic, null, false, false, connectionId,
                    UUID.randomUUID(), 1, 10_000), SubscribeResponse.class).get(20, TimeUnit.SECONDS).error();
        }

        /** How many records one acquire on the owner's temporary queue hands out. */
        int acquire(TemporaryDestinationName queue) throws Exception {
            AcquireResponse response = client.network().send(endpoint, new AcquireRequest(connectionId, UUID.randomUUID(),
                    queue.queueSubscription(), 0, queue.topicKey(), 1_000, 1 << 20,
                    List.of(new AcquireRequest.AcquirePartition(0, -1, 0, 1_000, 1 << 20))), AcquireResponse.class)
                    .get(20, TimeUnit.SECONDS);
            return response.partitions().get(0).acquired().stream().mapToInt(r -> (int) (r.lastOffset() - r.firstOffset() + 1)).sum();
        }

        long logStart(TopicKey topic) throws Exception {
            return client.admin().listOffset(topic, 0, ListOffsetsRequest.EARLIEST_TIMESTAMP).get(20, TimeUnit.SECONDS);
        }

        Errors send(TemporaryDestinationName to, String text) throws Exception {
            MemoryRecords records = MemoryRecords.withRecords(CompressionType.NONE, new SimpleRecord(
                    System.currentTimeMillis(), to.recordKey(), text.getBytes(StandardCharsets.UTF_8)));
            ProduceResponse response = client.network().send(endpoint, new ProduceRequest(Acks.ALL, 10_000,
                    List.of(new ProduceRequest.TopicData(to.topicKey(), List.of(new ProduceRequest.PartitionData(0, records))))),
                    ProduceResponse.class).get(20, TimeUnit.SECONDS);
            return response.topics().get(0).partitions().get(0).error();
        }

        @Override
        public void close() {
            client.close();
        }
    }

    @Test
    void onlyTheOwnerSubscribesOrDeletesAndTheInternalTopicsAreClosedToSubscriptions() throws Exception {
        try (PartitaBroker broker = TestBrokers.start(dataDir, Map.of());
             Raw owner = new Raw(broker);
             Raw stranger = new Raw(broker)) {
            TemporaryCreateResponse created = owner.create(DestinationKind.TOPIC, 1);
            assertThat(created.error()).isEqualTo(Errors.NONE);
            TemporaryDestinationName topic = TemporaryDestinationName.parse(created.name()).orElseThrow();
            assertThat(topic.owner()).isEqualTo(owner.connectionId);

            assertThat(stranger.subscribe(SubscriptionKey.privateTo(stranger.connectionId, 1), topic.topicKey()))
                    .isEqualTo(Errors.NOT_TEMPORARY_DESTINATION_OWNER);
            assertThat(owner.subscribe(SubscriptionKey.privateTo(owner.connectionId, 1), topic.topicKey()))
                    .isEqualTo(Errors.NONE);
            assertThat(stranger.subscribe(SubscriptionKey.privateTo(stranger.connectionId, 1), topic.internalTopic()))
                    .isEqualTo(Errors.INVALID_TOPIC);
            assertThat(stranger.send(topic, "anyone may send")).isEqualTo(Errors.NONE);

            assertThat(stranger.delete(topic.name())).isEqualTo(Errors.NOT_TEMPORARY_DESTINATION_OWNER);
            assertThat(owner.delete(topic.name())).isEqualTo(Errors.NONE);
            assertThat(owner.delete(topic.name())).isEqualTo(Errors.TEMPORARY_DESTINATION_GONE);
            assertThat(stranger.send(topic, "too late")).isEqualTo(Errors.TEMPORARY_DESTINATION_GONE);
            assertThat(owner.subscribe(SubscriptionKey.privateTo(owner.connectionId, 2), topic.topicKey()))
                    .isEqualTo(Errors.TEMPORARY_DESTINATION_GONE);

            TemporaryDestinationName never = new TemporaryDestinationName(DestinationKind.QUEUE, topic.index(),
                    owner.connectionId, 99);
            assertThat(stranger.send(never, "to a name never created")).isEqualTo(Errors.TEMPORARY_DESTINATION_GONE);
        }
    }

    @Test
    void aTemporaryQueueHoldsTheRetentionFloorUntilItIsDeleted() throws Exception {
        Map<String, String> tiny = Map.of("log.retention.check.interval.ms", "50", "log.segment.bytes", "200",
                "log.retention.bytes", "1");
        try (PartitaBroker broker = TestBrokers.start(dataDir, tiny);
             Raw owner = new Raw(broker);
             Raw sender = new Raw(broker)) {
            TemporaryDestinationName queue = TemporaryDestinationName.parse(owner.create(DestinationKind.QUEUE, 1).name())
                    .orElseThrow();
            for (int i = 0; i < 20; i++) {
                assertThat(sender.send(queue, "message-" + i)).isEqualTo(Errors.NONE); // one batch each: many segments
            }
            Awaitility.await().during(500, TimeUnit.MILLISECONDS).atMost(5, TimeUnit.SECONDS)
                    .until(() -> owner.logStart(queue.internalTopic()) == 0);
            assertThat(owner.acquire(queue)).as("nothing unconsumed deleted").isEqualTo(20);
            assertThat(owner.delete(queue.name())).isEqualTo(Errors.NONE);
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> owner.logStart(queue.internalTopic()) > 0);
        }
    }

    @Test
    void aSilentOwnersTemporaryQueueIsDeletedWhenItsLeaseExpires() throws Exception {
        try (PartitaBroker broker = TestBrokers.start(dataDir, Map.of("session.lease.timeout.ms", "300"));
             Raw owner = new Raw(broker);
             Raw sender = new Raw(broker)) {
            TemporaryCreateResponse created = owner.create(DestinationKind.QUEUE, 1);
            assertThat(created.error()).isEqualTo(Errors.NONE);
            TemporaryDestinationName queue = TemporaryDestinationName.parse(created.name()).orElseThrow();
            // The sender's requests are signs of life of its own connection, not of the owner's.
            Awaitility.await().atMost(10, TimeUnit.SECONDS).pollInterval(50, TimeUnit.MILLISECONDS)
                    .until(() -> sender.send(queue, "ping") == Errors.TEMPORARY_DESTINATION_GONE);
        }
    }
}
