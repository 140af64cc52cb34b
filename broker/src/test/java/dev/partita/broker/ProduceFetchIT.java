package dev.partita.broker;

import static dev.partita.broker.Requests.fetch;
import static dev.partita.broker.Requests.listOffset;
import static dev.partita.broker.Requests.produce;
import static dev.partita.broker.Requests.readAll;
import static dev.partita.broker.Requests.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.Requests.OffsetValue;
import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ApiVersionsRequest;
import dev.partita.protocol.message.ApiVersionsResponse;
import dev.partita.protocol.message.CreateTopicsRequest;
import dev.partita.protocol.message.CreateTopicsRequest.CreatableTopic;
import dev.partita.protocol.message.CreateTopicsResponse;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.FetchRequest;
import dev.partita.protocol.message.FetchRequest.FetchPartition;
import dev.partita.protocol.message.FetchRequest.FetchTopic;
import dev.partita.protocol.message.FetchResponse;
import dev.partita.protocol.message.IsolationLevel;
import dev.partita.protocol.message.FetchResponse.PartitionFetchData;
import dev.partita.protocol.message.ListOffsetsRequest;
import dev.partita.protocol.message.MetadataRequest;
import dev.partita.protocol.message.MetadataResponse;
import dev.partita.protocol.message.MetadataResponse.TopicMetadata;
import dev.partita.protocol.message.ProduceResponse.PartitionProduceResult;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.message.TopicResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Produce and fetch through a real broker over TCP on loopback, with its embedded ZooKeeper. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProduceFetchIT {

    @TempDir
    static Path dataDir;

    static PartitaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = TestBrokers.start(dataDir, Map.of());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void answersApiVersionsWithEveryApi() throws Exception {
        try (RawClient client = RawClient.connect(broker)) {
            ApiVersionsResponse response = client.send(new ApiVersionsRequest());
            for (ApiKey key : ApiKey.values()) {
                assertThat(response.find(key)).as(key.name()).isPresent();
            }
        }
    }

    @Test
    void metadataAutoCreatesATopicWithALeader() throws Exception {
        TopicKey topic = TopicKey.queue("orders");
        try (RawClient client = RawClient.connect(broker)) {
            MetadataResponse response = client.send(new MetadataRequest(List.of(topic), true));
            TopicMetadata metadata = response.topics().get(0);
            assertThat(metadata.error()).isEqualTo(Errors.NONE);
            assertThat(metadata.logId()).isNotBlank();
            assertThat(metadata.partitions()).singleElement().satisfies(p -> {
                assertThat(p.error()).isEqualTo(Errors.NONE);
                assertThat(p.leaderId()).isEqualTo(0);
                assertThat(p.isr()).containsExactly(0);
            });
            assertThat(response.brokers()).singleElement().satisfies(b -> assertThat(b.port()).isEqualTo(broker.port()));
            assertThat(response.controllerId()).isEqualTo(0);
        }
    }

    @Test
    void producesWithAcksLeaderAndAllAndFetchesEverythingBack() throws Exception {
        TopicKey topic = TopicKey.topic("events");
        try (RawClient client = RawClient.connect(broker)) {
            PartitionProduceResult first = produce(client, topic, 0, Acks.LEADER, "a", "b", "c");
            PartitionProduceResult second = produce(client, topic, 0, Acks.ALL, "d", "e");
            assertThat(first.error()).isEqualTo(Errors.NONE);
            assertThat(first.baseOffset()).isEqualTo(0);
            assertThat(second.error()).isEqualTo(Errors.NONE);
            assertThat(second.baseOffset()).isEqualTo(3);

            // acks=ALL answered, so everything up to it is committed and readable.
            assertThat(readAll(client, topic, 0, 0)).containsExactly(
                    new OffsetValue(0, "a"), new OffsetValue(1, "b"), new OffsetValue(2, "c"),
                    new OffsetValue(3, "d"), new OffsetValue(4, "e"));
            assertThat(listOffset(client, topic, 0, ListOffsetsRequest.LATEST_TIMESTAMP).offset()).isEqualTo(5);
            assertThat(listOffset(client, topic, 0, ListOffsetsRequest.EARLIEST_TIMESTAMP).offset()).isEqualTo(0);
            assertThat(listOffset(client, topic, 0, 0L).offset()).isEqualTo(0);
            assertThat(listOffset(client, topic, 0, System.currentTimeMillis() + 60_000).offset()).isEqualTo(-1);
        }
    }

    @Test
    void keepsPartitionsApart() throws Exception {
        TopicKey topic = TopicKey.queue("three-partitions");
        try (RawClient client = RawClient.connect(broker)) {
            CreateTopicsResponse created = client.send(Requests.create(topic, 3, Map.of()));
            assertThat(created.results()).singleElement().satisfies(r -> assertThat(r.error()).isEqualTo(Errors.NONE));
            for (int p = 0; p < 3; p++) {
                assertThat(produce(client, topic, p, Acks.ALL, "p" + p + "-0", "p" + p + "-1").error()).isEqualTo(Errors.NONE);
            }
            for (int p = 0; p < 3; p++) {
                assertThat(readAll(client, topic, p, 0)).extracting(OffsetValue::value)
                        .containsExactly("p" + p + "-0", "p" + p + "-1");
            }
            assertThat(produce(client, topic, 3, Acks.ALL, "nowhere").error()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        }
    }

    @Test
    void createTopicsAnswersEachProblemPerTopic() throws Exception {
        TopicKey fine = TopicKey.topic("create-fine");
        try (RawClient client = RawClient.connect(broker)) {
            CreateTopicsResponse first = client.send(new CreateTopicsRequest(List.of(
                    new CreatableTopic(fine, 2, (short) 1, Map.of("flush.policy", "per-batch"))), 10_000, false));
            assertThat(first.results()).extracting(TopicResult::error).containsExactly(Errors.NONE);
            // The topics of one request are created concurrently, so the duplicate comes in a second one.
            CreateTopicsResponse response = client.send(new CreateTopicsRequest(List.of(
                    new CreatableTopic(fine, 2, (short) 1, Map.of()),
                    new CreatableTopic(TopicKey.topic("create-zero"), 0, (short) 1, Map.of()),
                    new CreatableTopic(TopicKey.topic("create-rf2"), 1, (short) 2, Map.of()),
                    new CreatableTopic(TopicKey.topic("create-bad-config"), 1, (short) 1, Map.of("flush.policy", "sometimes")),
                    new CreatableTopic(TopicKey.topic("create-unknown-config"), 1, (short) 1, Map.of("colour", "blue")),
                    new CreatableTopic(TopicKey.topic(""), 1, (short) 1, Map.of())), 10_000, false));
            assertThat(response.results()).extracting(TopicResult::error).containsExactly(
                    Errors.TOPIC_ALREADY_EXISTS, Errors.INVALID_PARTITIONS, Errors.INVALID_REPLICATION_FACTOR,
                    Errors.INVALID_CONFIG, Errors.INVALID_CONFIG, Errors.INVALID_TOPIC);
            assertThat(response.results().get(2).errorMessage()).contains("only 1");
            MetadataResponse metadata = client.send(new MetadataRequest(List.of(fine), false));
            assertThat(metadata.topics().get(0).partitions()).hasSize(2);
        }
    }

    @Test
    void longPollWakesUpWhenDataArrives() throws Exception {
        TopicKey topic = TopicKey.topic("long-poll");
        try (RawClient consumer = RawClient.connect(broker); RawClient producer = RawClient.connect(broker)) {
            assertThat(produce(producer, topic, 0, Acks.ALL, "first").error()).isEqualTo(Errors.NONE);
            long start = System.nanoTime();
            int correlationId = consumer.sendOnly(Requests.fetch(topic, 0, 1, 30_000, 1));
            assertThat(produce(producer, topic, 0, Acks.LEADER, "second").error()).isEqualTo(Errors.NONE);
            FetchResponse response = (FetchResponse) consumer.read(ApiKey.FETCH, correlationId);
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(values(response.topics().get(0).partitions().get(0)))
                    .containsExactly(new OffsetValue(1, "second"));
            assertThat(waitedMs).as("woke up on new data, long before maxWaitMs").isLessThan(20_000);
        }
    }

    @Test
    void longPollAnswersEmptyAtItsDeadline() throws Exception {
        TopicKey topic = TopicKey.topic("quiet");
        try (RawClient client = RawClient.connect(broker)) {
            assertThat(produce(client, topic, 0, Acks.ALL, "only").error()).isEqualTo(Errors.NONE);
            long start = System.nanoTime();
            FetchResponse response = client.send(Requests.fetch(topic, 0, 1, 300, 1));
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            PartitionFetchData data = response.topics().get(0).partitions().get(0);
            assertThat(data.error()).isEqualTo(Errors.NONE);
            assertThat(data.records().sizeInBytes()).isZero();
            assertThat(data.highWatermark()).isEqualTo(1);
            assertThat(waitedMs).isGreaterThanOrEqualTo(250);
        }
    }

    @Test
    void fetchPastTheLogEndIsOutOfRange() throws Exception {
        TopicKey topic = TopicKey.topic("short");
        try (RawClient client = RawClient.connect(broker)) {
            assertThat(produce(client, topic, 0, Acks.ALL, "x", "y").error()).isEqualTo(Errors.NONE);
            assertThat(fetch(client, topic, 0, 2).error()).isEqualTo(Errors.NONE);
            assertThat(fetch(client, topic, 0, 3).error()).isEqualTo(Errors.OFFSET_OUT_OF_RANGE);
            assertThat(fetch(client, topic, 0, -1).error()).isEqualTo(Errors.OFFSET_OUT_OF_RANGE);
        }
    }

    @Test
    void metadataOfAllTopicsListsWhatExists() throws Exception {
        TopicKey topic = TopicKey.queue("listed");
        try (RawClient client = RawClient.connect(broker)) {
            assertThat(produce(client, topic, 0, Acks.ALL, "x").error()).isEqualTo(Errors.NONE);
            MetadataResponse all = client.send(MetadataRequest.allTopics());
            assertThat(all.topics()).extracting(TopicMetadata::topic).contains(topic);
        }
    }

    @Test
    void fetchWithAFutureLeaderEpochIsUnknownEpoch() throws Exception {
        TopicKey topic = TopicKey.topic("epochs");
        try (RawClient client = RawClient.connect(broker)) {
            assertThat(produce(client, topic, 0, Acks.ALL, "x").error()).isEqualTo(Errors.NONE);
            int epoch = ((MetadataResponse) client.send(new MetadataRequest(List.of(topic), false)))
                    .topics().get(0).partitions().get(0).leaderEpoch();
            FetchResponse ahead = client.send(new FetchRequest(-1, 0, 1, 1 << 20, IsolationLevel.READ_UNCOMMITTED,
                    List.of(new FetchTopic(topic, List.of(new FetchPartition(0, epoch + 1, 0, 1 << 20))))));
            assertThat(ahead.topics().get(0).partitions().get(0).error()).isEqualTo(Errors.UNKNOWN_LEADER_EPOCH);
            FetchResponse current = client.send(new FetchRequest(-1, 0, 1, 1 << 20, IsolationLevel.READ_UNCOMMITTED,
                    List.of(new FetchTopic(topic, List.of(new FetchPartition(0, epoch, 0, 1 << 20))))));
            assertThat(values(current.topics().get(0).partitions().get(0))).containsExactly(new OffsetValue(0, "x"));
        }
    }

    @Test
    void fetchOfAMissingTopicIsUnknown() throws Exception {
        try (RawClient client = RawClient.connect(broker)) {
            assertThat(fetch(client, TopicKey.queue("never-created"), 0, 0).error()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        TopicKey topic = TopicKey.topic("pipelined");
        try (RawClient client = RawClient.connect(broker)) {
            assertThat(produce(client, topic, 0, Acks.ALL, "warm-up").error()).isEqualTo(Errors.NONE);
            // A long poll first, then quick requests: their answers must wait for it on the wire.
            int poll = client.sendOnly(Requests.fetch(topic, 0, 1, 500, 1));
            int versions = client.sendOnly(new ApiVersionsRequest());
            int metadata = client.sendOnly(new MetadataRequest(List.of(topic), false));
            assertThat(client.read(ApiKey.FETCH, poll)).isInstanceOf(FetchResponse.class);
            assertThat(client.read(ApiKey.API_VERSIONS, versions)).isInstanceOf(ApiVersionsResponse.class);
            assertThat(client.read(ApiKey.METADATA, metadata)).isInstanceOf(MetadataResponse.class);
        }
    }
}
