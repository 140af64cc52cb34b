package dev.partita.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.protocol.message.AcknowledgeRequest;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.DeliveryRange;
import dev.partita.protocol.message.SubscribeRequest;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The subscription APIs' own layout and bad-input cases; their round trips, truncations and
 * corruptions run with every API in {@link FrameCodecRoundTripTest}, {@link MalformedFrameTest} and
 * {@link FrameFuzzTest}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SubscriptionFramesTest {

    private static final UUID CONNECTION = new UUID(1, 2);
    private static final UUID SESSION = new UUID(3, 4);

    @Test
    void subscribeRequestLayout() {
        EncodedFrame frame = FrameCodec.encodeRequest(new RequestHeader(ApiKey.SUBSCRIBE, (short) 0, 5),
                new SubscribeRequest(SubscriptionKey.durable(null, "s"), TopicKey.topic("t"), null, true, false,
                        CONNECTION, SESSION, 7, 1000));

        assertThat(HexFormat.of().formatHex(Frames.toArray(frame.toByteBuffer()))).isEqualTo(""
                + "00000042"                            // size: 66 bytes follow
                + "000b" + "0000" + "00000005"          // SUBSCRIBE v0, correlation id 5
                + "03" + "ffff" + "0001" + "73"         // key DURABLE, no client ID, name "s"
                + "02" + "0001" + "74"                  // topic "t"
                + "ffff" + "01" + "00"                  // no selector, noLocal, unshared
                + "0000000000000001" + "0000000000000002" // connection id
                + "0000000000000003" + "0000000000000004" // session id
                + "0000000000000007"                    // consumer id
                + "000003e8");                          // timeout 1000 ms
    }

    @Test
    void everyKeyKindRoundTrips() {
        for (SubscriptionKey key : List.of(SubscriptionKey.queue("q"), SubscriptionKey.privateTo(CONNECTION, 9),
                SubscriptionKey.durable("c", "n"), SubscriptionKey.durable(null, "n"),
                SubscriptionKey.shared("c", "n"), SubscriptionKey.shared(null, "n"))) {
            SubscribeRequest request = new SubscribeRequest(key, TopicKey.queue("q"), "a > 1", false, true,
                    CONNECTION, SESSION, 1, 0);
            ByteBuffer body = Frames.body(FrameCodec.encodeRequest(RequestHeader.latest(ApiKey.SUBSCRIBE, 1), request));
            assertThat(FrameCodec.decodeRequest(body).request()).as(key.toString()).isEqualTo(request);
        }
    }

    @Test
    void unknownKeyKindsAndModesAreInvalid() {
        assertInvalid(request(ApiKey.UNSUBSCRIBE, w -> w.writeByte((byte) 1).writeByte((byte) 5)), "unknown subscription key kind 5");
        assertInvalid(request(ApiKey.UNSUBSCRIBE, w -> w.writeByte((byte) 3).writeByte((byte) 1).writeString("q")
                .writeLong(0).writeLong(0).writeLong(0)), "unknown unsubscribe mode 3");
    }

    @Test
    void anEmptyClientIdIsInvalidBecauseNoneIsNull() {
        assertInvalid(request(ApiKey.UNSUBSCRIBE, w -> w.writeByte((byte) 2).writeByte((byte) 3).writeString("")
                .writeString("name").writeLong(0).writeLong(0).writeLong(0)), "empty client ID");
    }

    @Test
    void anAbsurdRangeCountIsInvalidAndAllocatesNothingOfThatSize() {
        ByteBuffer body = request(ApiKey.ACKNOWLEDGE, w -> {
            w.writeLong(3).writeLong(4);                               // session id
            w.writeByte((byte) 1).writeString("q");                    // key QUEUE "q"
            w.writeLong(0);                                            // generation
            w.writeByte((byte) 1).writeString("q");                    // topic
            w.writeInt(1).writeInt(0).writeInt(0);                     // one partition: 0, session epoch 0
            w.writeInt(Integer.MAX_VALUE);                             // ranges count
        });
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertInvalid(body, "cannot fit");
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(4L * 1024 * 1024);
    }

    @Test
    void acknowledgementsNameExplicitOffsetsWithTheirCounts() {
        AcknowledgeRequest ack = new AcknowledgeRequest(SESSION, SubscriptionKey.shared(null, "pool"), 3,
                TopicKey.topic("t"), List.of(new AcknowledgeRequest.AcknowledgePartition(0, 2,
                List.of(new DeliveryRange(5, 5, 0), new DeliveryRange(9, 12, 1)))));
        ByteBuffer body = Frames.body(FrameCodec.encodeRequest(RequestHeader.latest(ApiKey.ACKNOWLEDGE, 1), ack));
        assertThat(FrameCodec.decodeRequest(body).request()).isEqualTo(ack);
    }

    private static ByteBuffer request(ApiKey key, Consumer<MessageWriter> body) {
        MessageWriter writer = new MessageWriter().writeShort(key.id()).writeShort((short) 0).writeInt(1);
        body.accept(writer);
        return Frames.body(writer.finish());
    }

    private static void assertInvalid(ByteBuffer body, String message) {
        assertThatThrownBy(() -> FrameCodec.decodeRequest(body))
                .isInstanceOf(InvalidFrameException.class).hasMessageContaining(message);
    }
}
