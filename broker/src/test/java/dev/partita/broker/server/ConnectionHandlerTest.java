package dev.partita.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The connection pipeline on an {@link EmbeddedChannel}: answer order, rejected and malformed frames. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ConnectionHandlerTest {

    /** Answers API versions with futures the test completes in any order. */
    static final class ControlledHandler extends RequestHandler<ApiVersionsRequest> {
        final List<CompletableFuture<ApiVersionsResponse>> pending = new ArrayList<>();

        ControlledHandler() {
            super(ApiKey.API_VERSIONS, ApiVersionsRequest.class);
        }

        @Override
        protected CompletableFuture<ApiVersionsResponse> handle(RequestContext context, ApiVersionsRequest request) {
            CompletableFuture<ApiVersionsResponse> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }
    }

    private final Authenticator authenticator = new Authenticator(Optional.empty(), true);
    private final ControlledHandler handler = new ControlledHandler();
    private final EmbeddedChannel channel = new EmbeddedChannel(new RequestDecoder(),
            new ConnectionHandler(new RequestDispatcher(authenticator, List.of(handler))));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        authenticator.close();
    }

    @Test
    void answersGoOutInRequestOrderWhateverOrderTheyComplete() {
        for (int id = 1; id <= 3; id++) {
            channel.writeInbound(requestFrame(id));
        }
        assertThat(handler.pending).hasSize(3);
        handler.pending.get(2).complete(ApiVersionsResponse.ofThisBuild());
        handler.pending.get(1).complete(ApiVersionsResponse.ofThisBuild());
        channel.runPendingTasks();
        assertThat(channel.<Object>readOutbound()).as("held back until the first completes").isNull();

        handler.pending.get(0).complete(ApiVersionsResponse.ofThisBuild());
        channel.runPendingTasks();
        List<Integer> order = new ArrayList<>();
        EncodedFrame frame;
        while ((frame = channel.readOutbound()) != null) {
            order.add(frame.toByteBuffer().getInt(4));
        }
        assertThat(order).containsExactly(1, 2, 3);
    }

    @Test
    void anUnknownApiIsAnsweredInItsTurn() {
        channel.writeInbound(requestFrame(1));
        channel.writeInbound(Unpooled.buffer().writeShort(999).writeShort(0).writeInt(2));
        assertThat(channel.<Object>readOutbound()).isNull();
        handler.pending.get(0).complete(ApiVersionsResponse.ofThisBuild());
        channel.runPendingTasks();
        EncodedFrame first = channel.readOutbound();
        EncodedFrame second = channel.readOutbound();
        assertThat(first.toByteBuffer().getInt(4)).isEqualTo(1);
        ByteBuffer rejected = second.toByteBuffer();
        assertThat(rejected.getInt(4)).isEqualTo(2);
        assertThat(rejected.getShort(8)).isEqualTo(Errors.UNSUPPORTED_VERSION.code());
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aMalformedFrameClosesTheConnection() {
        channel.writeInbound(Unpooled.buffer().writeShort(ApiKey.METADATA.id()).writeShort(0).writeInt(5).writeInt(0x7fffffff));
        assertThat(channel.isOpen()).isFalse();
    }

    /** A request frame without its size prefix, as the frame decoder hands it on. */
    private static ByteBuf requestFrame(int correlationId) {
        ByteBuffer whole = FrameCodec.encodeRequest(new RequestHeader(ApiKey.API_VERSIONS, (short) 0, correlationId),
                new ApiVersionsRequest()).toByteBuffer();
        whole.position(4);
        return Unpooled.wrappedBuffer(whole);
    }
}
