package dev.partita.client.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.protocol.frame.DecodedRequest;
import dev.partita.protocol.frame.FrameCodec;
import dev.partita.protocol.frame.RequestHeader;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ApiResponse;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.FetchRequest;
import dev.partita.protocol.message.FetchResponse;
import dev.partita.protocol.message.IsolationLevel;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.MemoryRecords;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The frame pipeline over real TCP on loopback: a "broker" answers fetch requests with records
 * straight from a file (a {@link SharedFileRegion}, sent with sendfile), a "client" decodes the
 * frames. The file's bytes arrive intact, frame after frame, and the file stays open. Runs on NIO
 * and, where the native library loads, on epoll, whose sendfile path takes only
 * {@code DefaultFileRegion}s.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FramePipelineIT {

    private static final int RECORDS_POSITION = 777;
    private static final int RECORDS_SIZE = 300_000;

    @TempDir
    Path dir;

    private EventLoopGroup group;
    private FileChannel segment;
    private byte[] content;

    /** The transports the broker and the client run on. */
    enum Transport {
        NIO, EPOLL;

        boolean available() {
            return this == NIO || Epoll.isAvailable();
        }
    }

    @BeforeEach
    void start() throws IOException {
        content = new byte[1_000_000];
        new Random(7).nextBytes(content);
        segment = FileChannel.open(Files.write(dir.resolve("segment.log"), content), StandardOpenOption.READ);
    }

    @AfterEach
    void stop() throws IOException {
        if (group != null) {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
        segment.close();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void fileRegionsArriveIntactAndTheSegmentStaysOpen(Transport transport) throws Exception {
        Assumptions.assumeTrue(transport.available(), "epoll is not available here");
        boolean epoll = transport == Transport.EPOLL;
        group = new MultiThreadIoEventLoopGroup(2, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Class<? extends ServerChannel> serverType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        Class<? extends Channel> clientType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;

        Channel server = new ServerBootstrap().group(group).channel(serverType)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new FrameEncoder(), new FrameDecoder(FrameCodec.DEFAULT_MAX_FRAME_BYTES),
                                new FetchFromFileHandler());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();

        BlockingQueue<ApiResponse> responses = new LinkedBlockingQueue<>();
        Channel client = new Bootstrap().group(group).channel(clientType)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new FrameEncoder(), new FrameDecoder(FrameCodec.DEFAULT_MAX_FRAME_BYTES),
                                new SimpleChannelInboundHandler<ByteBuf>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
                                        ByteBuffer copy = ByteBuffer.allocate(frame.readableBytes());
                                        frame.readBytes(copy);
                                        responses.add(FrameCodec.decodeResponse(ApiKey.FETCH, (short) 0, copy.flip()));
                                    }
                                });
                    }
                })
                .connect(server.localAddress()).sync().channel();
        try {
            FetchRequest request = new FetchRequest(FetchRequest.CONSUMER_REPLICA_ID, 0, 1, 1 << 20,
                    IsolationLevel.READ_UNCOMMITTED, List.of());
            for (int i = 0; i < 5; i++) {
                client.writeAndFlush(FrameCodec.encodeRequest(RequestHeader.latest(ApiKey.FETCH, i), request)).sync();
            }

            byte[] expected = new byte[RECORDS_SIZE];
            System.arraycopy(content, RECORDS_POSITION, expected, 0, RECORDS_SIZE);
            for (int i = 0; i < 5; i++) {
                ApiResponse response = responses.poll(30, TimeUnit.SECONDS);
                assertThat(response).as("response %d", i).isInstanceOf(FetchResponse.class);
                FetchResponse.PartitionFetchData data = ((FetchResponse) response).topics().get(0).partitions().get(0);
                ByteBuffer received = ((MemoryRecords) data.records()).buffer();
                byte[] actual = new byte[received.remaining()];
                received.get(actual);
                assertThat(actual).as("records of response %d", i).isEqualTo(expected);
            }
            assertThat(segment.isOpen()).isTrue();
        } finally {
            client.close().sync();
            server.close().sync();
        }
    }

    /** Answers every fetch with the same region of the segment file. */
    private final class FetchFromFileHandler extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            DecodedRequest decoded = FrameCodec.decodeRequest(frame.nioBuffer());
            FetchResponse response = new FetchResponse(List.of(new FetchResponse.FetchableTopicResponse(
                    TopicKey.topic("t"), List.of(new FetchResponse.PartitionFetchData(0, Errors.NONE, 1, 1, 0,
                    new TestFileRecords(segment, RECORDS_POSITION, RECORDS_SIZE))))));
            ctx.writeAndFlush(FrameCodec.encodeResponse(decoded.header().correlationId(), (short) 0, response));
        }
    }
}
