package dev.partita.broker.subscription;

import dev.partita.broker.delivery.ConnectionId;
import dev.partita.broker.delivery.StateLog.StateKey;
import dev.partita.broker.server.RequestContext;
import dev.partita.broker.server.RequestHandler;
import dev.partita.broker.server.handler.TopicService;
import dev.partita.broker.zk.LogPartition;
import dev.partita.broker.zk.SubscriptionDefinition;
import dev.partita.broker.zk.SubscriptionInfo;
import dev.partita.broker.zk.TopicInfo;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SubscribeRequest;
import dev.partita.protocol.message.SubscribeResponse;
import dev.partita.protocol.message.SubscribeResponse.PartitionStart;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.selector.Selector;
import dev.partita.protocol.selector.SelectorSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * SUBSCRIBE: attaches the consumer of a durable or shared key in the cluster's subscription
 * registry (SUBSCRIPTION_IN_USE, SUBSCRIPTION_SHARING_MISMATCH; an inactive one whose topic,
 * selector or noLocal changed is replaced by a new generation), then has every partition leader
 * this broker is create the subscription's delivery state (a queue's from the log start, the
 * others' at the log end, so nothing sent after the response is missed) and answers with the
 * starts once they are committed. When a partition could not start, the answer carries that
 * partition's error (and the consumer is detached again), so the client does not consume with a
 * partition missing.
 * The selector is parsed here (INVALID_SELECTOR with the parser's message) and remembered, with
 * noLocal (topics only), for the session's acquires. Stateless.
 */
public final class SubscribeHandler extends RequestHandler<SubscribeRequest> {

    private final SubscriptionManager manager;
    private final Destinations destinations;
    private final Registries registries;

    SubscribeHandler(SubscriptionManager manager, TopicService topics, Registries registries) {
        super(ApiKey.SUBSCRIBE, SubscribeRequest.class);
        this.manager = manager;
        this.destinations = new Destinations(topics);
        this.registries = registries;
    }

    @Override
    protected CompletableFuture<SubscribeResponse> handle(RequestContext context, SubscribeRequest request) {
        manager.touch(ConnectionId.of(request.connectionId()));
        Selector selector = null;
        if (request.selector() != null && !request.selector().isBlank()) {
            try {
                selector = Selector.parse(request.selector());
            } catch (SelectorSyntaxException e) {
                return CompletableFuture.completedFuture(new SubscribeResponse(Errors.INVALID_SELECTOR, e.getMessage(),
                        0, List.of()));
            }
        }
        Selector parsed = selector;
        // noLocal is for topics: on a queue the spec leaves it unspecified, and it is ignored.
        boolean noLocal = request.noLocal() && !(request.key() instanceof SubscriptionKey.Queue);
        String noLocalClientId = request.key() instanceof SubscriptionKey.Durable durable ? durable.clientId() : null;
        return destinations.resolve(request.key(), request.topic(), true)
                .thenCompose(info -> generation(request, info).thenCompose(generation -> {
                    StateKey key = StateKeys.of(request.key(), generation);
                    manager.selectors().put(request.connectionId(), request.sessionId(), key, parsed, noLocal,
                            noLocalClientId);
                    List<CompletableFuture<Started>> starts = new ArrayList<>();
                    for (int p = 0; p < info.partitions(); p++) {
                        starts.add(start(info, p, key, request.key()));
                    }
                    return CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).thenCompose(ignored ->
                            answer(request, generation, starts.stream().map(CompletableFuture::join).toList()));
                }))
                .exceptionally(failure -> {
                    Errors error = ClientIdHandlers.error(failure);
                    if (error == Errors.UNKNOWN_SERVER_ERROR) {
                        throw new java.util.concurrent.CompletionException(SubscriptionErrors.unwrap(failure));
                    }
                    return new SubscribeResponse(error, SubscriptionErrors.message(failure), 0, List.of());
                });
    }

    /** One partition's start, with the reason when it failed. */
    private record Started(PartitionStart start, String errorMessage) {
    }

    /**
     * NONE when every partition started. Otherwise the first failed partition's error as the
     * answer's (a consumer attached with a partition missing would miss that partition's messages
     * without knowing), after detaching the consumer from a registered subscription so that the
     * client's retry is not refused as a second consumer.
     */
    private CompletableFuture<SubscribeResponse> answer(SubscribeRequest request, long generation, List<Started> started) {
        List<PartitionStart> starts = started.stream().map(Started::start).toList();
        Started failed = started.stream().filter(s -> s.start().error() != Errors.NONE).findFirst().orElse(null);
        if (failed == null) {
            return CompletableFuture.completedFuture(new SubscribeResponse(Errors.NONE, null, generation, starts));
        }
        SubscribeResponse refused = new SubscribeResponse(failed.start().error(), "partition "
                + failed.start().partition() + " could not start the subscription: " + failed.errorMessage(),
                generation, starts);
        if (!request.key().isRegistered()) {
            return CompletableFuture.completedFuture(refused);
        }
        SubscriptionInfo.Consumer consumer = new SubscriptionInfo.Consumer(ConnectionId.of(request.connectionId()),
                request.consumerId(), registries.brokerId());
        return registries.call(() -> registries.subscriptions().detach(request.key(), consumer))
                .handle((detached, failure) -> refused);
    }

    /**
     * 0 for queue and private keys; for durable and shared ones the generation the consumer is
     * attached to in the registry (created, joined or replacing an inactive changed one).
     */
    private CompletableFuture<Long> generation(SubscribeRequest request, TopicInfo info) {
        if (!request.key().isRegistered()) {
            return CompletableFuture.completedFuture(0L);
        }
        SubscriptionDefinition definition = SubscriptionDefinition.of(info, request.selector(), request.noLocal(),
                request.key().kind() == SubscriptionKey.Kind.DURABLE && request.shared());
        SubscriptionInfo.Consumer consumer = new SubscriptionInfo.Consumer(ConnectionId.of(request.connectionId()),
                request.consumerId(), registries.brokerId());
        return registries.call(() -> registries.subscriptions().attach(request.key(), definition, consumer))
                .thenApply(attachment -> attachment.subscription().generation());
    }

    private CompletableFuture<Started> start(TopicInfo info, int partition, StateKey key, SubscriptionKey subscription) {
        LogPartition id = new LogPartition(info.logId(), partition);
        boolean queue = subscription instanceof SubscriptionKey.Queue;
        if (subscription instanceof SubscriptionKey.Private) {
            manager.privateSubscribed(key, id);
        }
        return manager.subscribe(id, key, queue, subscription.isRegistered()).handle((start, failure) -> failure == null
                ? new Started(new PartitionStart(partition, Errors.NONE, start), null)
                : new Started(new PartitionStart(partition, SubscriptionErrors.of(failure), -1),
                        SubscriptionErrors.message(failure)));
    }
}
