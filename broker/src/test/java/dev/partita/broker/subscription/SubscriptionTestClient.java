package dev.partita.broker.subscription;

import dev.partita.broker.PartitaBroker;
import dev.partita.client.ClientConfig;
import dev.partita.client.PartitaClient;
import dev.partita.client.producer.Producer;
import dev.partita.client.producer.ProducerRecord;
import dev.partita.client.network.BrokerEndpoint;
import dev.partita.protocol.message.AcknowledgeRequest;
import dev.partita.protocol.message.AcknowledgeResponse;
import dev.partita.protocol.message.AcquireRequest;
import dev.partita.protocol.message.AcquireResponse;
import dev.partita.protocol.message.AcquireResponse.AcquiredPartition;
import dev.partita.protocol.message.BrowseRequest;
import dev.partita.protocol.message.BrowseResponse;
import dev.partita.protocol.message.ClientIdClaimRequest;
import dev.partita.protocol.message.ClientIdClaimResponse;
import dev.partita.protocol.message.ClientIdReleaseRequest;
import dev.partita.protocol.message.ClientIdReleaseResponse;
import dev.partita.protocol.message.DeliveryRange;
import dev.partita.protocol.message.ListOffsetsRequest;
import dev.partita.protocol.message.ReleaseRequest;
import dev.partita.protocol.message.ReleaseResponse;
import dev.partita.protocol.message.ReleasedRange;
import dev.partita.protocol.message.SessionHeartbeatRequest;
import dev.partita.protocol.message.SessionHeartbeatResponse;
import dev.partita.protocol.message.SessionPartitionResult;
import dev.partita.protocol.message.SubscribeRequest;
import dev.partita.protocol.message.SubscribeResponse;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.message.UnsubscribeRequest;
import dev.partita.protocol.message.UnsubscribeResponse;
import dev.partita.protocol.jms.JmsBodyType;
import dev.partita.protocol.jms.JmsRecord;
import dev.partita.protocol.jms.JmsRecordCodec;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.Record;
import dev.partita.protocol.record.SimpleRecord;
import dev.partita.protocol.record.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The subscription APIs as a test drives them over TCP: one logical connection (its id) on one
 * partition-0 destination, raw requests through the client module's {@code NetworkClient}.
 */
final class SubscriptionTestClient implements AutoCloseable {

    /** What one acquire handed out: offset -> value, offset -> delivery count, and the ranges. */
    record Acquired(Map<Long, String> values, Map<Long, Integer> counts, List<DeliveryRange> ranges, int sessionEpoch,
                    AcquiredPartition raw) {
    }

    final UUID connectionId = UUID.randomUUID();
    private final PartitaClient client;
    private final BrokerEndpoint endpoint;

    SubscriptionTestClient(PartitaBroker broker) {
        client = PartitaClient.create(ClientConfig.builder().bootstrapServers(broker.bootstrapServers())
                .lingerMs(1).requestTimeoutMs(20_000).build());
        endpoint = BrokerEndpoint.parse(broker.bootstrapServers());
    }

    void produce(TopicKey topic, String... values) throws Exception {
        try (Producer producer = client.newProducer()) {
            for (String v : values) {
                producer.send(new ProducerRecord(topic, 0, null, null, v.getBytes(StandardCharsets.UTF_8), List.of()));
            }
            producer.flush();
        }
    }

    /** Sends one record with these headers to partition 0. */
    void produceWithHeaders(TopicKey topic, String value, List<Header> headers) throws Exception {
        try (Producer producer = client.newProducer()) {
            producer.send(new ProducerRecord(topic, 0, null, null, value.getBytes(StandardCharsets.UTF_8), headers));
            producer.flush();
        }
    }

    /** Sends JMS messages with one string property {@code color} each, whose body is the color too. */
    void produceColors(TopicKey topic, String... colors) throws Exception {
        try (Producer producer = client.newProducer()) {
            long now = System.currentTimeMillis();
            for (String color : colors) {
                JmsRecord message = new JmsRecord(JmsBodyType.BYTES, null, now, null, null, null, null,
                        JmsRecord.PERSISTENT, JmsRecord.DEFAULT_PRIORITY, 0, 0, Map.of("color", color),
                        color.getBytes(StandardCharsets.UTF_8));
                SimpleRecord record = JmsRecordCodec.DEFAULT.toRecord(message, now, null);
                producer.send(new ProducerRecord(topic, 0, record.timestamp(), null, record.value(),
                        List.of(record.headers())));
            }
            producer.flush();
        }
    }

    /** Creates a one-partition destination with these configs (e.g. tiny segments). */
    void create(TopicKey topic, Map<String, String> configs) throws Exception {
        client.admin().createTopic(topic, 1, (short) 1, configs).get(20, TimeUnit.SECONDS);
    }

    /** The partition's log start offset. */
    long logStart(TopicKey topic) throws Exception {
        return client.admin().listOffset(topic, 0, ListOffsetsRequest.EARLIEST_TIMESTAMP).get(20, TimeUnit.SECONDS);
    }

    SubscribeResponse subscribe(SubscriptionKey key, TopicKey topic, UUID session) throws Exception {
        return subscribe(key, topic, session, null);
    }

    SubscribeResponse subscribe(SubscriptionKey key, TopicKey topic, UUID session, String selector) throws Exception {
        return subscribe(key, topic, session, selector, false, 1);
    }

    SubscribeResponse subscribe(SubscriptionKey key, TopicKey topic, UUID session, String selector, boolean shared,
                                long consumerId) throws Exception {
        return client.network().send(endpoint, new SubscribeRequest(key, topic, selector, false, shared, connectionId,
                session, consumerId, 10_000), SubscribeResponse.class).get(20, TimeUnit.SECONDS);
    }

    Acquired acquire(SubscriptionKey key, TopicKey topic, UUID session, int sessionEpoch, int maxRecords, int maxWaitMs)
            throws Exception {
        return acquire(key, 0, topic, session, sessionEpoch, maxRecords, maxWaitMs);
    }

    Acquired acquire(SubscriptionKey key, long generation, TopicKey topic, UUID session, int sessionEpoch, int maxRecords,
                     int maxWaitMs) throws Exception {
        AcquireResponse response = client.network().send(endpoint, new AcquireRequest(connectionId, session, key, generation, topic,
                maxWaitMs, 1 << 20, List.of(new AcquireRequest.AcquirePartition(0, -1, sessionEpoch, maxRecords, 1 << 20))),
                AcquireResponse.class, maxWaitMs + 20_000L).get(maxWaitMs + 25_000L, TimeUnit.MILLISECONDS);
        AcquiredPartition p = response.partitions().get(0);
        Map<Long, String> values = new LinkedHashMap<>();
        Map<Long, Integer> counts = new LinkedHashMap<>();
        Map<Long, String> all = new LinkedHashMap<>();
        MemoryRecords records = (MemoryRecords) p.records();
        for (Record r : records.records()) {
            byte[] bytes = new byte[r.value().remaining()];
            r.value().duplicate().get(bytes);
            all.put(r.offset(), new String(bytes, StandardCharsets.UTF_8));
        }
        for (DeliveryRange range : p.acquired()) {
            for (long o = range.firstOffset(); o <= range.lastOffset(); o++) {
                values.put(o, all.get(o));
                counts.put(o, range.deliveryCount());
            }
        }
        return new Acquired(values, counts, p.acquired(), p.sessionEpoch(), p);
    }

    SessionPartitionResult ack(SubscriptionKey key, TopicKey topic, UUID session, int sessionEpoch,
                               List<DeliveryRange> ranges) throws Exception {
        return ack(key, 0, topic, session, sessionEpoch, ranges);
    }

    SessionPartitionResult ack(SubscriptionKey key, long generation, TopicKey topic, UUID session, int sessionEpoch,
                               List<DeliveryRange> ranges) throws Exception {
        return client.network().send(endpoint, new AcknowledgeRequest(session, key, generation, topic,
                List.of(new AcknowledgeRequest.AcknowledgePartition(0, sessionEpoch, ranges))),
                AcknowledgeResponse.class).get(20, TimeUnit.SECONDS).partitions().get(0);
    }

    SessionPartitionResult release(SubscriptionKey key, TopicKey topic, UUID session, int sessionEpoch,
                                   List<ReleasedRange> ranges) throws Exception {
        return release(key, 0, topic, session, sessionEpoch, ranges);
    }

    SessionPartitionResult release(SubscriptionKey key, long generation, TopicKey topic, UUID session, int sessionEpoch,
                                   List<ReleasedRange> ranges) throws Exception {
        return client.network().send(endpoint, new ReleaseRequest(session, key, generation, topic,
                List.of(new ReleaseRequest.ReleasePartition(0, sessionEpoch, ranges))),
                ReleaseResponse.class).get(20, TimeUnit.SECONDS).partitions().get(0);
    }

    SessionHeartbeatResponse heartbeat(UUID... sessions) throws Exception {
        return client.network().send(endpoint, new SessionHeartbeatRequest(connectionId, List.of(sessions)),
                SessionHeartbeatResponse.class).get(20, TimeUnit.SECONDS);
    }

    UnsubscribeResponse closeConsumer(SubscriptionKey key, long consumerId) throws Exception {
        return client.network().send(endpoint, new UnsubscribeRequest(UnsubscribeRequest.Mode.CLOSE_CONSUMER, key,
                connectionId, consumerId), UnsubscribeResponse.class).get(20, TimeUnit.SECONDS);
    }

    UnsubscribeResponse delete(SubscriptionKey key) throws Exception {
        return client.network().send(endpoint, new UnsubscribeRequest(UnsubscribeRequest.Mode.DELETE, key,
                connectionId, 0), UnsubscribeResponse.class).get(20, TimeUnit.SECONDS);
    }

    ClientIdClaimResponse claim(String clientId) throws Exception {
        return client.network().send(endpoint, new ClientIdClaimRequest(connectionId, clientId),
                ClientIdClaimResponse.class).get(20, TimeUnit.SECONDS);
    }

    ClientIdReleaseResponse releaseClientId(String clientId) throws Exception {
        return client.network().send(endpoint, new ClientIdReleaseRequest(connectionId, clientId),
                ClientIdReleaseResponse.class).get(20, TimeUnit.SECONDS);
    }

    BrowseResponse.BrowsedPartition browse(SubscriptionKey key, TopicKey topic, String selector, long from, int maxRecords)
            throws Exception {
        return client.network().send(endpoint, new BrowseRequest(key, 0, topic, selector, 1 << 20,
                List.of(new BrowseRequest.BrowsePartition(0, -1, from, maxRecords, 1 << 20))), BrowseResponse.class)
                .get(20, TimeUnit.SECONDS).partitions().get(0);
    }

    /** Offset -> value of the offsets a browse shows. */
    static Map<Long, String> shown(BrowseResponse.BrowsedPartition browsed) {
        Map<Long, String> all = new LinkedHashMap<>();
        for (Record r : ((MemoryRecords) browsed.records()).records()) {
            byte[] bytes = new byte[r.value().remaining()];
            r.value().duplicate().get(bytes);
            all.put(r.offset(), new String(bytes, StandardCharsets.UTF_8));
        }
        Map<Long, String> shown = new LinkedHashMap<>();
        for (DeliveryRange range : browsed.visible()) {
            for (long o = range.firstOffset(); o <= range.lastOffset(); o++) {
                shown.put(o, all.get(o));
            }
        }
        return shown;
    }

    static List<DeliveryRange> ranges(Acquired acquired) {
        return new ArrayList<>(acquired.ranges());
    }

    @Override
    public void close() {
        client.close();
    }
}
