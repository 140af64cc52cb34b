package dev.partita.client.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.protocol.frame.EncodedFrame;
import dev.partita.protocol.frame.FrameCodec;
import dev.partita.protocol.frame.RequestHeader;
import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.FetchResponse;
import dev.partita.protocol.message.ProduceRequest;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.MemoryRecords;
import io.netty.buffer.ByteBuf;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The frame encoder on an {@link EmbeddedChannel}: heap parts, memory records and file regions. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FrameEncoderTest {

    @TempDir
    Path dir;

    @Test
    void writesHeapPartsAndMemoryRecordsAsTheFrameBytes() {
        MemoryRecords records = MemoryRecords.readableRecords(ByteBuffer.wrap(randomBytes(500, 1)));
        EncodedFrame frame = FrameCodec.encodeRequest(RequestHeader.latest(ApiKey.PRODUCE, 3),
                new ProduceRequest(Acks.ALL, 1000, List.of(new ProduceRequest.TopicData(TopicKey.queue("q"),
                        List.of(new ProduceRequest.PartitionData(0, records))))));
        EmbeddedChannel channel = new EmbeddedChannel(new FrameEncoder());

        assertThat(channel.writeOutbound(frame)).isTrue();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        for (Object message; (message = channel.readOutbound()) != null; ) {
            assertThat(message).isInstanceOf(ByteBuf.class);
            drain((ByteBuf) message, written);
        }

        assertThat(written.toByteArray()).isEqualTo(toArray(frame.toByteBuffer()));
        assertThat(records.buffer().position()).as("the records were not consumed").isZero();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void writesFileBackedRecordsAsASharedRegionThatLeavesTheFileOpen() throws IOException {
        byte[] content = randomBytes(10_000, 2);
        Path segment = Files.write(dir.resolve("00000000000000000000.log"), content);
        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.READ)) {
            TestFileRecords records = new TestFileRecords(file, 1234, 5000);
            EncodedFrame frame = FrameCodec.encodeResponse(11, (short) 0, new FetchResponse(List.of(
                    new FetchResponse.FetchableTopicResponse(TopicKey.topic("t"), List.of(
                            new FetchResponse.PartitionFetchData(0, Errors.NONE, 10, 10, 0, records))))));
            EmbeddedChannel channel = new EmbeddedChannel(new FrameEncoder());

            assertThat(channel.writeOutbound(frame)).isTrue();
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            ByteBuf head = channel.readOutbound();
            drain(head, written);
            FileRegion region = channel.readOutbound();
            assertThat(region).isInstanceOf(SharedFileRegion.class).isInstanceOf(DefaultFileRegion.class);
            assertThat(region.count()).isEqualTo(5000);
            WritableByteChannel target = Channels.newChannel(written);
            while (region.transferred() < region.count()) {
                region.transferTo(target, region.transferred());
            }
            assertThat(region.release()).isTrue();
            Object next = channel.readOutbound();
            assertThat(next).as("the fetch data ends with its records").isNull();
            assertThat(channel.finish()).isFalse();

            byte[] expected = toArray(expectedFetchBytes(frame, content, 1234, 5000));
            assertThat(written.toByteArray()).isEqualTo(expected);
            assertThat(file.isOpen()).as("the segment's channel after the region was released").isTrue();
            assertThat(file.read(ByteBuffer.allocate(10), 0)).isEqualTo(10);
        }
    }

    @Test
    void aPlainDefaultFileRegionWouldCloseTheSegmentChannel() throws IOException {
        // Why SharedFileRegion exists: releasing Netty's own region closes the channel it was given.
        Path segment = Files.write(dir.resolve("segment.log"), randomBytes(100, 3));
        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.READ)) {
            new DefaultFileRegion(file, 0, 100).release();
            assertThat(file.isOpen()).isFalse();
        }
        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.READ)) {
            new SharedFileRegion(file, 0, 100).release();
            assertThat(file.isOpen()).isTrue();
        }
    }

    /** The frame's heap parts with the file region's bytes where the records part is. */
    private static ByteBuffer expectedFetchBytes(EncodedFrame frame, byte[] file, int position, int size) {
        ByteBuffer expected = ByteBuffer.allocate(frame.totalSize());
        for (Object part : frame.parts()) {
            if (part instanceof ByteBuffer buffer) {
                expected.put(buffer.duplicate());
            } else {
                expected.put(file, position, size);
            }
        }
        return expected.flip();
    }

    private static void drain(ByteBuf buffer, ByteArrayOutputStream out) {
        try {
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            out.writeBytes(bytes);
        } finally {
            buffer.release();
        }
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
