package dev.partita.client.network;

import dev.partita.protocol.frame.FrameCodec;
import dev.partita.protocol.frame.FrameTooLargeException;
import dev.partita.protocol.frame.InvalidFrameException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts the inbound byte stream into frames: reads the 4-byte size prefix, checks it against
 * {@link FrameCodec#MIN_FRAME_BYTES} and the configured maximum <em>before</em> buffering any byte
 * of the body, and emits one {@link ByteBuf} per complete frame holding the bytes after the
 * prefix. A partial frame is never emitted; several frames in one read are all emitted.
 *
 * <p>A size prefix out of bounds means a broken or hostile peer: the decoder fires a
 * {@link FrameTooLargeException} (size above the maximum) or an {@link InvalidFrameException}
 * (negative or below the minimum) down the pipeline, closes the channel and discards whatever
 * else arrives. Nothing proportional to the announced size is ever allocated.
 *
 * <p>Each emitted frame is a retained slice of the inbound buffer: the next handler owns it and
 * must release it, and must keep it unreleased as long as anything decoded from it (records are
 * slices of the frame, not copies) is in use. Not sharable: one instance per channel.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    private final int maxFrameBytes;
    private boolean failed;

    /**
     * @param maxFrameBytes the largest size prefix accepted (bytes after the prefix), e.g.
     *                      {@link FrameCodec#DEFAULT_MAX_FRAME_BYTES}
     */
    public FrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes < FrameCodec.MIN_FRAME_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes " + maxFrameBytes + " is below the smallest frame ("
                    + FrameCodec.MIN_FRAME_BYTES + " bytes)");
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= FrameCodec.SIZE_PREFIX_BYTES) {
            int size = in.getInt(in.readerIndex());
            InvalidFrameException problem = checkSize(size);
            if (problem != null) {
                fail(ctx, in, problem);
                return;
            }
            if (in.readableBytes() < FrameCodec.SIZE_PREFIX_BYTES + size) {
                return; // wait for the rest; the size is known to be acceptable
            }
            in.skipBytes(FrameCodec.SIZE_PREFIX_BYTES);
            out.add(in.readRetainedSlice(size));
        }
    }

    private InvalidFrameException checkSize(int size) {
        if (size > maxFrameBytes) {
            return new FrameTooLargeException(size, maxFrameBytes);
        }
        if (size < FrameCodec.MIN_FRAME_BYTES) {
            return new InvalidFrameException("frame size " + size + " is below the minimum of "
                    + FrameCodec.MIN_FRAME_BYTES + " bytes");
        }
        return null;
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, InvalidFrameException problem) {
        failed = true;
        in.skipBytes(in.readableBytes());
        ctx.fireExceptionCaught(problem);
        ctx.close();
    }
}
