package dev.partita.client.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.partita.client.ClientClosedException;
import dev.partita.client.FakeBroker;
import dev.partita.protocol.frame.DecodedRequest;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ApiResponse;
import dev.partita.protocol.message.ApiVersionsResponse;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.MetadataRequest;
import dev.partita.protocol.message.MetadataResponse;
import dev.partita.protocol.message.RetriableException;
import dev.partita.protocol.message.TopicKey;
import io.netty.channel.EventLoopGroup;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BrokerConnectionTest {

    private FakeBroker broker;
    private EventLoopGroup group;
    private NetworkClient network;

    @BeforeEach
    void setUp() {
        broker = FakeBroker.start();
        group = Transport.nio().newEventLoopGroup(1, "test-client-io-");
        network = client(null, null, 64 * 1024);
    }

    private NetworkClient client(String user, String password, int maxFrameBytes) {
        return new NetworkClient(new ConnectionSettings("test", 5_000, 2_000, 10, 100, maxFrameBytes, user, password),
                group, Transport.nio());
    }

    @AfterEach
    void tearDown() {
        network.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        broker.close();
    }

    private static MetadataRequest request(String topic) {
        return new MetadataRequest(List.of(TopicKey.queue(topic)), false);
    }

    /** A metadata answer that names the topic asked for in its controller id, so answers can be told apart. */
    private static MetadataResponse answerFor(MetadataRequest request) {
        return new MetadataResponse(List.of(), request.topics().get(0).name().hashCode(), List.of());
    }

    private static Throwable failure(CompletableFuture<?> future) {
        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        return Futures.unwrap(future.handle((v, e) -> e).join());
    }

    @Test
    void pipelinedRequestsAreMatchedToTheirResponsesWhateverTheAnswerOrder() throws Exception {
        List<FakeBroker.Exchange> held = new CopyOnWriteArrayList<>();
        broker.on(ApiKey.METADATA, held::add);
        List<CompletableFuture<MetadataResponse>> futures = new ArrayList<>();
        for (String topic : List.of("a", "b", "c")) {
            futures.add(network.send(broker.endpoint(), request(topic), MetadataResponse.class));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == 3);
        assertThat(futures).noneMatch(CompletableFuture::isDone);

        List<FakeBroker.Exchange> reversed = new ArrayList<>(held);
        Collections.reverse(reversed);
        for (FakeBroker.Exchange exchange : reversed) {
            exchange.respond(answerFor(exchange.request(MetadataRequest.class)));
        }
        assertThat(futures.get(0).get(10, TimeUnit.SECONDS).controllerId()).isEqualTo("a".hashCode());
        assertThat(futures.get(1).get(10, TimeUnit.SECONDS).controllerId()).isEqualTo("b".hashCode());
        assertThat(futures.get(2).get(10, TimeUnit.SECONDS).controllerId()).isEqualTo("c".hashCode());
        assertThat(broker.connectionCount()).isEqualTo(1);
        // All three were written on one connection without waiting for answers: distinct correlation ids.
        assertThat(held.stream().map(e -> e.header().correlationId()).distinct()).hasSize(3);
    }

    @Test
    void theHandshakeAsksForApiVersionsBeforeAnythingElse() throws Exception {
        broker.on(ApiKey.METADATA, ex -> ex.respond(answerFor(ex.request(MetadataRequest.class))));
        network.send(broker.endpoint(), request("x")).get(10, TimeUnit.SECONDS);
        List<DecodedRequest> log = broker.log();
        assertThat(log).extracting(r -> r.header().apiKey()).containsExactly(ApiKey.API_VERSIONS, ApiKey.METADATA);
    }

    @Test
    void aRequestWithoutAnswerTimesOutAndTheConnectionIsReplaced() throws Exception {
        List<FakeBroker.Exchange> held = new CopyOnWriteArrayList<>();
        broker.on(ApiKey.METADATA, held::add);
        CompletableFuture<ApiResponse> slow = network.send(broker.endpoint(), request("slow"), 200);
        CompletableFuture<ApiResponse> behind = network.send(broker.endpoint(), request("behind"), 30_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == 2);

        Throwable error = failure(slow);
        assertThat(error).isInstanceOf(RetriableException.class);
        assertThat(((ApiException) error).error()).isEqualTo(Errors.REQUEST_TIMED_OUT);
        // The broker answers in request order: what was sent behind the lost answer would wait as long.
        Throwable behindError = failure(behind);
        assertThat(behindError).isInstanceOf(RetriableException.class);
        assertThat(((ApiException) behindError).error()).isEqualTo(Errors.NETWORK_EXCEPTION);

        broker.on(ApiKey.METADATA, ex -> ex.respond(answerFor(ex.request(MetadataRequest.class))));
        MetadataResponse next = network.send(broker.endpoint(), request("next"), MetadataResponse.class).get(10, TimeUnit.SECONDS);
        assertThat(next.controllerId()).isEqualTo("next".hashCode());
        assertThat(broker.connectionCount()).as("the next request went over a fresh connection").isEqualTo(2);
    }

    @Test
    void losingTheConnectionFailsEveryInFlightRequestWithARetriableNetworkError() {
        List<FakeBroker.Exchange> held = new CopyOnWriteArrayList<>();
        broker.on(ApiKey.METADATA, held::add);
        CompletableFuture<ApiResponse> first = network.send(broker.endpoint(), request("1"));
        CompletableFuture<ApiResponse> second = network.send(broker.endpoint(), request("2"));
        await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == 2);

        broker.dropConnections();

        for (CompletableFuture<ApiResponse> future : List.of(first, second)) {
            Throwable error = failure(future);
            assertThat(error).isInstanceOf(RetriableException.class);
            assertThat(((ApiException) error).error()).isEqualTo(Errors.NETWORK_EXCEPTION);
        }
    }

    @Test
    void theNextRequestAfterALostConnectionReconnects() throws Exception {
        broker.on(ApiKey.METADATA, ex -> ex.respond(answerFor(ex.request(MetadataRequest.class))));
        network.send(broker.endpoint(), request("before")).get(10, TimeUnit.SECONDS);
        broker.dropConnections();
        await().atMost(Duration.ofSeconds(10)).until(() -> !network.isReady(broker.endpoint()));

        MetadataResponse after = network.send(broker.endpoint(), request("after"), MetadataResponse.class).get(10, TimeUnit.SECONDS);
        assertThat(after.controllerId()).isEqualTo("after".hashCode());
        assertThat(broker.connectionCount()).isEqualTo(2);
    }

    @Test
    void aRequestLevelErrorFailsTheFutureWithThatErrorsException() {
        broker.on(ApiKey.METADATA, ex -> ex.respondError(Errors.INVALID_REQUEST, "no thanks"));
        Throwable error = failure(network.send(broker.endpoint(), request("x")));
        assertThat(error).isInstanceOf(ApiException.class).hasMessageContaining("no thanks");
        assertThat(((ApiException) error).error()).isEqualTo(Errors.INVALID_REQUEST);
    }

    @Test
    void anOversizeResponseFrameClosesTheConnectionAndFailsInFlightRequests() throws Exception {
        broker.on(ApiKey.METADATA, ex -> ex.writeRaw(ByteBuffer.allocate(4).putInt(64 * 1024 + 1).array()));
        Throwable error = failure(network.send(broker.endpoint(), request("big")));
        assertThat(((ApiException) error).error()).isEqualTo(Errors.NETWORK_EXCEPTION);

        // The client stays usable: the next request opens a new connection.
        broker.on(ApiKey.METADATA, ex -> ex.respond(answerFor(ex.request(MetadataRequest.class))));
        network.send(broker.endpoint(), request("small")).get(10, TimeUnit.SECONDS);
        assertThat(broker.connectionCount()).isEqualTo(2);
    }

    @Test
    void aMalformedResponseBodyClosesTheConnection() {
        // A frame with a valid size and correlation id but a truncated body.
        broker.on(ApiKey.METADATA, ex -> ex.writeRaw(ByteBuffer.allocate(4 + 7)
                .putInt(7).putInt(ex.header().correlationId()).putShort((short) 0).put((byte) 1).array()));
        Throwable error = failure(network.send(broker.endpoint(), request("bad")));
        assertThat(((ApiException) error).error()).isEqualTo(Errors.NETWORK_EXCEPTION);
        await().atMost(Duration.ofSeconds(10)).until(() -> !network.isReady(broker.endpoint()));
    }

    @Test
    void aBrokerThatIsNotListeningFailsTheRequestWithANetworkError() {
        BrokerEndpoint nowhere = broker.endpoint();
        broker.close();
        Throwable error = failure(network.send(nowhere, request("x")));
        assertThat(((ApiException) error).error()).isEqualTo(Errors.NETWORK_EXCEPTION);
    }

    @Test
    void anApiTheBrokerDoesNotSpeakFailsLocallyWithUnsupportedVersion() {
        List<ApiVersionsResponse.ApiVersion> versions = new ArrayList<>(FakeBroker.allVersions().apiKeys());
        versions.removeIf(v -> v.apiKey() == ApiKey.METADATA.id());
        broker.on(ApiKey.API_VERSIONS, ex -> ex.respond(new ApiVersionsResponse(versions)));
        Throwable error = failure(network.send(broker.endpoint(), request("x")));
        assertThat(((ApiException) error).error()).isEqualTo(Errors.UNSUPPORTED_VERSION);
        assertThat(broker.log()).extracting(r -> r.header().apiKey()).doesNotContain(ApiKey.METADATA);
    }

    @Test
    void afterAFailedConnectionTheNextOneWaitsForTheBackoff() throws Exception {
        network.close();
        network = new NetworkClient(new ConnectionSettings("test", 5_000, 2_000, 1_000, 2_000, 64 * 1024, null, null),
                group, Transport.nio());
        broker.on(ApiKey.API_VERSIONS, ex -> ex.respondError(Errors.UNSUPPORTED_VERSION, "go away"));
        Throwable first = failure(network.send(broker.endpoint(), request("x")));
        assertThat(((ApiException) first).error()).isEqualTo(Errors.UNSUPPORTED_VERSION);
        long failedAt = System.nanoTime();

        broker.on(ApiKey.API_VERSIONS, ex -> ex.respond(FakeBroker.allVersions()));
        broker.on(ApiKey.METADATA, ex -> ex.respond(answerFor(ex.request(MetadataRequest.class))));
        network.send(broker.endpoint(), request("y")).get(10, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - failedAt)).isGreaterThanOrEqualTo(500);
        assertThat(broker.connectionCount()).isEqualTo(2);
    }

    @Test
    void closingTheClientFailsPendingRequests() {
        broker.on(ApiKey.METADATA, ex -> { });
        CompletableFuture<ApiResponse> pending = network.send(broker.endpoint(), request("x"));
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.log().size() == 2);
        network.close();
        assertThat(failure(pending)).isInstanceOf(ClientClosedException.class);
        assertThat(failure(network.send(broker.endpoint(), request("y")))).isInstanceOf(ClientClosedException.class);
    }
}
