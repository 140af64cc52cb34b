package dev.partita.protocol.frame;

import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ApiRequest;
import dev.partita.protocol.message.ApiResponse;
import dev.partita.protocol.message.ApiVersionsRequest;
import dev.partita.protocol.message.ApiVersionsResponse;
import dev.partita.protocol.message.CreateTopicsRequest;
import dev.partita.protocol.message.CreateTopicsResponse;
import dev.partita.protocol.message.DeleteTopicsRequest;
import dev.partita.protocol.message.DeleteTopicsResponse;
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
import dev.partita.protocol.message.SaslAuthenticateRequest;
import dev.partita.protocol.message.SaslAuthenticateResponse;
import dev.partita.protocol.message.SaslHandshakeRequest;
import dev.partita.protocol.message.SaslHandshakeResponse;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.message.TopicResult;
import dev.partita.protocol.record.MemoryRecords;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
        };
    }

    int nextInt() {
        return random.nextInt();
    }

    private TopicResult topicResult() {
        return new TopicResult(topicKey(), error(), nullableString());
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
