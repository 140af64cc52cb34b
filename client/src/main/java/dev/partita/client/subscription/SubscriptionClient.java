package dev.partita.client.subscription;

import dev.partita.client.PartitaClient;
import dev.partita.client.metadata.MetadataCache;
import dev.partita.client.metadata.TopicInfo;
import dev.partita.client.metadata.TopicPartition;
import dev.partita.client.network.BrokerEndpoint;
import dev.partita.client.network.NetworkClient;
import dev.partita.protocol.message.AcknowledgeRequest;
import dev.partita.protocol.message.AcknowledgeResponse;
import dev.partita.protocol.message.AcquireRequest;
import dev.partita.protocol.message.AcquireResponse;
import dev.partita.protocol.message.BrowseRequest;
import dev.partita.protocol.message.BrowseResponse;
import dev.partita.protocol.message.ClientIdClaimRequest;
import dev.partita.protocol.message.ClientIdClaimResponse;
import dev.partita.protocol.message.ClientIdReleaseRequest;
import dev.partita.protocol.message.ClientIdReleaseResponse;
import dev.partita.protocol.message.ReleaseRequest;
import dev.partita.protocol.message.ReleaseResponse;
import dev.partita.protocol.message.SessionHeartbeatRequest;
import dev.partita.protocol.message.SessionHeartbeatResponse;
import dev.partita.protocol.message.SubscribeRequest;
import dev.partita.protocol.message.SubscribeResponse;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.message.UnsubscribeRequest;
import dev.partita.protocol.message.UnsubscribeResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The subscription APIs of one {@link PartitaClient}, typed. Requests about the cluster
 * (subscribe, unsubscribe, client IDs) go to any broker; requests about one partition's delivery
 * state (acquire, acknowledge, release, browse) to the partition's leader, which the caller looks
 * up with {@link #leader}; heartbeats to each broker the caller holds acquisitions on.
 *
 * <p>Thread-safe. Futures complete on an I/O thread: callers must not block in their callbacks.
 */
public final class SubscriptionClient {

    private final MetadataCache metadata;
    private final NetworkClient network;

    public SubscriptionClient(MetadataCache metadata, NetworkClient network) {
        this.metadata = metadata;
        this.network = network;
    }

    /** The calls of {@code client}, sharing its connections and metadata. */
    public static SubscriptionClient of(PartitaClient client) {
        return new SubscriptionClient(client.metadata(), client.network());
    }

    /** The topic's partitions and leaders (from the cache, else asked; never auto-created here). */
    public CompletableFuture<TopicInfo> topic(TopicKey topic, boolean autoCreate, long timeoutMs) {
        return metadata.topic(topic, autoCreate, timeoutMs);
    }

    /** The partition's leader as this client knows it, if any. */
    public Optional<BrokerEndpoint> leader(TopicKey topic, int partition) {
        return metadata.leaderEndpoint(new TopicPartition(topic, partition));
    }

    /** Asks for fresher metadata (after a leader moved or an endpoint failed). */
    public void refreshMetadata() {
        metadata.requestUpdate();
    }

    public CompletableFuture<ClientIdClaimResponse> claimClientId(ClientIdClaimRequest request) {
        return network.send(metadata.anyBroker(), request, ClientIdClaimResponse.class);
    }

    public CompletableFuture<ClientIdReleaseResponse> releaseClientId(ClientIdReleaseRequest request) {
        return network.send(metadata.anyBroker(), request, ClientIdReleaseResponse.class);
    }

    /** Waits at most the request's own {@code timeoutMs} plus the client's request timeout. */
    public CompletableFuture<SubscribeResponse> subscribe(SubscribeRequest request) {
        return network.send(metadata.anyBroker(), request, SubscribeResponse.class,
                (long) request.timeoutMs() + network.settings().requestTimeoutMs());
    }

    public CompletableFuture<UnsubscribeResponse> unsubscribe(UnsubscribeRequest request) {
        return network.send(metadata.anyBroker(), request, UnsubscribeResponse.class);
    }

    public CompletableFuture<SessionHeartbeatResponse> heartbeat(BrokerEndpoint broker, SessionHeartbeatRequest request) {
        return network.send(broker, request, SessionHeartbeatResponse.class);
    }

    /** A long poll: waits the request's {@code maxWaitMs} plus the client's request timeout. */
    public CompletableFuture<AcquireResponse> acquire(BrokerEndpoint leader, AcquireRequest request) {
        return network.send(leader, request, AcquireResponse.class,
                (long) request.maxWaitMs() + network.settings().requestTimeoutMs());
    }

    public CompletableFuture<AcknowledgeResponse> acknowledge(BrokerEndpoint leader, AcknowledgeRequest request) {
        return network.send(leader, request, AcknowledgeResponse.class);
    }

    public CompletableFuture<ReleaseResponse> release(BrokerEndpoint leader, ReleaseRequest request) {
        return network.send(leader, request, ReleaseResponse.class);
    }

    public CompletableFuture<BrowseResponse> browse(BrokerEndpoint leader, BrowseRequest request) {
        return network.send(leader, request, BrowseResponse.class);
    }

    /** The broker requests about the cluster go to (any live one). */
    public BrokerEndpoint anyBroker() {
        return metadata.anyBroker();
    }
}
