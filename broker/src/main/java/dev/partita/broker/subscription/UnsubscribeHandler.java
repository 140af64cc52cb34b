package dev.partita.broker.subscription;

import dev.partita.broker.delivery.ConnectionId;
import dev.partita.broker.server.RequestContext;
import dev.partita.broker.server.RequestHandler;
import dev.partita.broker.zk.SubscriptionInfo;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.UnsubscribeRequest;
import dev.partita.protocol.message.UnsubscribeResponse;
import java.util.concurrent.CompletableFuture;

/**
 * UNSUBSCRIBE. {@code CLOSE_CONSUMER}: a private subscription ends with its consumer (its delivery
 * state is dropped on every partition); a durable or shared one loses the consumer in the registry
 * (a shared non-durable one ends with its last); a queue's subscription lives as long as the queue,
 * so closing a queue consumer changes nothing here (the client releases what it prefetched). In
 * every case the connection's acquires parked on the subscription here are answered empty
 * ({@link ParkedAcquires}): the closed consumer's long poll takes nothing sent after its close.
 * {@code DELETE} (JMS {@code unsubscribe}) deletes an inactive durable subscription:
 * SUBSCRIPTION_IN_USE while it has an active consumer, UNKNOWN_SUBSCRIPTION if there is none; its
 * delivery state is dropped from memory on the partitions this broker leads, so it stops holding
 * their retention floor (it stays in {@code p.state} as garbage of a tombstoned generation, and a
 * restart replays it). Stateless.
 */
final class UnsubscribeHandler extends RequestHandler<UnsubscribeRequest> {

    private final SubscriptionManager manager;
    private final Registries registries;

    private final ParkedAcquires parked;

    /** @param parked the parked acquires a consumer leaving answers empty (its connection's on the subscription) */
    UnsubscribeHandler(SubscriptionManager manager, Registries registries, ParkedAcquires parked) {
        super(ApiKey.UNSUBSCRIBE, UnsubscribeRequest.class);
        this.manager = manager;
        this.registries = registries;
        this.parked = parked;
    }

    @Override
    protected CompletableFuture<UnsubscribeResponse> handle(RequestContext context, UnsubscribeRequest request) {
        ConnectionId connection = ConnectionId.of(request.connectionId());
        manager.touch(connection);
        SubscriptionKey key = request.key();
        if (request.mode() == UnsubscribeRequest.Mode.DELETE) {
            if (!(key instanceof SubscriptionKey.Durable durable)) {
                return done(Errors.INVALID_REQUEST, "Only a durable subscription can be deleted, not " + key.kind());
            }
            return answer(registries.call(() -> registries.subscriptions().unsubscribe(durable))
                    .thenCompose(deleted -> manager.dropDeleted(deleted)).thenApply(dropped -> true), key);
        }
        // the closing consumer's long poll, if parked here, must not take what is sent after the close
        parked.detached(connection, key);
        if (key instanceof SubscriptionKey.Queue) {
            return done(Errors.NONE, null);
        }
        if (key instanceof SubscriptionKey.Private) {
            return answer(manager.dropPrivate(StateKeys.of(key, 0)), key);
        }
        SubscriptionInfo.Consumer consumer = new SubscriptionInfo.Consumer(connection, request.consumerId(),
                registries.brokerId());
        return answer(registries.call(() -> registries.subscriptions().detach(key, consumer)), key);
    }

    private static CompletableFuture<UnsubscribeResponse> answer(CompletableFuture<Boolean> done, SubscriptionKey key) {
        return done.handle((known, failure) -> {
            if (failure != null) {
                return new UnsubscribeResponse(ClientIdHandlers.error(failure), SubscriptionErrors.message(failure));
            }
            return known ? new UnsubscribeResponse(Errors.NONE, null)
                    : new UnsubscribeResponse(Errors.UNKNOWN_SUBSCRIPTION, "No consumer of " + key + " to close");
        });
    }

    private static CompletableFuture<UnsubscribeResponse> done(Errors error, String message) {
        return CompletableFuture.completedFuture(new UnsubscribeResponse(error, message));
    }
}
