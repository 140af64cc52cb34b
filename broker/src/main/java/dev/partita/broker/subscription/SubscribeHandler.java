package dev.partita.broker.subscription;

import dev.partita.broker.delivery.ConnectionId;
import dev.partita.broker.delivery.StateLog.StateKey;
import dev.partita.broker.server.RequestContext;
import dev.partita.broker.server.RequestHandler;
import dev.partita.broker.server.handler.TopicService;
import dev.partita.broker.zk.LogPartition;
import dev.partita.broker.zk.TopicInfo;
import dev.partita.protocol.message.ApiException;
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
 * SUBSCRIBE for queue and private keys: has every partition leader this broker is create the
 * subscription's delivery state (a queue's from the log start, a private one's at the log end, so
 * nothing sent after the response is missed) and answers with the starts once they are committed.
 * The selector is parsed here (INVALID_SELECTOR with the parser's message) and remembered for the
 * session's acquires. Durable and shared keys are refused with INVALID_REQUEST until the
 * subscription registry is wired in. Stateless.
 */
public final class SubscribeHandler extends RequestHandler<SubscribeRequest> {

    private final SubscriptionManager manager;
    private final Destinations destinations;

    public SubscribeHandler(SubscriptionManager manager, TopicService topics) {
        super(ApiKey.SUBSCRIBE, SubscribeRequest.class);
        this.manager = manager;
        this.destinations = new Destinations(topics);
    }

    @Override
    protected CompletableFuture<SubscribeResponse> handle(RequestContext context, SubscribeRequest request) {
        manager.touch(ConnectionId.of(request.connectionId()));
        if (request.key().isRegistered()) {
            return CompletableFuture.failedFuture(new ApiException(Errors.INVALID_REQUEST,
                    "This broker does not serve durable or shared subscriptions yet (" + request.key().kind() + ")"));
        }
        Selector selector = null;
        if (request.selector() != null && !request.selector().isBlank()) {
            try {
                selector = Selector.parse(request.selector());
            } catch (SelectorSyntaxException e) {
                return CompletableFuture.completedFuture(new SubscribeResponse(Errors.INVALID_SELECTOR, e.getMessage(),
                        0, List.of()));
            }
        }
        boolean queue = request.key() instanceof SubscriptionKey.Queue;
        StateKey key = StateKeys.of(request.key(), 0);
        manager.selectors().put(request.connectionId(), request.sessionId(), key, selector);
        return destinations.resolve(request.key(), request.topic(), true).thenCompose(info -> {
            List<CompletableFuture<PartitionStart>> starts = new ArrayList<>();
            for (int p = 0; p < info.partitions(); p++) {
                starts.add(start(info, p, key, queue));
            }
            return CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).thenApply(ignored ->
                    new SubscribeResponse(Errors.NONE, null, 0, starts.stream().map(CompletableFuture::join).toList()));
        });
    }

    private CompletableFuture<PartitionStart> start(TopicInfo info, int partition, StateKey key, boolean queue) {
        LogPartition id = new LogPartition(info.logId(), partition);
        if (!queue) {
            manager.privateSubscribed(key, id);
        }
        return manager.subscribe(id, key, queue).handle((start, failure) -> failure == null
                ? new PartitionStart(partition, Errors.NONE, start)
                : new PartitionStart(partition, SubscriptionErrors.of(failure), -1));
    }
}
