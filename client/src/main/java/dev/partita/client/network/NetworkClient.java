package dev.partita.client.network;

import dev.partita.client.ClientClosedException;
import dev.partita.protocol.message.ApiRequest;
import dev.partita.protocol.message.ApiResponse;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The client's connections: at most one {@link BrokerConnection} per broker address, created on
 * first use and kept until {@link #close()}. Each connection is pinned to one event loop of the
 * shared group.
 *
 * <p>Thread-safe. Returned futures complete on an event loop thread (see {@link BrokerConnection}).
 */
public final class NetworkClient implements AutoCloseable {

    private final ConnectionSettings settings;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final ConcurrentMap<BrokerEndpoint, BrokerConnection> connections = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Uses {@code group} (owned by the caller) for every connection. */
    public NetworkClient(ConnectionSettings settings, EventLoopGroup group, Transport transport) {
        this.settings = settings;
        this.group = group;
        this.bootstrap = new Bootstrap()
                .channel(transport.socketChannelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, settings.connectTimeoutMs());
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** The connection to {@code endpoint}, created (not yet connected) on first call. */
    public BrokerConnection connection(BrokerEndpoint endpoint) {
        if (closed) {
            throw new ClientClosedException("network client is closed");
        }
        BrokerConnection connection = connections.computeIfAbsent(endpoint,
                e -> new BrokerConnection(e, group.next(), settings, bootstrap));
        if (closed) {
            connection.close();
        }
        return connection;
    }

    public CompletableFuture<ApiResponse> send(BrokerEndpoint endpoint, ApiRequest request) {
        return send(endpoint, request, settings.requestTimeoutMs());
    }

    public CompletableFuture<ApiResponse> send(BrokerEndpoint endpoint, ApiRequest request, long timeoutMs) {
        if (closed) {
            return Futures.failed(new ClientClosedException("network client is closed"));
        }
        return connection(endpoint).send(request, timeoutMs);
    }

    /** Sends and casts the response to the type the request's API answers with. */
    public <R extends ApiResponse> CompletableFuture<R> send(BrokerEndpoint endpoint, ApiRequest request, Class<R> responseType) {
        return send(endpoint, request, responseType, settings.requestTimeoutMs());
    }

    public <R extends ApiResponse> CompletableFuture<R> send(BrokerEndpoint endpoint, ApiRequest request,
                                                             Class<R> responseType, long timeoutMs) {
        return send(endpoint, request, timeoutMs).thenApply(responseType::cast);
    }

    /** True when a connection to {@code endpoint} exists and finished its handshake. */
    public boolean isReady(BrokerEndpoint endpoint) {
        BrokerConnection connection = connections.get(endpoint);
        return connection != null && connection.isReady();
    }

    /** Closes every connection; later sends fail with {@link ClientClosedException}. Idempotent. */
    @Override
    public void close() {
        closed = true;
        connections.values().forEach(BrokerConnection::close);
    }
}
