package dev.partita.broker.server;

import dev.partita.protocol.frame.EncodedFrame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.ArrayDeque;

/**
 * One connection's share of {@link RequestMemory}: sits between the frame decoder and the request
 * decoder, counts each request frame's bytes when it is read and frees them when its response
 * ({@link EncodedFrame}) is written (the connection answers one response per request, in request
 * order, so the oldest count is the one answered). When the broker-wide total reaches the limit
 * it stops reading from this connection (auto-read off) until answers on any connection free
 * memory. A connection holding less than {@code exemptBytes} of unanswered requests is never
 * paused: a consumer's acknowledgements and polls are small, and may be what lets the broker
 * answer the large requests (a produce held at a full destination waits for consumers).
 *
 * <p>Confined to the connection's event loop, except {@link #roomAvailable}, which hops onto it.
 */
final class RequestMemoryGate extends ChannelDuplexHandler {

    /** Counted per request beside its frame bytes: the decoded request's objects. */
    static final int REQUEST_OVERHEAD = 256;

    /** Unanswered bytes under which a connection is never paused (see the class comment). */
    static final long DEFAULT_EXEMPT_BYTES = 1 << 20;

    private final RequestMemory memory;
    private final long exemptBytes;
    private final ArrayDeque<Long> unanswered = new ArrayDeque<>();
    private long unansweredBytes;
    private ChannelHandlerContext ctx;
    private boolean paused; // reading stopped by this gate
    private boolean stopped; // the broker stops reading for good (shutdown)

    RequestMemoryGate(RequestMemory memory, long exemptBytes) {
        this.memory = memory;
        this.exemptBytes = exemptBytes;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf frame) {
            long bytes = frame.readableBytes() + (long) REQUEST_OVERHEAD;
            unanswered.add(bytes);
            unansweredBytes += bytes;
            if (memory.add(bytes) && unansweredBytes >= exemptBytes) {
                // Also when already paused: the connection handler may have turned reading back on
                // for its own reasons (its count of unanswered requests went down).
                pause();
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof EncodedFrame) {
            Long bytes = unanswered.poll();
            if (bytes != null) {
                unansweredBytes -= bytes;
                memory.release(bytes);
            }
        }
        ctx.write(msg, promise);
    }

    private void pause() {
        paused = true;
        ctx.channel().config().setAutoRead(false);
        if (!memory.awaitRoom(this)) {
            resume();
        }
    }

    /** Called by {@link RequestMemory} on any thread once the total went below the limit. */
    void roomAvailable() {
        ctx.executor().execute(() -> {
            if (!paused) {
                return;
            }
            if (memory.awaitRoom(this)) {
                return; // filled up again meanwhile: still waiting
            }
            resume();
        });
    }

    private void resume() {
        paused = false;
        if (!stopped && ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** Graceful shutdown: never turn reading back on. */
    void stopReading() {
        stopped = true;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseAll();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseAll();
    }

    private void releaseAll() {
        memory.forget(this);
        long total = unansweredBytes;
        unanswered.clear();
        unansweredBytes = 0;
        if (total > 0) {
            memory.release(total);
        }
    }

    /** Bytes of this connection's requests not answered yet (for tests). */
    long unansweredBytes() {
        return unansweredBytes;
    }
}
