package dev.partita.client;

import dev.partita.client.network.BrokerEndpoint;
import dev.partita.client.network.FrameDecoder;
import dev.partita.client.network.FrameEncoder;
import dev.partita.protocol.frame.DecodedRequest;
import dev.partita.protocol.frame.FrameCodec;
import dev.partita.protocol.frame.RequestHeader;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ApiRequest;
import dev.partita.protocol.message.ApiResponse;
import dev.partita.protocol.message.ApiVersionsResponse;
import dev.partita.protocol.message.Errors;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted broker on a real loopback socket, the test double of the client's peer (like Qpid
 * JMS's test peer). It decodes request frames with the production {@link FrameCodec} and hands
 * each to the {@link Responder} registered for its API; a responder may answer at once, later
 * (the {@link Exchange} can be kept), with a request-level error, with raw bytes, or close the
 * connection. ApiVersions is answered by default with every API this build speaks.
 *
 * <p>Thread-safe: responders run on the fake's event loop; the test thread registers responders
 * and reads {@link #received()}.
 */
public final class FakeBroker implements AutoCloseable {

    /** One request and the means to answer it. */
    public static final class Exchange {
        private final Channel channel;
        private final RequestHeader header;
        private final ApiRequest request;

        Exchange(Channel channel, RequestHeader header, ApiRequest request) {
            this.channel = channel;
            this.header = header;
            this.request = request;
        }

        public RequestHeader header() { return header; }
        public ApiRequest request() { return request; }

        public <T extends ApiRequest> T request(Class<T> type) { return type.cast(request); }

        public void respond(ApiResponse response) {
            channel.writeAndFlush(FrameCodec.encodeResponse(header.correlationId(), header.apiVersion(), response));
        }

        public void respondError(Errors error, String message) {
            channel.writeAndFlush(FrameCodec.encodeErrorResponse(header.correlationId(), error, message));
        }

        /** Writes bytes as they are, bypassing the frame encoder's framing. */
        public void writeRaw(byte[] bytes) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
        }

        public void closeConnection() {
            channel.close();
        }
    }

    @FunctionalInterface
    public interface Responder {
        void handle(Exchange exchange);
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Map<ApiKey, Responder> responders = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<DecodedRequest> received = new LinkedBlockingQueue<>();
    private final List<DecodedRequest> log = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final int nodeId;
    private Channel server;

    private FakeBroker(int nodeId, int port) {
        this.nodeId = nodeId;
        responders.put(ApiKey.API_VERSIONS, ex -> ex.respond(allVersions()));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        clients.add(ch);
                        ch.pipeline()
                                .addLast(new FrameDecoder(FrameCodec.DEFAULT_MAX_FRAME_BYTES))
                                .addLast(new FrameEncoder())
                                .addLast(new RequestHandler());
                    }
                });
        server = bootstrap.bind("127.0.0.1", port).syncUninterruptibly().channel();
    }

    /** Starts a fake broker with id 0 on a free port. */
    public static FakeBroker start() {
        return new FakeBroker(0, 0);
    }

    public static FakeBroker start(int nodeId) {
        return new FakeBroker(nodeId, 0);
    }

    public static ApiVersionsResponse allVersions() {
        List<ApiVersionsResponse.ApiVersion> versions = new ArrayList<>();
        for (ApiKey key : ApiKey.values()) {
            versions.add(new ApiVersionsResponse.ApiVersion(key.id(), key.minVersion(), key.maxVersion()));
        }
        return new ApiVersionsResponse(versions);
    }

    public int nodeId() {
        return nodeId;
    }

    public int port() {
        return ((java.net.InetSocketAddress) server.localAddress()).getPort();
    }

    public BrokerEndpoint endpoint() {
        return new BrokerEndpoint("127.0.0.1", port());
    }

    public String bootstrap() {
        return endpoint().toString();
    }

    public FakeBroker on(ApiKey key, Responder responder) {
        responders.put(key, responder);
        return this;
    }

    /** Requests in arrival order; tests take from it with a timeout. */
    public LinkedBlockingQueue<DecodedRequest> received() {
        return received;
    }

    /** Every request received so far (not consumed by {@link #takeRequest}). */
    public List<DecodedRequest> log() {
        return List.copyOf(log);
    }

    public DecodedRequest takeRequest(ApiKey key) throws InterruptedException {
        while (true) {
            DecodedRequest request = received.poll(10, TimeUnit.SECONDS);
            if (request == null) {
                throw new AssertionError("no " + key + " request within 10 s");
            }
            if (request.header().apiKey() == key) {
                return request;
            }
        }
    }

    /** Connections accepted so far. */
    public int connectionCount() {
        return connections.get();
    }

    /** Drops every client connection (the listener stays). */
    public void dropConnections() {
        clients.close().syncUninterruptibly();
    }

    @Override
    public void close() {
        if (group.isShuttingDown()) {
            return;
        }
        server.close().syncUninterruptibly();
        clients.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class RequestHandler extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            ByteBuffer copy = ByteBuffer.allocate(frame.readableBytes());
            frame.readBytes(copy);
            copy.flip();
            DecodedRequest decoded = FrameCodec.decodeRequest(copy);
            log.add(decoded);
            received.add(decoded);
            Responder responder = responders.get(decoded.header().apiKey());
            Exchange exchange = new Exchange(ctx.channel(), decoded.header(), decoded.request());
            if (responder == null) {
                exchange.respondError(Errors.UNSUPPORTED_VERSION, "fake broker has no responder for " + decoded.header().apiKey());
            } else {
                responder.handle(exchange);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
