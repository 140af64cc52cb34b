package dev.partita.broker.server;

import dev.partita.broker.NamedThreadFactory;
import dev.partita.client.network.FrameDecoder;
import dev.partita.client.network.FrameEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's TCP listener. One boss thread ({@code partita-net-boss}) accepts; the worker event
 * loops ({@code partita-net-N}) run each connection's pipeline:
 *
 * <pre>
 *   in:  FrameDecoder(max frame) -> RequestMemoryGate (broker-wide unanswered request bytes)
 *        -> RequestDecoder -> ConnectionHandler (auth, dispatch, ordering)
 *   out: FrameEncoder (EncodedFrame -> ByteBufs, file-backed records as zero-copy FileRegions)
 * </pre>
 *
 * Uses epoll when the native transport loads, NIO otherwise. Lifecycle: {@link #start} once,
 * {@link #stopAccepting}, {@link #pauseReading}, then {@link #close}; the methods are thread-safe.
 */
public final class NettyServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NettyServer.class);

    private final RequestDispatcher dispatcher;
    private final int maxFrameBytes;
    private final int ioThreads;
    private final RequestMemory requestMemory;
    private final ChannelGroup connections = new DefaultChannelGroup("partita-connections", GlobalEventExecutor.INSTANCE);
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;
    private InetSocketAddress boundAddress;

    /**
     * @param maxInFlightRequestBytes bytes of requests read and not yet answered, over all
     *                                connections, at which the broker stops reading ({@link RequestMemory})
     */
    public NettyServer(RequestDispatcher dispatcher, int maxFrameBytes, int ioThreads, long maxInFlightRequestBytes) {
        this.dispatcher = dispatcher;
        this.maxFrameBytes = maxFrameBytes;
        this.ioThreads = ioThreads;
        this.requestMemory = new RequestMemory(maxInFlightRequestBytes);
    }

    /** Bytes of requests read and not yet answered, over all connections. */
    public long inFlightRequestBytes() {
        return requestMemory.used();
    }

    /** Binds and starts accepting; returns the bound address (the real port when 0 was asked). */
    public synchronized InetSocketAddress start(String host, int port) throws InterruptedException {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        bossGroup = new MultiThreadIoEventLoopGroup(1,
                NamedThreadFactory.single("partita-net-boss", FastThreadLocalThread::new), io);
        workerGroup = new MultiThreadIoEventLoopGroup(ioThreads,
                NamedThreadFactory.numbered("partita-net", FastThreadLocalThread::new), io);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline()
                                .addLast("frame-encoder", new FrameEncoder())
                                .addLast("frame-decoder", new FrameDecoder(maxFrameBytes))
                                .addLast("request-memory", new RequestMemoryGate(requestMemory, RequestMemoryGate.DEFAULT_EXEMPT_BYTES))
                                .addLast("request-decoder", new RequestDecoder())
                                .addLast("connection", new ConnectionHandler(dispatcher));
                    }
                });
        try {
            serverChannel = bootstrap.bind(host, port).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            shutdownGroups();
            throw e;
        }
        boundAddress = (InetSocketAddress) serverChannel.localAddress();
        log.info("Listening on {} ({} transport, {} I/O threads)", boundAddress, epoll ? "epoll" : "NIO", ioThreads);
        return boundAddress;
    }

    public synchronized InetSocketAddress boundAddress() {
        return boundAddress;
    }

    /** Closes the listening socket: no new connections; existing ones go on. */
    public synchronized void stopAccepting() {
        if (serverChannel != null && serverChannel.isOpen()) {
            serverChannel.close().syncUninterruptibly();
        }
    }

    /** Stops reading new requests on every connection; responses to earlier ones still go out. */
    public void pauseReading() {
        for (Channel ch : connections) {
            ch.eventLoop().execute(() -> {
                RequestMemoryGate gate = ch.pipeline().get(RequestMemoryGate.class);
                if (gate != null) {
                    gate.stopReading();
                }
                ConnectionHandler handler = ch.pipeline().get(ConnectionHandler.class);
                if (handler != null) {
                    handler.stopReading();
                }
            });
        }
    }

    /** Number of open client connections. */
    public int connectionCount() {
        return connections.size();
    }

    /** Closes every connection and stops the event loops. Idempotent. */
    @Override
    public synchronized void close() {
        stopAccepting();
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        shutdownGroups();
    }

    private void shutdownGroups() {
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
