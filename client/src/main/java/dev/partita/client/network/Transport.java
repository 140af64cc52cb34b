package dev.partita.client.network;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Netty transport the client runs on: native epoll where {@link Epoll#isAvailable()}, NIO
 * otherwise. Chosen once per event loop group; the channel class must match the group's I/O
 * handler.
 */
public final class Transport {

    private final boolean epoll;

    private Transport(boolean epoll) {
        this.epoll = epoll;
    }

    /** Epoll when the native library loads on this platform, else NIO. */
    public static Transport best() {
        return new Transport(Epoll.isAvailable());
    }

    /** Always NIO (tests that must behave the same everywhere). */
    public static Transport nio() {
        return new Transport(false);
    }

    public boolean isEpoll() {
        return epoll;
    }

    /** A group of {@code threads} event loops whose daemon threads are named {@code namePrefix + N}. */
    public EventLoopGroup newEventLoopGroup(int threads, String namePrefix) {
        IoHandlerFactory handler = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, namedThreads(namePrefix), handler);
    }

    public Class<? extends SocketChannel> socketChannelClass() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    static ThreadFactory namedThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            // FastThreadLocalThread lets Netty's thread-local caches take their fast path.
            Thread thread = new FastThreadLocalThread(runnable, prefix + counter.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public String toString() {
        return epoll ? "epoll" : "nio";
    }
}
