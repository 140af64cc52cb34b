package dev.partita.broker.server;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ApiRequest;
import dev.partita.protocol.message.ApiResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Answers the requests of one API. Called on a network event loop: an implementation must not
 * block; work that touches a partition goes to that partition's executor and comes back as the
 * future. A future that fails with an {@code ApiException} becomes a request-level error response.
 *
 * @param <Q> the request type of the API
 */
public abstract class RequestHandler<Q extends ApiRequest> {

    private final ApiKey apiKey;
    private final Class<Q> requestType;

    protected RequestHandler(ApiKey apiKey, Class<Q> requestType) {
        this.apiKey = apiKey;
        this.requestType = requestType;
    }

    public final ApiKey apiKey() {
        return apiKey;
    }

    final CompletableFuture<? extends ApiResponse> handleRequest(RequestContext context, ApiRequest request) {
        return handle(context, requestType.cast(request));
    }

    final long ownWaitMs(ApiRequest request) {
        return Math.max(0, waitMs(requestType.cast(request)));
    }

    /**
     * How long the request may wait by design before it is answered (a long poll's max wait, a
     * produce's acknowledgement timeout); the dispatcher's bound on the request is this plus
     * {@code request.max.handling.ms}. None by default.
     */
    protected long waitMs(Q request) {
        return 0;
    }

    /** Answers one request. */
    protected abstract CompletableFuture<? extends ApiResponse> handle(RequestContext context, Q request);
}
