package dev.partita.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.MetadataRequest;
import dev.partita.protocol.message.ProduceRequest;
import dev.partita.protocol.message.ProduceResponse;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.FileBackedRecords;
import dev.partita.protocol.record.MemoryRecords;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The exact bytes of a few frames, written out by hand from the layout in the package
 * documentation: if the layout changes by accident, these fail.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FrameCodecGoldenBytesTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void metadataRequestLayout() {
        EncodedFrame frame = FrameCodec.encodeRequest(new RequestHeader(ApiKey.METADATA, (short) 0, 42),
                new MetadataRequest(List.of(TopicKey.queue("orders")), true));

        assertThat(hex(frame)).isEqualTo(""
                + "00000016"        // size: 22 bytes follow
                + "0001" + "0000"   // api key METADATA, version 0
                + "0000002a"        // correlation id 42
                + "00000001"        // one topic
                + "01" + "0006" + "6f7264657273" // QUEUE, "orders"
                + "01");            // allowAutoTopicCreation
    }

    @Test
    void produceResponseLayout() {
        EncodedFrame frame = FrameCodec.encodeResponse(7, (short) 0, new ProduceResponse(List.of(
                new ProduceResponse.TopicProduceResult(TopicKey.topic("t"), List.of(
                        new ProduceResponse.PartitionProduceResult(3, Errors.NONE, null, 100L, -1L, 0L))))));

        assertThat(hex(frame)).isEqualTo(""
                + "00000032"                  // size: 50 bytes follow
                + "00000007" + "0000"         // correlation id 7, error NONE
                + "00000001"                  // one topic
                + "02" + "0001" + "74"        // TOPIC, "t"
                + "00000001"                  // one partition
                + "00000003" + "0000" + "ffff" // partition 3, NONE, null message
                + "0000000000000064"          // base offset 100
                + "ffffffffffffffff"          // log append time -1
                + "0000000000000000");        // log start offset 0
    }

    @Test
    void errorResponseLayoutCarriesCodeAndMessageWithoutBody() {
        EncodedFrame frame = FrameCodec.encodeErrorResponse(9, Errors.UNSUPPORTED_VERSION, "no");

        assertThat(hex(frame)).isEqualTo("0000000a" + "00000009" + "0004" + "0002" + "6e6f");
        assertThatThrownBy(() -> FrameCodec.decodeResponse(ApiKey.FETCH, (short) 0, Frames.body(frame)))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.error()).isEqualTo(Errors.UNSUPPORTED_VERSION);
                    assertThat(e.getMessage()).isEqualTo("no");
                });
    }

    @Test
    void errorResponseWithoutMessageCarriesTheDefaultMessage() {
        EncodedFrame frame = FrameCodec.encodeErrorResponse(1, Errors.INVALID_REQUEST, null);

        assertThatThrownBy(() -> FrameCodec.decodeResponse(ApiKey.METADATA, (short) 0, Frames.body(frame)))
                .isInstanceOf(ErrorResponseException.class)
                .hasMessage(Errors.INVALID_REQUEST.message());
    }

    @Test
    void recordsAreASeparatePartNotACopy() {
        MemoryRecords records = MemoryRecords.readableRecords(ByteBuffer.wrap(new byte[] {(byte) 0xaa, (byte) 0xbb, (byte) 0xcc}));
        EncodedFrame frame = FrameCodec.encodeRequest(new RequestHeader(ApiKey.PRODUCE, (short) 0, 1),
                new ProduceRequest(Acks.ALL, 30_000, List.of(new ProduceRequest.TopicData(TopicKey.topic("t"),
                        List.of(new ProduceRequest.PartitionData(0, records))))));

        assertThat(frame.parts()).hasSize(2);
        assertThat(frame.parts().get(1)).isSameAs(records);
        assertThat(frame.totalSize()).isEqualTo(41);
        assertThat(hex(frame)).isEqualTo(""
                + "00000025"                     // size: 37 bytes follow
                + "0004" + "0000" + "00000001"   // PRODUCE v0, correlation id 1
                + "ffff" + "00007530"            // acks ALL (-1), timeout 30000
                + "00000001" + "02" + "0001" + "74" // one topic: TOPIC "t"
                + "00000001" + "00000000"        // one partition: 0
                + "00000003" + "aabbcc");        // 3 bytes of records, sent as they are
    }

    @Test
    void fileBackedRecordsStayAPartOfTheirOwnBetweenHeapParts() {
        FileBackedRecords fileRecords = new FileBackedRecords() {
            @Override public FileChannel channel() { return null; }
            @Override public long position() { return 4096; }
            @Override public int sizeInBytes() { return 1000; }
        };
        EncodedFrame frame = FrameCodec.encodeRequest(new RequestHeader(ApiKey.PRODUCE, (short) 0, 1),
                new ProduceRequest(Acks.LEADER, 1, List.of(new ProduceRequest.TopicData(TopicKey.topic("t"),
                        List.of(new ProduceRequest.PartitionData(0, fileRecords),
                                new ProduceRequest.PartitionData(1, MemoryRecords.EMPTY))))));

        assertThat(frame.parts()).hasSize(3);
        assertThat(frame.parts().get(0)).isInstanceOf(ByteBuffer.class);
        assertThat(frame.parts().get(1)).isSameAs(fileRecords);
        assertThat(frame.parts().get(2)).isInstanceOf(ByteBuffer.class);
        assertThat(((ByteBuffer) frame.parts().get(2)).remaining()).isEqualTo(4 + 4); // partition 1, length 0
        assertThat(((ByteBuffer) frame.parts().get(0)).getInt(0)).isEqualTo(frame.totalSize() - 4);
        assertThatThrownBy(frame::toByteBuffer).isInstanceOf(UnsupportedOperationException.class);
    }

    private static String hex(EncodedFrame frame) {
        return HEX.formatHex(Frames.toArray(frame.toByteBuffer()));
    }
}
