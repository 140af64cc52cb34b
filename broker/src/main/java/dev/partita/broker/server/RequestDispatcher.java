package dev.partita.broker.server;

import dev.partita.broker.server.auth.Authenticator;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ApiRequest;
import dev.partita.protocol.message.ApiResponse;
import dev.partita.protocol.message.Errors;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Routes each request to the handler of its API after the connection's authentication check, and
 * counts requests in flight so a graceful shutdown can wait for them.
 *
 * <p>Thread-safe: the handler table is an immutable map replaced as a whole.
 */
public final class RequestDispatcher {

    private final Authenticator authenticator;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Map<ApiKey, RequestHandler<?>> handlers = Map.of();
    private volatile boolean ready;

    public RequestDispatcher(Authenticator authenticator, List<RequestHandler<?>> handlerList) {
        this.authenticator = authenticator;
        install(handlerList);
    }

    /**
     * Adds handlers. The broker binds its port before it joins the cluster (the registration
     * publishes the port), so the handlers that need the cluster are installed afterwards;
     * until {@link #markReady} their APIs answer {@code BROKER_NOT_AVAILABLE}.
     */
    public synchronized void install(List<RequestHandler<?>> handlerList) {
        Map<ApiKey, RequestHandler<?>> next = new EnumMap<>(ApiKey.class);
        next.putAll(handlers);
        for (RequestHandler<?> h : handlerList) {
            if (next.put(h.apiKey(), h) != null) {
                throw new IllegalArgumentException("two handlers for " + h.apiKey());
            }
        }
        handlers = Map.copyOf(next);
    }

    /** Every handler is installed: unknown APIs are now unsupported rather than not yet available. */
    public void markReady() {
        ready = true;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    /** Requests received and not yet answered, over all connections. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Answers one request; never throws, failures complete the future exceptionally. */
    public CompletableFuture<ApiResponse> dispatch(RequestContext context, ApiRequest request) {
        ApiKey api = request.apiKey();
        Optional<ClientSession.AccessDenied> denied = context.session().check(api);
        if (denied.isPresent()) {
            return CompletableFuture.failedFuture(new ApiException(denied.get().error(), denied.get().message()));
        }
        RequestHandler<?> handler = handlers.get(api);
        if (handler == null) {
            return CompletableFuture.failedFuture(ready
                    ? new ApiException(Errors.UNSUPPORTED_VERSION, "This broker does not serve " + api)
                    : new ApiException(Errors.BROKER_NOT_AVAILABLE, "The broker is starting"));
        }
        inFlight.incrementAndGet();
        CompletableFuture<? extends ApiResponse> result;
        try {
            result = handler.handleRequest(context, request);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<ApiResponse> answer = new CompletableFuture<>();
        result.whenComplete((response, failure) -> {
            inFlight.decrementAndGet();
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                answer.complete(response);
            }
        });
        return answer;
    }
}
