package dev.partita.broker;

import static dev.partita.broker.Requests.listOffset;
import static dev.partita.broker.Requests.produce;
import static dev.partita.broker.Requests.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.Requests.OffsetValue;
import dev.partita.protocol.frame.ErrorResponseException;
import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ApiVersionsRequest;
import dev.partita.protocol.message.ApiVersionsResponse;
import dev.partita.protocol.message.CreateTopicsResponse;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.ListOffsetsRequest;
import dev.partita.protocol.message.MetadataRequest;
import dev.partita.protocol.message.MetadataResponse;
import dev.partita.protocol.message.ProduceResponse;
import dev.partita.protocol.message.ProduceResponse.PartitionProduceResult;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.MemoryRecords;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and mistaken input over raw sockets: each gets a clear error code or a closed
 * connection, the broker keeps serving everyone else, and no stored record is lost.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputIT {

    private static final int MAX_FRAME = 64 * 1024;

    @TempDir
    static Path dataDir;

    static PartitaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = TestBrokers.start(dataDir, Map.of("max.frame.bytes", String.valueOf(MAX_FRAME)));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void oversizeFrameClosesOnlyThatConnection() throws Exception {
        TopicKey topic = TopicKey.topic("survivor");
        try (RawClient good = RawClient.connect(broker); RawClient bad = RawClient.connect(broker)) {
            assertThat(produce(good, topic, 0, Acks.ALL, "kept").error()).isEqualTo(Errors.NONE);
            bad.writeRaw(ByteBuffer.allocate(8).putInt(MAX_FRAME + 1).putShort((short) 1).putShort((short) 0).flip());
            assertThat(bad.closedByPeer()).isTrue();
            assertThat(readAll(good, topic, 0, 0)).containsExactly(new OffsetValue(0, "kept"));
        }
    }

    @Test
    void negativeSizeClosesTheConnection() throws Exception {
        try (RawClient bad = RawClient.connect(broker)) {
            bad.writeRaw(ByteBuffer.allocate(4).putInt(-1).flip());
            assertThat(bad.closedByPeer()).isTrue();
        }
        assertBrokerServes();
    }

    @Test
    void garbageBodyClosesTheConnection() throws Exception {
        byte[] junk = new byte[40];
        new Random(42).nextBytes(junk);
        try (RawClient bad = RawClient.connect(broker)) {
            // A well-formed header of a real API (metadata v0), followed by random bytes.
            ByteBuffer frame = ByteBuffer.allocate(4 + 8 + junk.length);
            frame.putInt(8 + junk.length).putShort(ApiKey.METADATA.id()).putShort((short) 0).putInt(7).put(junk).flip();
            bad.writeRaw(frame);
            assertThat(bad.closedByPeer()).isTrue();
        }
        assertBrokerServes();
    }

    @Test
    void unknownApiKeyGetsUnsupportedVersionAndTheConnectionGoesOn() throws Exception {
        try (RawClient client = RawClient.connect(broker)) {
            client.writeRaw(ByteBuffer.allocate(12).putInt(8).putShort((short) 999).putShort((short) 0).putInt(77).flip());
            ErrorResponseException error = client.readError(ApiKey.API_VERSIONS);
            assertThat(error.error()).isEqualTo(Errors.UNSUPPORTED_VERSION);
            ApiVersionsResponse after = client.send(new ApiVersionsRequest());
            assertThat(after.apiKeys()).isNotEmpty();
        }
    }

    @Test
    void unknownVersionGetsUnsupportedVersionAndTheConnectionGoesOn() throws Exception {
        try (RawClient client = RawClient.connect(broker)) {
            client.writeRaw(ByteBuffer.allocate(12).putInt(8).putShort(ApiKey.METADATA.id()).putShort((short) 99).putInt(78).flip());
            ByteBuffer frame = client.readFrame();
            assertThat(frame.getInt(0)).as("correlation id").isEqualTo(78);
            assertThat(frame.getShort(4)).as("error code").isEqualTo(Errors.UNSUPPORTED_VERSION.code());
            ApiVersionsResponse after = client.send(new ApiVersionsRequest());
            assertThat(after.apiKeys()).isNotEmpty();
        }
    }

    @Test
    void batchWithAWrongCrcIsRejectedAndNothingIsStored() throws Exception {
        TopicKey topic = TopicKey.topic("crc");
        try (RawClient client = RawClient.connect(broker)) {
            assertThat(produce(client, topic, 0, Acks.ALL, "good").error()).isEqualTo(Errors.NONE);
            MemoryRecords corrupt = Requests.batch("bad-1", "bad-2");
            ByteBuffer bytes = corrupt.buffer();
            int last = bytes.limit() - 1;
            bytes.put(last, (byte) (bytes.get(last) ^ 0x5A));
            ProduceResponse response = client.send(Requests.produce(topic, 0, Acks.ALL, new MemoryRecords(bytes)));
            PartitionProduceResult result = response.topics().get(0).partitions().get(0);
            assertThat(result.error()).isEqualTo(Errors.CORRUPT_MESSAGE);
            assertThat(listOffset(client, topic, 0, ListOffsetsRequest.LATEST_TIMESTAMP).offset()).isEqualTo(1);
            assertThat(produce(client, topic, 0, Acks.ALL, "after").baseOffset()).isEqualTo(1);
            assertThat(readAll(client, topic, 0, 0)).extracting(OffsetValue::value).containsExactly("good", "after");
        }
    }

    @Test
    void aBatchAboveTheTopicsMaximumIsTooLargeAndNotStored() throws Exception {
        TopicKey topic = TopicKey.topic("small-messages");
        try (RawClient client = RawClient.connect(broker)) {
            CreateTopicsResponse created = client.send(Requests.create(topic, 1, Map.of("max.message.bytes", "1000")));
            assertThat(created.results().get(0).error()).isEqualTo(Errors.NONE);
            PartitionProduceResult big = produce(client, topic, 0, Acks.ALL, "x".repeat(2000));
            assertThat(big.error()).isEqualTo(Errors.RECORD_TOO_LARGE);
            assertThat(produce(client, topic, 0, Acks.ALL, "small").baseOffset()).isZero();
        }
    }

    @Test
    void produceToAMissingTopicWithAutoCreateOffIsAClearError(@TempDir Path otherDir) throws Exception {
        TopicKey topic = TopicKey.queue("not-there");
        try (PartitaBroker strict = TestBrokers.start(otherDir, Map.of("auto.create.topics.enable", "false"));
             RawClient client = RawClient.connect(strict)) {
            PartitionProduceResult result = produce(client, topic, 0, Acks.ALL, "lost?");
            assertThat(result.error()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
            assertThat(result.errorMessage()).contains("auto-create is disabled");
            MetadataResponse metadata = client.send(new MetadataRequest(List.of(topic), true));
            assertThat(metadata.topics()).singleElement()
                    .satisfies(t -> assertThat(t.error()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION));
        }
    }

    @Test
    void produceToAMissingTopicWithAutoCreateOnCreatesIt() throws Exception {
        TopicKey topic = TopicKey.queue("made-on-first-use");
        try (RawClient client = RawClient.connect(broker)) {
            PartitionProduceResult result = produce(client, topic, 0, Acks.ALL, "hello");
            assertThat(result.error()).isEqualTo(Errors.NONE);
            assertThat(readAll(client, topic, 0, 0)).containsExactly(new OffsetValue(0, "hello"));
        }
    }

    private static void assertBrokerServes() throws Exception {
        try (RawClient client = RawClient.connect(broker)) {
            ApiVersionsResponse response = client.send(new ApiVersionsRequest());
            assertThat(response.apiKeys()).isNotEmpty();
        }
    }
}
