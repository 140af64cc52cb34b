package dev.partita.broker.subscription;

import dev.partita.broker.server.RequestContext;
import dev.partita.broker.server.RequestHandler;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.UnsubscribeRequest;
import dev.partita.protocol.message.UnsubscribeResponse;
import java.util.concurrent.CompletableFuture;

/**
 * UNSUBSCRIBE with {@code CLOSE_CONSUMER}: a private subscription ends with its consumer (its
 * delivery state is dropped on every partition); a queue's subscription lives as long as the queue,
 * so closing a queue consumer changes nothing here (the client releases what it prefetched).
 * Durable and shared keys, and {@code DELETE}, are refused with INVALID_REQUEST until the
 * subscription registry is wired in. Stateless.
 */
public final class UnsubscribeHandler extends RequestHandler<UnsubscribeRequest> {

    private final SubscriptionManager manager;

    public UnsubscribeHandler(SubscriptionManager manager) {
        super(ApiKey.UNSUBSCRIBE, UnsubscribeRequest.class);
        this.manager = manager;
    }

    @Override
    protected CompletableFuture<UnsubscribeResponse> handle(RequestContext context, UnsubscribeRequest request) {
        if (request.mode() != UnsubscribeRequest.Mode.CLOSE_CONSUMER || request.key().isRegistered()) {
            return CompletableFuture.completedFuture(new UnsubscribeResponse(Errors.INVALID_REQUEST,
                    "This broker does not serve durable or shared subscriptions yet"));
        }
        if (request.key() instanceof SubscriptionKey.Queue) {
            return CompletableFuture.completedFuture(new UnsubscribeResponse(Errors.NONE, null));
        }
        return manager.dropPrivate(StateKeys.of(request.key(), 0)).thenApply(known -> known
                ? new UnsubscribeResponse(Errors.NONE, null)
                : new UnsubscribeResponse(Errors.UNKNOWN_SUBSCRIPTION, "No private subscription " + request.key()
                        + " on this broker"));
    }
}
