package dev.partita.client.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.protocol.frame.FrameCodec;
import dev.partita.protocol.frame.FrameTooLargeException;
import dev.partita.protocol.frame.InvalidFrameException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The frame decoder on an {@link EmbeddedChannel}: frames split at every byte, several frames in
 * one read, bad sizes closing the channel before anything is buffered, and every buffer released.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FrameDecoderTest {

    private static final int MAX = 1024;

    private final List<ByteBuf> inputs = new ArrayList<>();
    private EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX));

    @AfterEach
    void everyBufferIsReleased() {
        channel.finishAndReleaseAll();
        for (ByteBuf input : inputs) {
            assertThat(input.refCnt()).as("reference count of an inbound buffer").isZero();
        }
    }

    @Test
    void emitsEachFrameWithoutItsPrefixWhateverTheSplit() {
        List<byte[]> frames = List.of(body(6, 1), body(300, 2), body(MAX, 3), body(17, 4));
        byte[] stream = concat(frames);

        for (int split = 0; split <= stream.length; split++) {
            channel.finishAndReleaseAll();
            channel = new EmbeddedChannel(new FrameDecoder(MAX));
            write(stream, 0, split);
            write(stream, split, stream.length - split);
            assertReceived(frames, "split at " + split);
        }
    }

    @Test
    void emitsFramesFedOneByteAtATime() {
        List<byte[]> frames = List.of(body(6, 5), body(40, 6), body(7, 7));
        byte[] stream = concat(frames);
        for (int i = 0; i < stream.length; i++) {
            write(stream, i, 1);
            // never a partial frame: whatever came out so far is a prefix of the frames, each whole
            assertThat(channel.inboundMessages().size()).isLessThanOrEqualTo(frames.size());
        }
        assertReceived(frames, "byte by byte");
    }

    @Test
    void emitsAllFramesOfOneRead() {
        Random random = new Random(1);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            frames.add(body(FrameCodec.MIN_FRAME_BYTES + random.nextInt(200), i));
        }
        byte[] stream = concat(frames);
        write(stream, 0, stream.length);

        assertThat(channel.inboundMessages()).hasSize(50);
        assertReceived(frames, "one read");
    }

    @Test
    void waitsForTheRestOfAFrameAndDropsItWhenTheChannelCloses() {
        byte[] stream = concat(List.of(body(100, 1)));
        write(stream, 0, 60);
        assertThat(channel.inboundMessages()).isEmpty();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void anOversizeFrameClosesTheChannelBeforeItsBodyArrives() {
        write(sizePrefix(MAX), 0, 4);                 // the largest size is fine
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();

        channel = new EmbeddedChannel(new FrameDecoder(MAX));
        assertThatThrownBy(() -> write(sizePrefix(MAX + 1), 0, 4))
                .isInstanceOfSatisfying(FrameTooLargeException.class, e -> {
                    assertThat(e.frameSize()).isEqualTo(MAX + 1);
                    assertThat(e.maxFrameBytes()).isEqualTo(MAX);
                });
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.inboundMessages()).isEmpty();
    }

    @Test
    void aHugeAnnouncedSizeAllocatesNothingOfThatSize() {
        channel = new EmbeddedChannel(new FrameDecoder(FrameCodec.DEFAULT_MAX_FRAME_BYTES));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        byte[] bytes = ByteBuffer.allocate(16).putInt(Integer.MAX_VALUE).array();
        assertThatThrownBy(() -> write(bytes, 0, bytes.length)).isInstanceOf(FrameTooLargeException.class);

        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(4L * 1024 * 1024);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void anAcceptedLargeSizeBuffersOnlyWhatHasArrived() {
        channel = new EmbeddedChannel(new FrameDecoder(FrameCodec.DEFAULT_MAX_FRAME_BYTES));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        byte[] start = ByteBuffer.allocate(1000).putInt(FrameCodec.DEFAULT_MAX_FRAME_BYTES).array();
        write(start, 0, start.length);

        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(4L * 1024 * 1024);
        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.inboundMessages()).isEmpty();
    }

    @Test
    void negativeAndTooSmallSizesCloseTheChannel() {
        for (int size : new int[] {-1, Integer.MIN_VALUE, 0, FrameCodec.MIN_FRAME_BYTES - 1}) {
            channel.finishAndReleaseAll();
            channel = new EmbeddedChannel(new FrameDecoder(MAX));
            assertThatThrownBy(() -> write(sizePrefix(size), 0, 4))
                    .as("size %d", size)
                    .isInstanceOf(InvalidFrameException.class)
                    .isNotInstanceOf(FrameTooLargeException.class)
                    .hasMessageContaining("frame size " + size);
            assertThat(channel.isOpen()).isFalse();
        }
    }

    @Test
    void bytesAfterABadFrameAreDiscarded() {
        byte[] good = concat(List.of(body(10, 1)));
        byte[] stream = new byte[4 + good.length];
        ByteBuffer.wrap(stream).putInt(-5).put(good);
        assertThatThrownBy(() -> write(stream, 0, stream.length)).isInstanceOf(InvalidFrameException.class);
        assertThat(channel.inboundMessages()).isEmpty();
    }

    @Test
    void rejectsAMaximumBelowTheSmallestFrame() {
        assertThatThrownBy(() -> new FrameDecoder(FrameCodec.MIN_FRAME_BYTES - 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void write(byte[] bytes, int offset, int length) {
        ByteBuf input = Unpooled.buffer(length).writeBytes(bytes, offset, length);
        inputs.add(input);
        channel.writeInbound(input);
    }

    private void assertReceived(List<byte[]> frames, String description) {
        for (byte[] expected : frames) {
            ByteBuf frame = channel.readInbound();
            assertThat(frame).as(description).isNotNull();
            try {
                byte[] actual = new byte[frame.readableBytes()];
                frame.readBytes(actual);
                assertThat(actual).as(description).isEqualTo(expected);
            } finally {
                frame.release();
            }
        }
        Object next = channel.readInbound();
        assertThat(next).as(description).isNull();
    }

    /** A frame body of {@code size} bytes whose content tells frames apart. */
    private static byte[] body(int size, int seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] sizePrefix(int size) {
        return ByteBuffer.allocate(4).putInt(size).array();
    }

    private static byte[] concat(List<byte[]> bodies) {
        ByteBuffer stream = ByteBuffer.allocate(bodies.stream().mapToInt(b -> 4 + b.length).sum());
        for (byte[] body : bodies) {
            stream.putInt(body.length).put(body);
        }
        return stream.array();
    }
}
