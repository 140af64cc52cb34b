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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each request to the handler of its API after the connection's authentication check,
 * counts requests in flight so a graceful shutdown can wait for them, and bounds every request:
 * one its handler has not answered within its bound (its own wait, e.g. a long poll's max wait,
 * plus {@code request.max.handling.ms}) is answered REQUEST_TIMED_OUT in the handler's place, with
 * an ERROR log naming the API, correlation id and handler. Responses of a connection go out in
 * request order, so without this bound one lost answer would stall every later request of the
 * connection forever.
 *
 * <p>Thread-safe: the handler table is an immutable map replaced as a whole; each request's answer
 * is decided by whichever of the handler and the bound completes it first.
 */
public final class RequestDispatcher {

    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    /** The broker's default {@code request.max.handling.ms}. */
    public static final long DEFAULT_MAX_HANDLING_MS = 60_000;

    private final Authenticator authenticator;
    private final long maxHandlingMs;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong timedOut = new AtomicLong();
    private volatile Map<ApiKey, RequestHandler<?>> handlers = Map.of();
    private volatile boolean ready;

    public RequestDispatcher(Authenticator authenticator, List<RequestHandler<?>> handlerList) {
        this(authenticator, DEFAULT_MAX_HANDLING_MS, handlerList);
    }

    /** @param maxHandlingMs how long a handler may take beyond the request's own wait */
    public RequestDispatcher(Authenticator authenticator, long maxHandlingMs, List<RequestHandler<?>> handlerList) {
        if (maxHandlingMs <= 0) {
            throw new IllegalArgumentException("maxHandlingMs must be positive, got " + maxHandlingMs);
        }
        this.authenticator = authenticator;
        this.maxHandlingMs = maxHandlingMs;
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

    /** Requests answered REQUEST_TIMED_OUT because their handler did not answer within their bound. */
    public long timedOut() {
        return timedOut.get();
    }

    /**
     * Answers one request; never throws, failures complete the future exceptionally.
     *
     * @param timer runs the request's bound (the connection's event loop); cancelled tasks must not
     *              linger, as answers are kept until then
     */
    public CompletableFuture<ApiResponse> dispatch(RequestContext context, ApiRequest request, ScheduledExecutorService timer) {
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
        long boundMs;
        try {
            boundMs = saturatedAdd(handler.ownWaitMs(request), maxHandlingMs);
            result = handler.handleRequest(context, request);
        } catch (RuntimeException e) {
            boundMs = maxHandlingMs;
            result = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<ApiResponse> answer = new CompletableFuture<>();
        if (!result.isDone()) {
            long bound = boundMs;
            ScheduledFuture<?> guard = timer.schedule(() -> answerTimedOut(context, handler, bound, answer),
                    bound, TimeUnit.MILLISECONDS);
            // Cancelling frees the answer at once rather than when the bound passes.
            answer.whenComplete((r, e) -> guard.cancel(false));
        }
        result.whenComplete((response, failure) -> {
            boolean first = failure != null ? answer.completeExceptionally(failure) : answer.complete(response);
            if (first) {
                inFlight.decrementAndGet();
            } else {
                log.warn("{} request {} from {}: {} answered after the broker had answered REQUEST_TIMED_OUT; "
                        + "its answer is dropped", context.header().apiKey(), context.header().correlationId(),
                        context.session().remote(), handler.getClass().getSimpleName());
            }
        });
        return answer;
    }

    private void answerTimedOut(RequestContext context, RequestHandler<?> handler, long boundMs,
                                CompletableFuture<ApiResponse> answer) {
        // First, so a handler that answers from now on sees nobody waits and gives back what it took.
        context.abandon();
        if (answer.completeExceptionally(new ApiException(Errors.REQUEST_TIMED_OUT,
                "The broker did not answer this request within " + boundMs + " ms"))) {
            inFlight.decrementAndGet();
            timedOut.incrementAndGet();
            log.error("{} request {} (version {}) from {} got no answer from {} within {} ms: answered "
                            + "REQUEST_TIMED_OUT in its place. A future of that handler was never completed (a bug).",
                    context.header().apiKey(), context.header().correlationId(), context.header().apiVersion(),
                    context.session().remote(), handler.getClass().getName(), boundMs);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE / 2 : sum;
    }
}
