package dev.partita.protocol.frame;

import dev.partita.protocol.message.AcknowledgeRequest;
import dev.partita.protocol.message.AcknowledgeResponse;
import dev.partita.protocol.message.AcquireRequest;
import dev.partita.protocol.message.AcquireResponse;
import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ApiRequest;
import dev.partita.protocol.message.ApiResponse;
import dev.partita.protocol.message.ApiVersionsRequest;
import dev.partita.protocol.message.ApiVersionsResponse;
import dev.partita.protocol.message.BrowseRequest;
import dev.partita.protocol.message.BrowseResponse;
import dev.partita.protocol.message.ClientIdClaimRequest;
import dev.partita.protocol.message.ClientIdClaimResponse;
import dev.partita.protocol.message.ClientIdReleaseRequest;
import dev.partita.protocol.message.ClientIdReleaseResponse;
import dev.partita.protocol.message.CreateTopicsRequest;
import dev.partita.protocol.message.CreateTopicsResponse;
import dev.partita.protocol.message.DeleteTopicsRequest;
import dev.partita.protocol.message.DeleteTopicsResponse;
import dev.partita.protocol.message.DeliveryRange;
import dev.partita.protocol.message.DescribeSubscriptionsRequest;
import dev.partita.protocol.message.DescribeSubscriptionsResponse;
import dev.partita.protocol.message.DestinationKind;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.FetchRequest;
import dev.partita.protocol.message.FetchResponse;
import dev.partita.protocol.message.IsolationLevel;
import dev.partita.protocol.message.ListOffsetsRequest;
import dev.partita.protocol.message.ListOffsetsResponse;
import dev.partita.protocol.message.MetadataRequest;
import dev.partita.protocol.message.MetadataResponse;
import dev.partita.protocol.message.ProduceRequest;
import dev.partita.protocol.message.ProduceResponse;
import dev.partita.protocol.message.ReleaseRequest;
import dev.partita.protocol.message.ReleaseResponse;
import dev.partita.protocol.message.ReleasedRange;
import dev.partita.protocol.message.SaslAuthenticateRequest;
import dev.partita.protocol.message.SaslAuthenticateResponse;
import dev.partita.protocol.message.SaslHandshakeRequest;
import dev.partita.protocol.message.SaslHandshakeResponse;
import dev.partita.protocol.message.SessionHeartbeatRequest;
import dev.partita.protocol.message.SessionHeartbeatResponse;
import dev.partita.protocol.message.SessionPartitionResult;
import dev.partita.protocol.message.SubscribeRequest;
import dev.partita.protocol.message.SubscribeResponse;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.message.TopicResult;
import dev.partita.protocol.message.UnsubscribeRequest;
import dev.partita.protocol.message.UnsubscribeResponse;
import dev.partita.protocol.record.MemoryRecords;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Random but valid requests and responses of every API, from a seed, for round-trip and
 * corruption tests. Strings mix ASCII, multi-byte and supplementary characters; collections are
 * empty, small or (rarely) larger; nullable fields are sometimes null; records are opaque
 * random bytes (the frame codec never looks inside them).
 */
final class RandomMessages {

    private static final String ALPHABET = "abcXYZ09-_.:/ éßλ中文\uD83D\uDE00";

    private final Random random;

    RandomMessages(long seed) {
        this.random = new Random(seed);
    }

    ApiRequest request(ApiKey key) {
        return switch (key) {
            case API_VERSIONS -> new ApiVersionsRequest();
            case METADATA -> new MetadataRequest(random.nextInt(4) == 0 ? null : list(this::topicKey),
                    random.nextBoolean());
            case CREATE_TOPICS -> new CreateTopicsRequest(list(() -> new CreateTopicsRequest.CreatableTopic(
                    topicKey(), random.nextInt(200) - 1, (short) (random.nextInt(6) - 1), configs())),
                    random.nextInt(), random.nextBoolean());
            case DELETE_TOPICS -> new DeleteTopicsRequest(list(this::topicKey), random.nextInt());
            case PRODUCE -> new ProduceRequest(pick(Acks.values()), random.nextInt(),
                    list(() -> new ProduceRequest.TopicData(topicKey(),
                            list(() -> new ProduceRequest.PartitionData(random.nextInt(), records())))));
            case FETCH -> new FetchRequest(random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt(),
                    pick(IsolationLevel.values()), list(() -> new FetchRequest.FetchTopic(topicKey(),
                    list(() -> new FetchRequest.FetchPartition(random.nextInt(), random.nextInt(),
                            random.nextLong(), random.nextInt())))));
            case LIST_OFFSETS -> new ListOffsetsRequest(random.nextInt(), pick(IsolationLevel.values()),
                    list(() -> new ListOffsetsRequest.ListOffsetsTopic(topicKey(),
                            list(() -> new ListOffsetsRequest.ListOffsetsPartition(random.nextInt(),
                                    random.nextInt(), random.nextLong())))));
            case SASL_HANDSHAKE -> new SaslHandshakeRequest(string());
            case SASL_AUTHENTICATE -> new SaslAuthenticateRequest(bytes());
            case CLIENT_ID_CLAIM -> new ClientIdClaimRequest(uuid(), string());
            case CLIENT_ID_RELEASE -> new ClientIdReleaseRequest(uuid(), string());
            case SUBSCRIBE -> new SubscribeRequest(subscriptionKey(), topicKey(), nullableString(), random.nextBoolean(),
                    random.nextBoolean(), uuid(), uuid(), random.nextLong(), random.nextInt());
            case SESSION_HEARTBEAT -> new SessionHeartbeatRequest(uuid(), list(this::uuid));
            case ACQUIRE -> new AcquireRequest(uuid(), uuid(), subscriptionKey(), random.nextLong(), topicKey(),
                    random.nextInt(), random.nextInt(), list(() -> new AcquireRequest.AcquirePartition(random.nextInt(),
                    random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt())));
            case ACKNOWLEDGE -> new AcknowledgeRequest(uuid(), subscriptionKey(), random.nextLong(), topicKey(),
                    list(() -> new AcknowledgeRequest.AcknowledgePartition(random.nextInt(), random.nextInt(),
                            list(this::deliveryRange))));
            case RELEASE -> new ReleaseRequest(uuid(), subscriptionKey(), random.nextLong(), topicKey(),
                    list(() -> new ReleaseRequest.ReleasePartition(random.nextInt(), random.nextInt(),
                            list(() -> new ReleasedRange(deliveryRange(), random.nextBoolean())))));
            case UNSUBSCRIBE -> new UnsubscribeRequest(pick(UnsubscribeRequest.Mode.values()), subscriptionKey(), uuid(),
                    random.nextLong());
            case BROWSE -> new BrowseRequest(subscriptionKey(), random.nextLong(), topicKey(), nullableString(),
                    random.nextInt(), list(() -> new BrowseRequest.BrowsePartition(random.nextInt(), random.nextInt(),
                    random.nextLong(), random.nextInt(), random.nextInt())));
            case DESCRIBE_SUBSCRIPTIONS -> new DescribeSubscriptionsRequest(
                    random.nextInt(4) == 0 ? null : list(this::topicKey));
            case TEMPORARY_CREATE -> new dev.partita.protocol.message.TemporaryCreateRequest(uuid(),
                    pick(DestinationKind.values()), random.nextLong());
            case TEMPORARY_DELETE -> new dev.partita.protocol.message.TemporaryDeleteRequest(uuid(), string());
        };
    }

    ApiResponse response(ApiKey key) {
        return switch (key) {
            case API_VERSIONS -> new ApiVersionsResponse(list(() -> new ApiVersionsResponse.ApiVersion(
                    (short) random.nextInt(), (short) random.nextInt(), (short) random.nextInt())));
            case METADATA -> new MetadataResponse(
                    list(() -> new MetadataResponse.BrokerInfo(random.nextInt(), string(), random.nextInt(),
                            nullableString())),
                    random.nextInt(),
                    list(() -> new MetadataResponse.TopicMetadata(error(), topicKey(), nullableString(),
                            list(() -> new MetadataResponse.PartitionMetadata(error(), random.nextInt(),
                                    random.nextInt(), random.nextInt(), list(random::nextInt),
                                    list(random::nextInt))))));
            case CREATE_TOPICS -> new CreateTopicsResponse(list(this::topicResult));
            case DELETE_TOPICS -> new DeleteTopicsResponse(list(this::topicResult));
            case PRODUCE -> new ProduceResponse(list(() -> new ProduceResponse.TopicProduceResult(topicKey(),
                    list(() -> new ProduceResponse.PartitionProduceResult(random.nextInt(), error(),
                            nullableString(), random.nextLong(), random.nextLong(), random.nextLong())))));
            case FETCH -> new FetchResponse(list(() -> new FetchResponse.FetchableTopicResponse(topicKey(),
                    list(() -> new FetchResponse.PartitionFetchData(random.nextInt(), error(), random.nextLong(),
                            random.nextLong(), random.nextLong(), records())))));
            case LIST_OFFSETS -> new ListOffsetsResponse(list(() -> new ListOffsetsResponse.ListOffsetsTopicResponse(
                    topicKey(), list(() -> new ListOffsetsResponse.ListOffsetsPartitionResponse(random.nextInt(),
                    error(), random.nextLong(), random.nextLong(), random.nextInt())))));
            case SASL_HANDSHAKE -> new SaslHandshakeResponse(error(), list(this::string));
            case SASL_AUTHENTICATE -> new SaslAuthenticateResponse(error(), nullableString(), bytes(),
                    random.nextLong());
            case CLIENT_ID_CLAIM -> new ClientIdClaimResponse(error(), nullableString());
            case CLIENT_ID_RELEASE -> new ClientIdReleaseResponse(error(), nullableString(), random.nextBoolean());
            case SUBSCRIBE -> new SubscribeResponse(error(), nullableString(), random.nextLong(),
                    list(() -> new SubscribeResponse.PartitionStart(random.nextInt(), error(), random.nextLong())));
            case SESSION_HEARTBEAT -> new SessionHeartbeatResponse(error(), random.nextInt(), list(this::uuid));
            case ACQUIRE -> new AcquireResponse(list(() -> new AcquireResponse.AcquiredPartition(random.nextInt(),
                    error(), random.nextInt(), list(this::deliveryRange), records())));
            case ACKNOWLEDGE -> new AcknowledgeResponse(list(this::sessionPartitionResult));
            case RELEASE -> new ReleaseResponse(list(this::sessionPartitionResult));
            case UNSUBSCRIBE -> new UnsubscribeResponse(error(), nullableString());
            case BROWSE -> new BrowseResponse(list(() -> new BrowseResponse.BrowsedPartition(random.nextInt(), error(),
                    random.nextLong(), list(this::deliveryRange), records())));
            case DESCRIBE_SUBSCRIPTIONS -> new DescribeSubscriptionsResponse(error(), nullableString(),
                    list(() -> new DescribeSubscriptionsResponse.DescribedSubscription(topicKey(), subscriptionKey(),
                            random.nextLong(), list(() -> new DescribeSubscriptionsResponse.DescribedPartition(
                                    random.nextInt(), random.nextInt(), random.nextLong(), random.nextLong(),
                                    random.nextLong(), random.nextInt(), random.nextLong())))));
            case TEMPORARY_CREATE -> new dev.partita.protocol.message.TemporaryCreateResponse(error(), nullableString(),
                    nullableString());
            case TEMPORARY_DELETE -> new dev.partita.protocol.message.TemporaryDeleteResponse(error(), nullableString());
        };
    }

    int nextInt() {
        return random.nextInt();
    }

    private TopicResult topicResult() {
        return new TopicResult(topicKey(), error(), nullableString());
    }

    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    /** Every kind of key; client IDs null (none) or non-empty. */
    private SubscriptionKey subscriptionKey() {
        return switch (pick(SubscriptionKey.Kind.values())) {
            case QUEUE -> SubscriptionKey.queue(string());
            case PRIVATE -> SubscriptionKey.privateTo(uuid(), random.nextLong());
            case DURABLE -> SubscriptionKey.durable(clientId(), string());
            case SHARED -> SubscriptionKey.shared(clientId(), string());
        };
    }

    private String clientId() {
        String id = nullableString();
        return id == null || id.isEmpty() ? null : id;
    }

    private DeliveryRange deliveryRange() {
        return new DeliveryRange(random.nextLong(), random.nextLong(), random.nextInt());
    }

    private SessionPartitionResult sessionPartitionResult() {
        return new SessionPartitionResult(random.nextInt(), error(), nullableString(), random.nextInt());
    }

    private TopicKey topicKey() {
        return new TopicKey(pick(DestinationKind.values()), string());
    }

    private Errors error() {
        return pick(Errors.values());
    }

    private Map<String, String> configs() {
        Map<String, String> configs = new HashMap<>();
        for (String key : list(this::string)) {
            configs.put(key, string());
        }
        return configs;
    }

    private MemoryRecords records() {
        int size = random.nextInt(5) == 0 ? 0 : random.nextInt(300);
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return MemoryRecords.readableRecords(ByteBuffer.wrap(bytes));
    }

    private byte[] bytes() {
        byte[] bytes = new byte[random.nextInt(40)];
        random.nextBytes(bytes);
        return bytes;
    }

    private String nullableString() {
        return random.nextInt(4) == 0 ? null : string();
    }

    private String string() {
        int length = random.nextInt(10) == 0 ? random.nextInt(400) : random.nextInt(12);
        StringBuilder s = new StringBuilder();
        int[] codePoints = ALPHABET.codePoints().toArray();
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return s.toString();
    }

    private <T> List<T> list(Supplier<T> element) {
        int bound = random.nextInt(10) == 0 ? 20 : 4;
        int size = random.nextInt(bound);
        List<T> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(element.get());
        }
        return values;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
