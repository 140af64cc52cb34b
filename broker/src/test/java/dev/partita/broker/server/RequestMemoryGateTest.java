package dev.partita.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.server.ConnectionHandlerTest.ControlledHandler;
import dev.partita.broker.server.auth.Authenticator;
import dev.partita.protocol.frame.EncodedFrame;
import dev.partita.protocol.frame.FrameCodec;
import dev.partita.protocol.frame.RequestHeader;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ApiVersionsRequest;
import dev.partita.protocol.message.ApiVersionsResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker-wide bound on unanswered request bytes ({@code max.in.flight.request.bytes}) on two
 * connection pipelines ({@link EmbeddedChannel}s) sharing one {@link RequestMemory}: reading stops
 * on every connection that reads at the limit and resumes once answers free memory.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestMemoryGateTest {

    private static final int FRAME_BYTES = requestFrame(0).readableBytes();
    private static final long REQUEST_BYTES = FRAME_BYTES + RequestMemoryGate.REQUEST_OVERHEAD;

    private final Authenticator authenticator = new Authenticator(Optional.empty(), true);
    private final ControlledHandler handler = new ControlledHandler();
    private final RequestDispatcher dispatcher = new RequestDispatcher(authenticator, List.of(handler));
    private final RequestMemory memory = new RequestMemory(3 * REQUEST_BYTES);
    private final EmbeddedChannel first = connection();
    private final EmbeddedChannel second = connection();

    private EmbeddedChannel connection() {
        return new EmbeddedChannel(new RequestMemoryGate(memory, 0), new RequestDecoder(), new ConnectionHandler(dispatcher));
    }

    @AfterEach
    void close() {
        first.finishAndReleaseAll();
        second.finishAndReleaseAll();
        authenticator.close();
    }

    @Test
    void everyConnectionStopsReadingAtTheLimitAndResumesWhenAnswersFreeMemory() {
        first.writeInbound(requestFrame(1));
        first.writeInbound(requestFrame(2));
        assertThat(memory.used()).isEqualTo(2 * REQUEST_BYTES);
        assertThat(first.config().isAutoRead()).as("below the limit").isTrue();

        second.writeInbound(requestFrame(3));
        assertThat(memory.used()).isEqualTo(3 * REQUEST_BYTES);
        assertThat(second.config().isAutoRead()).as("the connection that reached the limit").isFalse();
        first.writeInbound(requestFrame(4)); // already on its way when the limit was reached
        assertThat(first.config().isAutoRead()).as("any connection reading at the limit").isFalse();

        handler.pending.get(0).complete(ApiVersionsResponse.ofThisBuild());
        first.runPendingTasks();
        assertThat(first.<EncodedFrame>readOutbound()).isNotNull();
        assertThat(memory.used()).isEqualTo(3 * REQUEST_BYTES);
        second.runPendingTasks();
        assertThat(second.config().isAutoRead()).as("still at the limit").isFalse();

        handler.pending.get(1).complete(ApiVersionsResponse.ofThisBuild());
        first.runPendingTasks();
        second.runPendingTasks();
        assertThat(memory.used()).isEqualTo(2 * REQUEST_BYTES);
        assertThat(first.config().isAutoRead()).isTrue();
        assertThat(second.config().isAutoRead()).isTrue();
    }

    @Test
    void aClosedConnectionFreesWhatItsUnansweredRequestsHeld() {
        first.writeInbound(requestFrame(1));
        first.writeInbound(requestFrame(2));
        second.writeInbound(requestFrame(3));
        assertThat(second.config().isAutoRead()).isFalse();

        first.close();
        second.runPendingTasks();
        assertThat(memory.used()).isEqualTo(REQUEST_BYTES);
        assertThat(second.config().isAutoRead()).isTrue();
    }

    @Test
    void aRequestLargerThanTheLimitIsStillReadAndAnswered() {
        RequestMemory tiny = new RequestMemory(1);
        EmbeddedChannel channel = new EmbeddedChannel(new RequestMemoryGate(tiny, 0), new RequestDecoder(),
                new ConnectionHandler(dispatcher));
        try {
            channel.writeInbound(requestFrame(1));
            assertThat(handler.pending).hasSize(1);
            assertThat(channel.config().isAutoRead()).isFalse();
            handler.pending.get(0).complete(ApiVersionsResponse.ofThisBuild());
            channel.runPendingTasks();
            assertThat(channel.<EncodedFrame>readOutbound()).isNotNull();
            assertThat(tiny.used()).isZero();
            assertThat(channel.config().isAutoRead()).isTrue();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aConnectionHoldingLessThanItsExemptBytesKeepsReadingAtTheLimit() {
        EmbeddedChannel consumer = new EmbeddedChannel(new RequestMemoryGate(memory, 2 * REQUEST_BYTES),
                new RequestDecoder(), new ConnectionHandler(dispatcher));
        try {
            first.writeInbound(requestFrame(1));
            first.writeInbound(requestFrame(2));
            consumer.writeInbound(requestFrame(3));
            assertThat(memory.used()).isEqualTo(3 * REQUEST_BYTES);
            assertThat(consumer.config().isAutoRead()).as("holds one request, under its exempt bytes").isTrue();
            consumer.writeInbound(requestFrame(4));
            assertThat(consumer.config().isAutoRead()).as("holds two: no longer exempt").isFalse();
        } finally {
            consumer.finishAndReleaseAll();
        }
    }

    @Test
    void afterAGracefulStopReadingNeverResumes() {
        first.writeInbound(requestFrame(1));
        first.writeInbound(requestFrame(2));
        first.writeInbound(requestFrame(3));
        first.pipeline().get(RequestMemoryGate.class).stopReading();
        first.pipeline().get(ConnectionHandler.class).stopReading();
        handler.pending.forEach(f -> f.complete(ApiVersionsResponse.ofThisBuild()));
        first.runPendingTasks();
        assertThat(memory.used()).isZero();
        assertThat(first.config().isAutoRead()).isFalse();
    }

    private static ByteBuf requestFrame(int correlationId) {
        ByteBuffer whole = FrameCodec.encodeRequest(new RequestHeader(ApiKey.API_VERSIONS, (short) 0, correlationId),
                new ApiVersionsRequest()).toByteBuffer();
        whole.position(4);
        return Unpooled.wrappedBuffer(whole);
    }
}
