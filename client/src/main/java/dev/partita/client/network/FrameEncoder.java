package dev.partita.client.network;

import dev.partita.protocol.frame.EncodedFrame;
import dev.partita.protocol.record.FileBackedRecords;
import dev.partita.protocol.record.MemoryRecords;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Writes an {@link EncodedFrame} without copying it: heap parts and {@link MemoryRecords} become
 * wrapped {@code ByteBuf}s, {@link FileBackedRecords} become {@link SharedFileRegion}s, which the
 * transport sends with sendfile (epoll and NIO; a TLS handler in front would need the bytes
 * instead). The frame's own buffers are not changed, so a frame can be written more than once.
 *
 * <p>Stateless and {@link Sharable}.
 */
@Sharable
public final class FrameEncoder extends MessageToMessageEncoder<EncodedFrame> {

    public FrameEncoder() {
        super(EncodedFrame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, EncodedFrame frame, List<Object> out) {
        for (Object part : frame.parts()) {
            if (part instanceof ByteBuffer buffer) {
                out.add(Unpooled.wrappedBuffer(buffer.duplicate()));
            } else if (part instanceof MemoryRecords records) {
                out.add(Unpooled.wrappedBuffer(records.buffer()));
            } else if (part instanceof FileBackedRecords records) {
                out.add(new SharedFileRegion(records.channel(), records.position(), records.sizeInBytes()));
            } else {
                throw new EncoderException("cannot write frame part " + part.getClass().getName());
            }
        }
    }
}
