package dev.partita.client.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.ByteBuffer;
import java.util.function.BiConsumer;

/**
 * The client pipeline: {@link FrameDecoder} (size-checked before any allocation) then a handler
 * that copies each response frame to the heap and hands it to the connection; {@link FrameEncoder}
 * writes request frames. Responses are copied because decoded fetch responses keep slices of the
 * frame (their records) after the Netty buffer is released.
 */
final class ConnectionInitializer extends ChannelInitializer<Channel> {

    private final int maxFrameBytes;
    private final BiConsumer<Channel, ByteBuffer> onFrame;
    private final BiConsumer<Channel, Throwable> onError;

    ConnectionInitializer(int maxFrameBytes, BiConsumer<Channel, ByteBuffer> onFrame, BiConsumer<Channel, Throwable> onError) {
        this.maxFrameBytes = maxFrameBytes;
        this.onFrame = onFrame;
        this.onError = onError;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline()
                .addLast("frameDecoder", new FrameDecoder(maxFrameBytes))
                .addLast("frameEncoder", new FrameEncoder())
                .addLast("responseHandler", new ResponseHandler());
    }

    private final class ResponseHandler extends SimpleChannelInboundHandler<ByteBuf> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            ByteBuffer copy = ByteBuffer.allocate(frame.readableBytes());
            frame.readBytes(copy);
            copy.flip();
            onFrame.accept(ctx.channel(), copy);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            onError.accept(ctx.channel(), cause);
        }
    }
}
