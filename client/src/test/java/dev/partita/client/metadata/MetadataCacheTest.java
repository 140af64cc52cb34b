package dev.partita.client.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.client.network.BrokerEndpoint;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.MetadataRequest;
import dev.partita.protocol.message.MetadataResponse;
import dev.partita.protocol.message.TopicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class MetadataCacheTest {

    private static final TopicKey ORDERS = TopicKey.queue("orders");
    private static final BrokerEndpoint B1 = new BrokerEndpoint("host1", 7676);
    private static final BrokerEndpoint B2 = new BrokerEndpoint("host2", 7676);

    /** One request the cache made, and the future the test completes to answer it. */
    record Call(BrokerEndpoint broker, MetadataRequest request, CompletableFuture<MetadataResponse> answer) {
    }

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final LinkedBlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private final List<Call> history = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    private MetadataCache cache() {
        return new MetadataCache((broker, request) -> {
            Call call = new Call(broker, request, new CompletableFuture<>());
            calls.add(call);
            history.add(call);
            return call.answer();
        }, List.of(B1, B2), scheduler, System::currentTimeMillis, 10, 300_000);
    }

    private Call nextCall() throws InterruptedException {
        Call call = calls.poll(10, TimeUnit.SECONDS);
        assertThat(call).as("a metadata request").isNotNull();
        return call;
    }

    private static MetadataResponse withTopic(Errors error, int leaderId, int leaderEpoch, int partitions) {
        List<MetadataResponse.PartitionMetadata> parts = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            parts.add(new MetadataResponse.PartitionMetadata(Errors.NONE, i, leaderId, leaderEpoch, List.of(1, 2), List.of(1, 2)));
        }
        return new MetadataResponse(List.of(new MetadataResponse.BrokerInfo(1, "host1", 7676, null),
                new MetadataResponse.BrokerInfo(2, "host2", 7676, "rack-b")), 1,
                List.of(new MetadataResponse.TopicMetadata(error, ORDERS, error == Errors.NONE ? "log-1" : null, parts)));
    }

    @Test
    void aTopicIsLookedUpOnceThenServedFromTheCache() throws Exception {
        MetadataCache cache = cache();
        CompletableFuture<TopicInfo> info = cache.topic(ORDERS, true, 5_000);
        Call call = nextCall();
        assertThat(call.request().topics()).containsExactly(ORDERS);
        assertThat(call.request().allowAutoTopicCreation()).isTrue();
        call.answer().complete(withTopic(Errors.NONE, 2, 3, 2));

        TopicInfo topic = info.get(10, TimeUnit.SECONDS);
        assertThat(topic.partitionCount()).isEqualTo(2);
        assertThat(topic.logId()).isEqualTo("log-1");
        assertThat(cache.partition(new TopicPartition(ORDERS, 1))).get().extracting(PartitionInfo::leaderEpoch).isEqualTo(3);
        assertThat(cache.leaderEndpoint(new TopicPartition(ORDERS, 0))).contains(B2);
        assertThat(cache.topic(ORDERS, true, 5_000)).isCompletedWithValue(topic);
        assertThat(history).hasSize(1);
    }

    @Test
    void aTopicWithoutLeaderYetIsAskedAgainUntilItHasPartitions() throws Exception {
        MetadataCache cache = cache();
        CompletableFuture<TopicInfo> info = cache.topic(ORDERS, true, 5_000);
        nextCall().answer().complete(withTopic(Errors.LEADER_NOT_AVAILABLE, -1, 0, 0));
        nextCall().answer().complete(withTopic(Errors.NONE, 1, 0, 1));
        assertThat(info.get(10, TimeUnit.SECONDS).partitionCount()).isEqualTo(1);
    }

    @Test
    void aMissingTopicWithoutAutoCreateFailsWithUnknownTopic() throws Exception {
        MetadataCache cache = cache();
        CompletableFuture<TopicInfo> info = cache.topic(ORDERS, false, 5_000);
        Call call = nextCall();
        assertThat(call.request().allowAutoTopicCreation()).isFalse();
        call.answer().complete(withTopic(Errors.UNKNOWN_TOPIC_OR_PARTITION, -1, 0, 0));
        assertThatThrownBy(() -> info.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ApiException.class).hasMessageContaining("does not exist")
                .satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION));
    }

    @Test
    void aLookupGivesUpWithRequestTimedOutAtItsDeadline() {
        MetadataCache cache = new MetadataCache((broker, request) -> CompletableFuture.completedFuture(
                withTopic(Errors.LEADER_NOT_AVAILABLE, -1, 0, 0)), List.of(B1), scheduler, System::currentTimeMillis, 10, 300_000);
        CompletableFuture<TopicInfo> info = cache.topic(ORDERS, true, 100);
        assertThatThrownBy(() -> info.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo(Errors.REQUEST_TIMED_OUT));
    }

    @Test
    void aBrokerThatFailsIsSkippedForTheNextOne() throws Exception {
        MetadataCache cache = cache();
        CompletableFuture<TopicInfo> info = cache.topic(ORDERS, true, 5_000);
        Call first = nextCall();
        assertThat(first.broker()).isEqualTo(B1);
        first.answer().completeExceptionally(Errors.NETWORK_EXCEPTION.exception("connection refused"));
        Call second = nextCall();
        assertThat(second.broker()).isEqualTo(B2);
        second.answer().complete(withTopic(Errors.NONE, 1, 0, 1));
        assertThat(info.get(10, TimeUnit.SECONDS).partitionCount()).isEqualTo(1);
    }

    @Test
    void aRefreshFollowsALeaderChange() throws Exception {
        MetadataCache cache = cache();
        CompletableFuture<TopicInfo> info = cache.topic(ORDERS, false, 5_000);
        nextCall().answer().complete(withTopic(Errors.NONE, 1, 4, 1));
        info.get(10, TimeUnit.SECONDS);
        TopicPartition tp = new TopicPartition(ORDERS, 0);
        assertThat(cache.leaderEndpoint(tp)).contains(B1);

        CompletableFuture<MetadataSnapshot> refreshed = cache.refresh();
        Call call = nextCall();
        assertThat(call.request().topics()).containsExactly(ORDERS);
        call.answer().complete(withTopic(Errors.NONE, 2, 5, 1));
        refreshed.get(10, TimeUnit.SECONDS);
        assertThat(cache.leaderEndpoint(tp)).contains(B2);
        assertThat(cache.partition(tp)).get().extracting(PartitionInfo::leaderEpoch).isEqualTo(5);
    }

    @Test
    void refreshesAskedForDuringOneInFlightAreServedByASingleFollowUp() throws Exception {
        MetadataCache cache = cache();
        CompletableFuture<MetadataSnapshot> first = cache.refresh();
        Call call = nextCall();
        CompletableFuture<MetadataSnapshot> second = cache.refresh();
        CompletableFuture<MetadataSnapshot> third = cache.refresh();
        assertThat(second).isSameAs(third);
        assertThat(calls).isEmpty();

        call.answer().complete(withTopic(Errors.NONE, 1, 0, 1));
        first.get(10, TimeUnit.SECONDS);
        Call followUp = nextCall();
        assertThat(second).isNotDone();
        followUp.answer().complete(withTopic(Errors.NONE, 2, 1, 1));
        second.get(10, TimeUnit.SECONDS);
        assertThat(history).hasSize(2);
    }

    @Test
    void aTopicReportedUnknownByARefreshIsForgotten() throws Exception {
        MetadataCache cache = cache();
        CompletableFuture<TopicInfo> info = cache.topic(ORDERS, false, 5_000);
        nextCall().answer().complete(withTopic(Errors.NONE, 1, 0, 1));
        info.get(10, TimeUnit.SECONDS);
        CompletableFuture<MetadataSnapshot> refreshed = cache.refresh();
        nextCall().answer().complete(withTopic(Errors.UNKNOWN_TOPIC_OR_PARTITION, -1, 0, 0));
        assertThat(refreshed.get(10, TimeUnit.SECONDS).topic(ORDERS)).isEmpty();
    }

    @Test
    void staleMetadataErrorsAreTheLeaderMovedKind() {
        assertThat(MetadataCache.isStaleMetadataError(Errors.NOT_LEADER_OR_FOLLOWER)).isTrue();
        assertThat(MetadataCache.isStaleMetadataError(Errors.UNKNOWN_TOPIC_OR_PARTITION)).isTrue();
        assertThat(MetadataCache.isStaleMetadataError(Errors.LEADER_NOT_AVAILABLE)).isTrue();
        assertThat(MetadataCache.isStaleMetadataError(Errors.FENCED_LEADER_EPOCH)).isTrue();
        assertThat(MetadataCache.isStaleMetadataError(Errors.CORRUPT_MESSAGE)).isFalse();
    }
}
