package dev.partita.broker.server;

import dev.partita.protocol.frame.FrameCodec;
import dev.partita.protocol.frame.UnsupportedApiException;
import dev.partita.protocol.message.Errors;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one request frame (a {@link ByteBuf} without its size prefix, from the frame decoder) into
 * a {@code DecodedRequest}. A request of an unknown API key or version becomes a
 * {@link RejectedRequest}, answered with {@code UNSUPPORTED_VERSION} in its turn; a malformed frame
 * closes this connection and nothing else.
 *
 * <p>The frame is copied to the heap once, so decoded records stay valid after the pooled buffer
 * goes back to Netty. One instance per connection, used on its event loop only.
 */
final class RequestDecoder extends MessageToMessageDecoder<ByteBuf> {

    private static final Logger log = LoggerFactory.getLogger(RequestDecoder.class);

    private boolean failed;

    RequestDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        if (failed) {
            return;
        }
        ByteBuffer heap = ByteBuffer.allocate(frame.readableBytes());
        frame.readBytes(heap);
        heap.flip();
        try {
            out.add(FrameCodec.decodeRequest(heap));
        } catch (UnsupportedApiException e) {
            out.add(new RejectedRequest(e.correlationId(), Errors.UNSUPPORTED_VERSION, e.getMessage()));
        } catch (RuntimeException e) { // InvalidFrameException, or a decoder bug on hostile input
            // Malformed bytes: we can no longer trust where the next frame starts. Close this one.
            failed = true;
            log.warn("Closing connection from {}: malformed request frame: {}", ctx.channel().remoteAddress(), e.toString());
            ctx.close();
        }
    }

    /**
     * A request that gets an error response without reaching a handler.
     *
     * @param correlationId the id read from its header
     * @param error what to answer
     * @param message details for the client
     */
    record RejectedRequest(int correlationId, Errors error, String message) {
    }
}
