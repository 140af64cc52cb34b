package dev.partita.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ApiRequest;
import dev.partita.protocol.message.ApiResponse;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad input of every kind gets the right typed exception, never an unchecked JDK exception and
 * never an allocation sized by a length the peer claims.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MalformedFrameTest {

    private static final int CORRELATION_ID = 1234;

    @ParameterizedTest
    @EnumSource(ApiKey.class)
    void everyTruncationOfARequestIsInvalid(ApiKey key) {
        for (long seed = 0; seed < 20; seed++) {
            ApiRequest request = new RandomMessages(seed).request(key);
            ByteBuffer body = Frames.body(FrameCodec.encodeRequest(RequestHeader.latest(key, CORRELATION_ID), request));
            for (int length = 0; length < body.remaining(); length++) {
                ByteBuffer truncated = body.duplicate().limit(length);
                assertThatThrownBy(() -> FrameCodec.decodeRequest(truncated))
                        .as("%s seed %d cut at %d of %d bytes", key, seed, length, body.remaining())
                        .isInstanceOf(InvalidFrameException.class);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ApiKey.class)
    void everyTruncationOfAResponseIsInvalid(ApiKey key) {
        for (long seed = 0; seed < 20; seed++) {
            ApiResponse response = new RandomMessages(seed).response(key);
            ByteBuffer body = Frames.body(FrameCodec.encodeResponse(CORRELATION_ID, key.maxVersion(), response));
            for (int length = 0; length < body.remaining(); length++) {
                ByteBuffer truncated = body.duplicate().limit(length);
                assertThatThrownBy(() -> FrameCodec.decodeResponse(key, key.maxVersion(), truncated))
                        .as("%s seed %d cut at %d of %d bytes", key, seed, length, body.remaining())
                        .isInstanceOf(InvalidFrameException.class);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ApiKey.class)
    void trailingBytesAreInvalid(ApiKey key) {
        ByteBuffer request = withTrailingByte(Frames.body(FrameCodec.encodeRequest(
                RequestHeader.latest(key, CORRELATION_ID), new RandomMessages(1).request(key))));
        assertThatThrownBy(() -> FrameCodec.decodeRequest(request))
                .isInstanceOf(InvalidFrameException.class).hasMessageContaining("trailing");

        ByteBuffer response = withTrailingByte(Frames.body(FrameCodec.encodeResponse(
                CORRELATION_ID, key.maxVersion(), new RandomMessages(1).response(key))));
        assertThatThrownBy(() -> FrameCodec.decodeResponse(key, key.maxVersion(), response))
                .isInstanceOf(InvalidFrameException.class).hasMessageContaining("trailing");
    }

    @Test
    void trailingBytesAfterAnErrorResponseAreInvalid() {
        ByteBuffer body = withTrailingByte(Frames.body(FrameCodec.encodeErrorResponse(1,
                dev.partita.protocol.message.Errors.INVALID_REQUEST, "x")));
        assertThatThrownBy(() -> FrameCodec.decodeResponse(ApiKey.FETCH, (short) 0, body))
                .isInstanceOf(InvalidFrameException.class);
    }

    @Test
    void unknownApiKeyIsUnsupportedWithTheCorrelationId() {
        for (short unknown : new short[] {-1, 99, 1000, Short.MAX_VALUE}) {
            ByteBuffer body = request(unknown, (short) 0, w -> w.writeInt(12345));
            assertThatThrownBy(() -> FrameCodec.decodeRequest(body))
                    .isInstanceOfSatisfying(UnsupportedApiException.class, e -> {
                        assertThat(e.correlationId()).isEqualTo(CORRELATION_ID);
                        assertThat(e.apiKeyId()).isEqualTo(unknown);
                        assertThat(e.getMessage()).contains("unknown API key " + unknown);
                    });
        }
    }

    @Test
    void unknownVersionIsUnsupportedWithTheCorrelationId() {
        for (short version : new short[] {-1, 1, Short.MAX_VALUE}) {
            ByteBuffer body = request(ApiKey.METADATA.id(), version, w -> w.writeInt(-1).writeBoolean(false));
            assertThatThrownBy(() -> FrameCodec.decodeRequest(body))
                    .isInstanceOfSatisfying(UnsupportedApiException.class, e -> {
                        assertThat(e.correlationId()).isEqualTo(CORRELATION_ID);
                        assertThat(e.apiKeyId()).isEqualTo(ApiKey.METADATA.id());
                        assertThat(e.apiVersion()).isEqualTo(version);
                    });
        }
    }

    @Test
    void negativeLengthsAreInvalid() {
        // string length -2 (only -1 means null)
        assertInvalid(request(ApiKey.SASL_HANDSHAKE, w -> w.writeShort((short) -2)), "negative string length");
        // array count -2 (only -1 means null)
        assertInvalid(request(ApiKey.DELETE_TOPICS, w -> w.writeInt(-2).writeInt(0)), "negative array count");
        // byte array length -1 (not nullable)
        assertInvalid(request(ApiKey.SASL_AUTHENTICATE, w -> w.writeInt(-1)), "negative byte array length");
        // records length -1
        assertInvalid(request(ApiKey.PRODUCE, w -> w.writeShort((short) 1).writeInt(0)
                .writeInt(1).writeByte((byte) 1).writeString("q")
                .writeInt(1).writeInt(0).writeInt(-1)), "negative record set length");
    }

    @Test
    void nullWhereNotNullableIsInvalid() {
        assertInvalid(request(ApiKey.SASL_HANDSHAKE, w -> w.writeShort((short) -1)), "null string");
        assertInvalid(request(ApiKey.DELETE_TOPICS, w -> w.writeInt(-1).writeInt(0)), "null array");
    }

    @Test
    void lengthsBeyondTheFrameAreInvalidAndAllocateNothingOfThatSize() {
        assertInvalidWithoutAllocating(request(ApiKey.DELETE_TOPICS, w -> w.writeInt(Integer.MAX_VALUE).writeInt(0)),
                "cannot fit");
        assertInvalidWithoutAllocating(request(ApiKey.SASL_AUTHENTICATE, w -> w.writeInt(Integer.MAX_VALUE)),
                "byte array needs");
        assertInvalidWithoutAllocating(request(ApiKey.SASL_HANDSHAKE, w -> w.writeShort(Short.MAX_VALUE).writeByte((byte) 'a')),
                "string needs");
        assertInvalidWithoutAllocating(request(ApiKey.PRODUCE, w -> w.writeShort((short) 1).writeInt(0)
                .writeInt(1).writeByte((byte) 1).writeString("q")
                .writeInt(1).writeInt(0).writeInt(Integer.MAX_VALUE - 10)), "record set needs");
        // nested: a plausible outer count, then an absurd inner one
        assertInvalidWithoutAllocating(request(ApiKey.METADATA, w -> w.writeInt(1).writeByte((byte) 1)
                .writeShort((short) 0x7fff)), "string needs");
        // an array whose elements take at least 22 bytes each cannot have 10 of them in 40 bytes
        ByteBuffer metadataResponse = response(w -> w.writeInt(0).writeInt(-1).writeInt(1)
                .writeShort((short) 0).writeByte((byte) 2).writeString("t").writeShort((short) -1)
                .writeInt(10).writeLong(0).writeLong(0).writeLong(0).writeLong(0).writeLong(0));
        assertThatThrownBy(() -> FrameCodec.decodeResponse(ApiKey.METADATA, (short) 0, metadataResponse))
                .isInstanceOf(InvalidFrameException.class).hasMessageContaining("cannot fit");
    }

    @Test
    void unknownEnumCodesAndBadBooleansAreInvalid() {
        assertInvalid(request(ApiKey.DELETE_TOPICS, w -> w.writeInt(1).writeByte((byte) 3).writeString("x").writeInt(0)),
                "unknown destination kind 3");
        assertInvalid(request(ApiKey.PRODUCE, w -> w.writeShort((short) 2).writeInt(0).writeInt(0)), "unknown acks 2");
        assertInvalid(request(ApiKey.FETCH, w -> w.writeInt(-1).writeInt(0).writeInt(0).writeInt(0)
                .writeByte((byte) 7).writeInt(0)), "unknown isolation level 7");
        assertInvalid(request(ApiKey.METADATA, w -> w.writeInt(-1).writeByte((byte) 2)), "boolean must be 0 or 1");
    }

    @Test
    void invalidUtf8IsInvalid() {
        assertInvalid(request(ApiKey.SASL_HANDSHAKE, w -> w.writeShort((short) 2).writeByte((byte) 0xc3)
                .writeByte((byte) 0x28)), "not valid UTF-8");
    }

    @Test
    void duplicateConfigKeysAreInvalid() {
        assertInvalid(request(ApiKey.CREATE_TOPICS, w -> w.writeInt(1).writeByte((byte) 1).writeString("q")
                .writeInt(1).writeShort((short) 1)
                .writeInt(2).writeString("k").writeString("a").writeString("k").writeString("b")
                .writeInt(0).writeBoolean(false)), "appears twice");
    }

    @Test
    void shortHeadersAreInvalid() {
        assertThatThrownBy(() -> FrameCodec.decodeRequest(ByteBuffer.allocate(7)))
                .isInstanceOf(InvalidFrameException.class).hasMessageContaining("shorter than");
        assertThatThrownBy(() -> FrameCodec.peekCorrelationId(ByteBuffer.allocate(5)))
                .isInstanceOf(InvalidFrameException.class);
        assertThatThrownBy(() -> FrameCodec.decodeResponse(ApiKey.METADATA, (short) 0, ByteBuffer.allocate(5)))
                .isInstanceOf(InvalidFrameException.class);
    }

    @Test
    void theAllocationProbeSeesLargeAllocations() {
        long allocated = allocatedBy(() -> assertThat(new byte[8 * 1024 * 1024]).hasSize(8 * 1024 * 1024));
        assertThat(allocated).isGreaterThanOrEqualTo(8L * 1024 * 1024);
    }

    private static ByteBuffer withTrailingByte(ByteBuffer body) {
        ByteBuffer longer = ByteBuffer.allocate(body.remaining() + 1);
        longer.put(body.duplicate()).put((byte) 0);
        return longer.flip();
    }

    private static ByteBuffer request(ApiKey key, Consumer<MessageWriter> body) {
        return request(key.id(), (short) 0, body);
    }

    private static ByteBuffer request(short apiKey, short version, Consumer<MessageWriter> body) {
        MessageWriter writer = new MessageWriter().writeShort(apiKey).writeShort(version).writeInt(CORRELATION_ID);
        body.accept(writer);
        return Frames.body(writer.finish());
    }

    private static ByteBuffer response(Consumer<MessageWriter> body) {
        MessageWriter writer = new MessageWriter().writeInt(CORRELATION_ID);
        body.accept(writer);
        return Frames.body(writer.finish());
    }

    private static void assertInvalid(ByteBuffer body, String message) {
        assertThatThrownBy(() -> FrameCodec.decodeRequest(body))
                .isInstanceOf(InvalidFrameException.class).hasMessageContaining(message);
    }

    private static void assertInvalidWithoutAllocating(ByteBuffer body, String message) {
        long allocated = allocatedBy(() -> assertInvalid(body, message));
        assertThat(allocated).as("bytes allocated while rejecting the frame").isLessThan(4L * 1024 * 1024);
    }

    private static long allocatedBy(ThrowingCallable action) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            action.call();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
