package dev.partita.client.network;

import dev.partita.client.ClientClosedException;
import dev.partita.protocol.frame.FrameCodec;
import dev.partita.protocol.frame.RequestHeader;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.ApiRequest;
import dev.partita.protocol.message.ApiResponse;
import dev.partita.protocol.message.Errors;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection to one broker, opened on first use, with pipelined requests matched to
 * responses by correlation id.
 *
 * <p>Lifecycle: {@code DISCONNECTED -> CONNECTING -> (handshake: ApiVersions, then SASL PLAIN when
 * configured) -> READY}; a lost connection goes back to {@code DISCONNECTED} and fails every
 * request written on it with a retriable {@code NETWORK_EXCEPTION} (the caller decides whether to
 * resend: the broker may or may not have processed it). The next {@link #send} reconnects, after
 * an exponential back-off that resets once a handshake succeeds. Requests sent while connecting
 * wait and are written once the handshake is done, in send order.
 *
 * <p>Every request has its own timeout, counted from {@link #send}; when it fires the request fails
 * with a retriable {@code REQUEST_TIMED_OUT} (a long-poll fetch is expected to take long; its
 * caller passes a longer timeout). When the request had been written, the connection closes too:
 * the broker answers a connection's requests in order, so every later request would queue behind
 * the missing answer; the others in flight fail with a retriable {@code NETWORK_EXCEPTION} and the
 * next {@link #send} connects afresh (after the reconnect back-off).
 *
 * <p>Thread-safety: {@link #send} and {@link #close} may be called from any thread; all state is
 * confined to the connection's event loop. Returned futures complete on that event loop, so their
 * dependent stages must not block.
 */
public final class BrokerConnection {

    private static final Logger log = LoggerFactory.getLogger(BrokerConnection.class);

    enum State { DISCONNECTED, CONNECTING, READY, CLOSED }

    private final BrokerEndpoint endpoint;
    private final EventLoop loop;
    private final ConnectionSettings settings;
    private final Bootstrap bootstrap;

    // Event-loop confined state.
    private State state = State.DISCONNECTED;
    private Channel channel;
    private ApiVersionTable versions = ApiVersionTable.initial();
    private int nextCorrelationId;
    private final Map<Integer, InFlightRequest> inFlight = new LinkedHashMap<>();
    private final ArrayDeque<InFlightRequest> waiting = new ArrayDeque<>();
    private long backoffMs;
    private long nextConnectNanos;
    private boolean connectScheduled;

    BrokerConnection(BrokerEndpoint endpoint, EventLoop loop, ConnectionSettings settings, Bootstrap bootstrap) {
        this.endpoint = endpoint;
        this.loop = loop;
        this.settings = settings;
        this.bootstrap = bootstrap;
        this.backoffMs = settings.reconnectBackoffMs();
    }

    public BrokerEndpoint endpoint() {
        return endpoint;
    }

    /** Sends with the configured request timeout. */
    public CompletableFuture<ApiResponse> send(ApiRequest request) {
        return send(request, settings.requestTimeoutMs());
    }

    /** Sends {@code request}; the future fails with {@code REQUEST_TIMED_OUT} after {@code timeoutMs}. */
    public CompletableFuture<ApiResponse> send(ApiRequest request, long timeoutMs) {
        InFlightRequest pending = new InFlightRequest(request, new CompletableFuture<>());
        try {
            loop.execute(() -> enqueue(pending, timeoutMs));
        } catch (RejectedExecutionException e) {
            pending.fail(new ClientClosedException("client is closed"));
        }
        return pending.future;
    }

    /** Closes the connection for good; pending and future requests fail with {@link ClientClosedException}. */
    public void close() {
        try {
            loop.execute(() -> {
                if (state == State.CLOSED) {
                    return;
                }
                state = State.CLOSED;
                failAll(new ClientClosedException("connection to " + endpoint + " closed"));
                if (channel != null) {
                    channel.close();
                    channel = null;
                }
            });
        } catch (RejectedExecutionException e) {
            // The event loop is already gone, and with it the channel.
        }
    }

    /** True when the handshake completed and the channel is open (a snapshot, for metrics and tests). */
    public boolean isReady() {
        return state == State.READY;
    }

    // ---------------------------------------------------------------- event loop only

    private void enqueue(InFlightRequest pending, long timeoutMs) {
        if (state == State.CLOSED) {
            pending.fail(new ClientClosedException("connection to " + endpoint + " closed"));
            return;
        }
        pending.timeout = loop.schedule(() -> expire(pending), timeoutMs, TimeUnit.MILLISECONDS);
        if (state == State.READY) {
            write(pending);
        } else {
            waiting.add(pending);
            maybeConnect();
        }
    }

    private void maybeConnect() {
        if (state != State.DISCONNECTED || connectScheduled) {
            return;
        }
        long delayNanos = nextConnectNanos - System.nanoTime();
        if (delayNanos > 0) {
            connectScheduled = true;
            loop.schedule(() -> {
                connectScheduled = false;
                if (!waiting.isEmpty()) {
                    maybeConnect();
                }
            }, delayNanos, TimeUnit.NANOSECONDS);
            return;
        }
        state = State.CONNECTING;
        versions = ApiVersionTable.initial();
        log.debug("connecting to {}", endpoint);
        ChannelFuture connect = bootstrap.clone(loop)
                .handler(new ConnectionInitializer(settings.maxFrameBytes(), this::onFrame, this::onChannelError))
                .connect(endpoint.host(), endpoint.port());
        channel = connect.channel();
        connect.addListener(f -> {
            if (f.isSuccess()) {
                onConnected(connect.channel());
            } else {
                onConnectFailed(connect.channel(), f.cause());
            }
        });
    }

    private void onConnected(Channel ch) {
        if (ch != channel || state != State.CONNECTING) {
            ch.close();
            return;
        }
        ch.closeFuture().addListener(f -> onChannelClosed(ch));
        new ConnectionHandshake(settings, endpoint, this::writeHandshake, table -> versions = table).run().whenComplete((table, error) -> {
            if (ch != channel || state != State.CONNECTING) {
                return;
            }
            if (error != null) {
                Throwable cause = Futures.unwrap(error);
                // Detach first, so the close below is not handled as a second failure.
                channel = null;
                state = State.DISCONNECTED;
                backOff();
                failAll(cause instanceof ApiException ? cause : networkError("handshake with " + endpoint + " failed", cause));
                ch.close();
                return;
            }
            versions = table;
            state = State.READY;
            backoffMs = settings.reconnectBackoffMs();
            log.debug("connected to {}", endpoint);
            while (!waiting.isEmpty() && state == State.READY) {
                write(waiting.poll());
            }
        });
    }

    private void onConnectFailed(Channel ch, Throwable cause) {
        if (ch != channel) {
            return;
        }
        log.debug("cannot connect to {}: {}", endpoint, cause.toString());
        channel = null;
        if (state == State.CLOSED) {
            return;
        }
        state = State.DISCONNECTED;
        backOff();
        failAll(networkError("cannot connect to " + endpoint, cause));
    }

    private void onChannelClosed(Channel ch) {
        if (ch != channel) {
            return;
        }
        channel = null;
        if (state == State.CLOSED) {
            return;
        }
        log.debug("connection to {} lost", endpoint);
        if (state == State.CONNECTING) {
            backOff();
        } else {
            nextConnectNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs);
        }
        state = State.DISCONNECTED;
        failAll(networkError("connection to " + endpoint + " lost", null));
    }

    private void backOff() {
        nextConnectNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs);
        backoffMs = Math.min(backoffMs * 2, settings.reconnectBackoffMaxMs());
    }

    /** Writes a handshake request before the connection is READY; its future completes on the loop. */
    private CompletableFuture<ApiResponse> writeHandshake(ApiRequest request) {
        InFlightRequest pending = new InFlightRequest(request, new CompletableFuture<>());
        pending.timeout = loop.schedule(() -> expire(pending), settings.requestTimeoutMs(), TimeUnit.MILLISECONDS);
        write(pending);
        return pending.future;
    }

    private void write(InFlightRequest pending) {
        if (pending.future.isDone()) {
            return; // timed out while waiting
        }
        OptionalInt version = versions.version(pending.request.apiKey());
        if (version.isEmpty()) {
            pending.fail(Errors.UNSUPPORTED_VERSION.exception(
                    endpoint + " does not support " + pending.request.apiKey() + " at a version this client speaks"));
            return;
        }
        Channel ch = channel;
        if (ch == null) {
            pending.fail(networkError("connection to " + endpoint + " lost", null));
            return;
        }
        pending.correlationId = nextCorrelationId++ & Integer.MAX_VALUE;
        pending.apiVersion = (short) version.getAsInt();
        RequestHeader header = new RequestHeader(pending.request.apiKey(), pending.apiVersion, pending.correlationId);
        try {
            Object frame = FrameCodec.encodeRequest(header, pending.request);
            inFlight.put(pending.correlationId, pending);
            ch.writeAndFlush(frame).addListener(f -> {
                if (!f.isSuccess() && inFlight.remove(pending.correlationId) == pending) {
                    pending.fail(networkError("write to " + endpoint + " failed", f.cause()));
                    ch.close();
                }
            });
        } catch (RuntimeException e) {
            // Encoding failed: the request itself is bad (e.g. too large); the connection is fine.
            inFlight.remove(pending.correlationId);
            pending.fail(e);
        }
    }

    private void onFrame(Channel ch, ByteBuffer frame) {
        if (ch != channel) {
            return;
        }
        int correlationId;
        try {
            correlationId = FrameCodec.peekCorrelationId(frame.duplicate());
        } catch (RuntimeException e) {
            log.warn("malformed response frame from {}; closing the connection", endpoint, e);
            ch.close();
            return;
        }
        InFlightRequest pending = inFlight.remove(correlationId);
        if (pending == null) {
            log.debug("dropping response {} from {}: its request timed out", correlationId, endpoint);
            return;
        }
        ApiResponse response;
        try {
            response = FrameCodec.decodeResponse(pending.request.apiKey(), pending.apiVersion, frame);
        } catch (dev.partita.protocol.frame.ErrorResponseException e) {
            pending.fail(e.error().exception(e.getMessage()));
            return;
        } catch (RuntimeException e) {
            log.warn("malformed {} response from {}; closing the connection", pending.request.apiKey(), endpoint, e);
            pending.fail(networkError("malformed response from " + endpoint, e));
            ch.close();
            return;
        }
        pending.complete(response);
    }

    private void onChannelError(Channel ch, Throwable cause) {
        log.debug("closing connection to {}: {}", endpoint, cause.toString());
        ch.close();
    }

    private void expire(InFlightRequest pending) {
        if (pending.future.isDone()) {
            return;
        }
        boolean written = pending.correlationId >= 0 && inFlight.remove(pending.correlationId) == pending;
        if (!written) {
            waiting.remove(pending);
        }
        pending.fail(Errors.REQUEST_TIMED_OUT.exception(
                pending.request.apiKey() + " to " + endpoint + " got no response in time"));
        Channel ch = channel;
        if (written && ch != null) {
            // The broker answers a connection's requests in order: every later request would queue
            // behind the missing answer. Later requests go over a fresh connection instead; those
            // still in flight here fail with a retriable NETWORK_EXCEPTION (as a lost connection).
            log.warn("{} request {} to {} got no response in time; closing the connection",
                    pending.request.apiKey(), pending.correlationId, endpoint);
            ch.close();
        }
    }

    private void failAll(Throwable cause) {
        List<InFlightRequest> all = new ArrayList<>(inFlight.values());
        all.addAll(waiting);
        inFlight.clear();
        waiting.clear();
        for (InFlightRequest pending : all) {
            pending.fail(cause);
        }
    }

    private static ApiException networkError(String message, Throwable cause) {
        String text = cause == null ? message : message + ": " + cause;
        return new dev.partita.protocol.message.RetriableException(Errors.NETWORK_EXCEPTION, text, cause);
    }

    @Override
    public String toString() {
        return "BrokerConnection(" + endpoint + ")";
    }
}
