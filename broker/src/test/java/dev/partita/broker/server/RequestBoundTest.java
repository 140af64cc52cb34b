package dev.partita.broker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.partita.broker.server.auth.Authenticator;
import dev.partita.protocol.frame.EncodedFrame;
import dev.partita.protocol.frame.FrameCodec;
import dev.partita.protocol.frame.RequestHeader;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ApiVersionsRequest;
import dev.partita.protocol.message.ApiVersionsResponse;
import dev.partita.protocol.message.Errors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dispatcher's bound on every request: a handler whose future is never completed must not
 * stall its connection (responses go out in request order).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RequestBoundTest {

    private static final long MAX_HANDLING_MS = 200;

    /** Answers API versions with futures the test completes, or loses, as it likes. */
    static final class LosingHandler extends RequestHandler<ApiVersionsRequest> {
        final List<CompletableFuture<ApiVersionsResponse>> pending = new ArrayList<>();
        final List<RequestContext> contexts = new ArrayList<>();

        LosingHandler() {
            super(ApiKey.API_VERSIONS, ApiVersionsRequest.class);
        }

        @Override
        protected CompletableFuture<ApiVersionsResponse> handle(RequestContext context, ApiVersionsRequest request) {
            CompletableFuture<ApiVersionsResponse> f = new CompletableFuture<>();
            pending.add(f);
            contexts.add(context);
            return f;
        }
    }

    private final Authenticator authenticator = new Authenticator(Optional.empty(), true);
    private final LosingHandler handler = new LosingHandler();
    private final RequestDispatcher dispatcher = new RequestDispatcher(authenticator, MAX_HANDLING_MS, List.of(handler));
    private final EmbeddedChannel channel = new EmbeddedChannel(new RequestDecoder(), new ConnectionHandler(dispatcher));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        authenticator.close();
    }

    @Test
    void aRequestWhoseFutureIsNeverCompletedIsAnsweredTimedOutAndLaterRequestsFollow() {
        channel.writeInbound(requestFrame(1));
        channel.writeInbound(requestFrame(2));
        handler.pending.get(1).complete(ApiVersionsResponse.ofThisBuild());
        channel.runPendingTasks();
        assertThat(channel.<Object>readOutbound()).as("the answer to 2 waits for 1's turn").isNull();
        assertThat(handler.contexts.get(0).awaited()).isTrue();

        EncodedFrame first = awaitResponse();
        ByteBuffer timedOut = first.toByteBuffer();
        assertThat(timedOut.getInt(4)).as("correlation id").isEqualTo(1);
        assertThat(timedOut.getShort(8)).isEqualTo(Errors.REQUEST_TIMED_OUT.code());
        assertThat(Errors.REQUEST_TIMED_OUT.isRetriable()).isTrue();
        EncodedFrame second = channel.readOutbound();
        assertThat(second).as("the answer to 2 follows at once").isNotNull();
        assertThat(second.toByteBuffer().getInt(4)).isEqualTo(2);
        assertThat(handler.contexts.get(0).awaited()).as("the handler can tell nobody waits for it").isFalse();
        assertThat(handler.contexts.get(1).awaited()).isTrue();
        assertThat(dispatcher.timedOut()).isEqualTo(1);
        assertThat(dispatcher.inFlight()).isZero();

        // The lost future completing late changes nothing on the wire.
        handler.pending.get(0).complete(ApiVersionsResponse.ofThisBuild());
        channel.runPendingTasks();
        assertThat(channel.<Object>readOutbound()).isNull();
        assertThat(dispatcher.inFlight()).isZero();

        channel.writeInbound(requestFrame(3));
        handler.pending.get(2).complete(ApiVersionsResponse.ofThisBuild());
        channel.runPendingTasks();
        EncodedFrame third = channel.readOutbound();
        assertThat(third.toByteBuffer().getInt(4)).isEqualTo(3);
        assertThat(third.toByteBuffer().getShort(8)).isEqualTo(Errors.NONE.code());
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void anAnswerInTimeCancelsTheBound() {
        channel.writeInbound(requestFrame(1));
        handler.pending.get(0).complete(ApiVersionsResponse.ofThisBuild());
        channel.runPendingTasks();
        EncodedFrame answer = channel.readOutbound();
        assertThat(answer.toByteBuffer().getShort(8)).isEqualTo(Errors.NONE.code());
        assertThat(channel.runScheduledPendingTasks()).as("no bound left scheduled").isEqualTo(-1);
        assertThat(dispatcher.timedOut()).isZero();
    }

    private EncodedFrame awaitResponse() {
        List<EncodedFrame> got = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            channel.runScheduledPendingTasks();
            channel.runPendingTasks();
            EncodedFrame f = channel.readOutbound();
            if (f != null) {
                got.add(f);
            }
            return !got.isEmpty();
        });
        return got.get(0);
    }

    /** A request frame without its size prefix, as the frame decoder hands it on. */
    private static ByteBuf requestFrame(int correlationId) {
        ByteBuffer whole = FrameCodec.encodeRequest(new RequestHeader(ApiKey.API_VERSIONS, (short) 0, correlationId),
                new ApiVersionsRequest()).toByteBuffer();
        whole.position(4);
        return Unpooled.wrappedBuffer(whole);
    }
}
