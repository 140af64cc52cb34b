package dev.partita.broker.server;

import dev.partita.broker.server.RequestDecoder.RejectedRequest;
import dev.partita.protocol.frame.DecodedRequest;
import dev.partita.protocol.frame.EncodedFrame;
import dev.partita.protocol.frame.FrameCodec;
import dev.partita.protocol.frame.RequestHeader;
import dev.partita.protocol.message.ApiResponse;
import dev.partita.protocol.message.Errors;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: hands each decoded request to the dispatcher and writes the responses
 * back <em>in request order</em>, whatever order they complete in (clients pipeline requests and
 * match responses by position as well as by correlation id). Too many unanswered requests pause
 * reading from the socket until some are answered. The dispatcher bounds every request, so one
 * lost answer cannot hold the queue (and the connection) forever.
 *
 * <p>All state is confined to the connection's event loop; completions from other threads hop
 * onto it.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

    /** Unanswered requests at which reading pauses; reading resumes below half of it. */
    static final int MAX_IN_FLIGHT = 256;

    private final RequestDispatcher dispatcher;
    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    private ClientSession session;
    private ChannelHandlerContext ctx;
    private boolean stopped;
    private boolean closeAfterFlush;

    ConnectionHandler(RequestDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        SocketAddress remote = ctx.channel().remoteAddress();
        this.session = new ClientSession(String.valueOf(remote), dispatcher.authenticator());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (stopped) {
            return;
        }
        if (msg instanceof RejectedRequest rejected) {
            Pending p = new Pending(rejected.correlationId(), (short) 0);
            inFlight.add(p);
            p.frame = FrameCodec.encodeErrorResponse(rejected.correlationId(), rejected.error(), rejected.message());
            writeReady();
        } else if (msg instanceof DecodedRequest decoded) {
            RequestHeader header = decoded.header();
            Pending p = new Pending(header.correlationId(), header.apiVersion());
            inFlight.add(p);
            RequestContext context = new RequestContext(header, session);
            CompletableFuture<ApiResponse> response = dispatcher.dispatch(context, decoded.request(), ctx.executor());
            if (response.isDone()) {
                complete(p, response);
            } else {
                response.whenComplete((r, e) -> ctx.executor().execute(() -> complete(p, response)));
            }
        }
        if (inFlight.size() >= MAX_IN_FLIGHT && ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    private void complete(Pending p, CompletableFuture<ApiResponse> response) {
        try {
            p.frame = FrameCodec.encodeResponse(p.correlationId, p.apiVersion, response.join());
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            ResponseError error = ResponseError.of(cause);
            if (error.error() == Errors.UNKNOWN_SERVER_ERROR) {
                log.warn("Request {} from {} failed", p.correlationId, session.remote(), cause);
            }
            p.frame = FrameCodec.encodeErrorResponse(p.correlationId, error.error(), error.message());
            if (error.closeConnection()) {
                closeAfterFlush = true;
            }
        }
        writeReady();
    }

    /** Writes every response at the head of the queue that is ready, then flushes once. */
    private void writeReady() {
        if (!ctx.channel().isActive()) {
            inFlight.clear(); // the client is gone: nobody reads these answers
            return;
        }
        boolean wrote = false;
        while (!inFlight.isEmpty() && inFlight.peek().frame != null) {
            ctx.write(inFlight.poll().frame, ctx.voidPromise());
            wrote = true;
        }
        if (closeAfterFlush || session.mustClose()) {
            // Close only once what was written has reached the socket, so the client reads why.
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            stopped = true;
            return;
        }
        if (wrote) {
            ctx.flush();
        }
        if (!stopped && inFlight.size() < MAX_IN_FLIGHT / 2 && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** Graceful shutdown: read no more requests; earlier ones are still answered. */
    void stopReading() {
        stopped = true;
        ctx.channel().config().setAutoRead(false);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.closed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Oversize or malformed frames, resets: this connection ends, the broker goes on.
        log.warn("Closing connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /** A request awaiting its turn on the wire. */
    private static final class Pending {
        final int correlationId;
        final short apiVersion;
        EncodedFrame frame;

        Pending(int correlationId, short apiVersion) {
            this.correlationId = correlationId;
            this.apiVersion = apiVersion;
        }
    }
}
