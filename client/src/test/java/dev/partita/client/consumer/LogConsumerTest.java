package dev.partita.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.partita.client.ClientConfig;
import dev.partita.client.FakeBroker;
import dev.partita.client.PartitaClient;
import dev.partita.client.Responses;
import dev.partita.client.network.Transport;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.FetchRequest;
import dev.partita.protocol.message.FetchResponse;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.MemoryRecordsBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The consumer's long-poll fetching against a scripted broker. */
@Timeout(30)
class LogConsumerTest {

    private static final TopicKey PRICES = TopicKey.topic("prices");

    private FakeBroker broker;
    private PartitaClient client;
    private final List<FakeBroker.Exchange> fetches = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        broker = FakeBroker.start();
        broker.on(ApiKey.METADATA, ex -> ex.respond(Responses.metadata(List.of(broker), PRICES, 7, 0, 0)));
        broker.on(ApiKey.FETCH, fetches::add);
        client = PartitaClient.create(ClientConfig.builder().bootstrapServers(broker.bootstrap())
                .fetchMaxWaitMs(400).fetchMinBytes(10).partitionFetchMaxBytes(4096).retryBackoffMs(10).build(), Transport.nio());
    }

    @AfterEach
    void tearDown() {
        client.close();
        broker.close();
    }

    /** Polls (nothing to return yet) until the condition holds: the consumer only works inside poll. */
    private static void pollUntil(LogConsumer consumer, java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            assertThat(consumer.poll(Duration.ofMillis(20))).isEmpty();
            return condition.call();
        });
    }

    private static FetchResponse answer(FetchRequest request, long baseOffset, int count) {
        return answer(request, baseOffset, count, baseOffset + count);
    }

    /** An answer with {@code count} records from {@code baseOffset}, the log holding more up to {@code highWatermark}. */
    private static FetchResponse answer(FetchRequest request, long baseOffset, int count, long highWatermark) {
        MemoryRecordsBuilder builder = MemoryRecordsBuilder.builder().baseOffset(baseOffset);
        for (int i = 0; i < count; i++) {
            builder.append(1, null, new byte[] {(byte) i});
        }
        MemoryRecords records = builder.build();
        FetchRequest.FetchTopic topic = request.topics().get(0);
        return new FetchResponse(List.of(new FetchResponse.FetchableTopicResponse(topic.topic(), List.of(
                new FetchResponse.PartitionFetchData(topic.partitions().get(0).partition(), Errors.NONE,
                        highWatermark, highWatermark, 0, records)))));
    }

    @Test
    void aFetchCarriesTheLongPollSettingsThePositionAndTheLeaderEpoch() {
        try (LogConsumer consumer = client.newConsumer()) {
            consumer.assign(PRICES, 1, 12);
            pollUntil(consumer, () -> !fetches.isEmpty());
            FetchRequest request = fetches.get(0).request(FetchRequest.class);
            assertThat(request.replicaId()).isEqualTo(FetchRequest.CONSUMER_REPLICA_ID);
            assertThat(request.maxWaitMs()).isEqualTo(400);
            assertThat(request.minBytes()).isEqualTo(10);
            FetchRequest.FetchPartition partition = request.topics().get(0).partitions().get(0);
            assertThat(partition.partition()).isEqualTo(1);
            assertThat(partition.fetchOffset()).isEqualTo(12);
            assertThat(partition.currentLeaderEpoch()).isEqualTo(7);
            assertThat(partition.partitionMaxBytes()).isEqualTo(4096);
        }
    }

    @Test
    void aFetchStillHeldWhenPollReturnsIsReusedByTheNextPoll() {
        try (LogConsumer consumer = client.newConsumer()) {
            consumer.assign(PRICES, 0, 0);
            pollUntil(consumer, () -> fetches.size() == 1);
            assertThat(consumer.poll(Duration.ofMillis(100))).isEmpty();
            assertThat(fetches).hasSize(1); // no second fetch while the first is in flight

            FakeBroker.Exchange held = fetches.get(0);
            held.respond(answer(held.request(FetchRequest.class), 0, 3));
            List<ConsumedRecord> records = consumer.poll(Duration.ofSeconds(5));
            assertThat(records).extracting(ConsumedRecord::offset).containsExactly(0L, 1L, 2L);
            assertThat(consumer.position(PRICES, 0)).isEqualTo(3);
        }
    }

    @Test
    void pollingWithAZeroTimeoutStillFetches() {
        try (LogConsumer consumer = client.newConsumer()) {
            consumer.assign(PRICES, 0, 5);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ZERO);
                return fetches.size() == 1;
            });
            FakeBroker.Exchange fetch = fetches.get(0);
            fetch.respond(answer(fetch.request(FetchRequest.class), 5, 2));
            List<ConsumedRecord> records = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                records.addAll(consumer.poll(Duration.ZERO));
                return records.size() == 2;
            });
            assertThat(records).extracting(ConsumedRecord::offset).containsExactly(5L, 6L);
        }
    }

    @Test
    void anAnswerForAPositionChangedBySeekIsDropped() {
        try (LogConsumer consumer = client.newConsumer()) {
            consumer.assign(PRICES, 0, 0);
            pollUntil(consumer, () -> fetches.size() == 1);
            consumer.seek(PRICES, 0, 100);
            FakeBroker.Exchange stale = fetches.get(0);
            stale.respond(answer(stale.request(FetchRequest.class), 0, 3));
            pollUntil(consumer, () -> fetches.size() == 2);
            FetchRequest next = fetches.get(1).request(FetchRequest.class);
            assertThat(next.topics().get(0).partitions().get(0).fetchOffset()).isEqualTo(100);
            fetches.get(1).respond(answer(next, 100, 1));
            assertThat(consumer.poll(Duration.ofSeconds(5))).extracting(ConsumedRecord::offset).containsExactly(100L);
        }
    }

    @Test
    void aRetriableFetchErrorIsRetriedAfterRefreshingMetadata() {
        try (LogConsumer consumer = client.newConsumer()) {
            consumer.assign(PRICES, 0, 0);
            pollUntil(consumer, () -> fetches.size() == 1);
            int metadataRequests = (int) broker.log().stream().filter(r -> r.header().apiKey() == ApiKey.METADATA).count();
            FakeBroker.Exchange first = fetches.get(0);
            first.respond(new FetchResponse(List.of(new FetchResponse.FetchableTopicResponse(PRICES, List.of(
                    new FetchResponse.PartitionFetchData(0, Errors.NOT_LEADER_OR_FOLLOWER, -1, -1, -1, MemoryRecords.EMPTY))))));
            pollUntil(consumer, () -> fetches.size() == 2);
            assertThat(broker.log().stream().filter(r -> r.header().apiKey() == ApiKey.METADATA).count()).isGreaterThan(metadataRequests);
            fetches.get(1).respond(answer(fetches.get(1).request(FetchRequest.class), 0, 1));
            assertThat(consumer.poll(Duration.ofSeconds(5))).hasSize(1);
        }
    }
    private static long fetchOffset(FakeBroker.Exchange fetch) {
        return fetch.request(FetchRequest.class).topics().get(0).partitions().get(0).fetchOffset();
    }

    @Test
    void theNextFetchIsSentBeforePollReturnsTheRecordsOfTheLastOne() {
        try (LogConsumer consumer = client.newConsumer()) {
            consumer.assign(PRICES, 0, 0);
            pollUntil(consumer, () -> fetches.size() == 1);
            FakeBroker.Exchange first = fetches.get(0);
            first.respond(answer(first.request(FetchRequest.class), 0, 3, 100));
            assertThat(consumer.poll(Duration.ofSeconds(5))).extracting(ConsumedRecord::offset).containsExactly(0L, 1L, 2L);
            // No further poll: the consumer only works inside poll, so this fetch left during the last one.
            await().atMost(Duration.ofSeconds(10)).until(() -> fetches.size() == 2);
            assertThat(fetchOffset(fetches.get(1))).isEqualTo(3);
        }
    }

    @Test
    void pipelinedFetchesReturnEveryRecordOnceInOrder() {
        try (LogConsumer consumer = client.newConsumer()) {
            consumer.assign(PRICES, 0, 0);
            pollUntil(consumer, () -> fetches.size() == 1);
            List<Long> offsets = new java.util.ArrayList<>();
            long next = 0;
            for (int round = 0; round < 10; round++) {
                FakeBroker.Exchange fetch = fetches.get(round);
                assertThat(fetchOffset(fetch)).isEqualTo(next);
                int count = 1 + round % 4;
                fetch.respond(answer(fetch.request(FetchRequest.class), next, count, 1000));
                next += count;
                offsets.addAll(consumer.poll(Duration.ofSeconds(5)).stream().map(ConsumedRecord::offset).toList());
                int sent = round + 2;
                await().atMost(Duration.ofSeconds(10)).until(() -> fetches.size() == sent);
            }
            assertThat(offsets).containsExactlyElementsOf(java.util.stream.LongStream.range(0, next).boxed().toList());
            assertThat(consumer.position(PRICES, 0)).isEqualTo(next);
            assertThat(fetches).hasSize(11); // one in flight at a time, never a second one beside it
        }
    }

    @Test
    void aSeekDropsTheAnswerOfTheFetchSentAhead() {
        try (LogConsumer consumer = client.newConsumer()) {
            consumer.assign(PRICES, 0, 0);
            pollUntil(consumer, () -> fetches.size() == 1);
            fetches.get(0).respond(answer(fetches.get(0).request(FetchRequest.class), 0, 3, 100));
            assertThat(consumer.poll(Duration.ofSeconds(5))).hasSize(3);
            await().atMost(Duration.ofSeconds(10)).until(() -> fetches.size() == 2);

            consumer.seek(PRICES, 0, 50);
            FakeBroker.Exchange ahead = fetches.get(1);
            ahead.respond(answer(ahead.request(FetchRequest.class), 3, 3));
            pollUntil(consumer, () -> fetches.size() == 3); // the stale records 3-5 never come out
            assertThat(fetchOffset(fetches.get(2))).isEqualTo(50);
            fetches.get(2).respond(answer(fetches.get(2).request(FetchRequest.class), 50, 2));
            assertThat(consumer.poll(Duration.ofSeconds(5))).extracting(ConsumedRecord::offset).containsExactly(50L, 51L);
        }
    }

    @Test
    void aCorruptBatchKeepsThePositionAndTheFetchSentAheadIsDropped() {
        try (LogConsumer consumer = client.newConsumer()) {
            consumer.assign(PRICES, 0, 0);
            pollUntil(consumer, () -> fetches.size() == 1);
            FetchResponse good = answer(fetches.get(0).request(FetchRequest.class), 0, 3, 100);
            java.nio.ByteBuffer bytes = ((MemoryRecords) good.topics().get(0).partitions().get(0).records()).buffer();
            int last = bytes.limit() - 1;
            bytes.put(last, (byte) (bytes.get(last) ^ 0xFF)); // a flipped bit in the last record: the CRC fails
            fetches.get(0).respond(good);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> org.assertj.core.api.Assertions
                    .assertThatThrownBy(() -> consumer.poll(Duration.ofMillis(50)))
                    .isInstanceOf(dev.partita.protocol.record.CorruptRecordException.class));
            assertThat(consumer.position(PRICES, 0)).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> fetches.size() == 2);
            fetches.get(1).respond(answer(fetches.get(1).request(FetchRequest.class), 3, 1));
            pollUntil(consumer, () -> fetches.size() == 3); // the records after the bad batch are not returned
            assertThat(fetchOffset(fetches.get(2))).isZero();
        }
    }

    @Test
    void aPartitionThatCaughtUpGetsNoFetchAheadButOneWithTheNextPoll() {
        try (LogConsumer consumer = client.newConsumer()) {
            consumer.assign(PRICES, 0, 0);
            pollUntil(consumer, () -> fetches.size() == 1);
            fetches.get(0).respond(answer(fetches.get(0).request(FetchRequest.class), 0, 3)); // high watermark 3
            assertThat(consumer.poll(Duration.ofSeconds(5))).hasSize(3);
            // A request sent on the same connection after poll returned reaches the broker after anything poll sent.
            client.metadata().refresh().join();
            assertThat(fetches).hasSize(1);
            pollUntil(consumer, () -> fetches.size() == 2);
            assertThat(fetchOffset(fetches.get(1))).isEqualTo(3);
        }
    }
}
