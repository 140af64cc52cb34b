package dev.partita.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.partita.protocol.message.ApiKey;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Corrupted and random frames either decode or fail with the protocol's own exceptions: never an
 * IndexOutOfBounds, BufferUnderflow, NegativeArraySize, OutOfMemory or NullPointer from deep
 * inside. That is what lets the broker close one bad connection and carry on.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FrameFuzzTest {

    private static final int SEEDS = 400;

    @ParameterizedTest
    @EnumSource(ApiKey.class)
    void corruptedRequestsFailCleanly(ApiKey key) {
        for (long seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            ByteBuffer body = Frames.body(FrameCodec.encodeRequest(RequestHeader.latest(key, 1),
                    new RandomMessages(seed).request(key)));
            ByteBuffer corrupted = corrupt(body, random);
            String description = key + " request, seed " + seed;
            try {
                FrameCodec.decodeRequest(corrupted);
            } catch (InvalidFrameException | UnsupportedApiException expected) {
                assertThat(expected.getMessage()).as(description).isNotBlank();
            } catch (RuntimeException | Error e) {
                fail(description + " failed with " + e, e);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ApiKey.class)
    void corruptedResponsesFailCleanly(ApiKey key) {
        for (long seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            ByteBuffer body = Frames.body(FrameCodec.encodeResponse(1, key.maxVersion(),
                    new RandomMessages(seed).response(key)));
            ByteBuffer corrupted = corrupt(body, random);
            String description = key + " response, seed " + seed;
            try {
                FrameCodec.decodeResponse(key, key.maxVersion(), corrupted);
            } catch (InvalidFrameException | ErrorResponseException expected) {
                assertThat(expected.getMessage()).as(description).isNotNull();
            } catch (RuntimeException | Error e) {
                fail(description + " failed with " + e, e);
            }
        }
    }

    @Test
    void randomGarbageFailsCleanly() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] garbage = new byte[random.nextInt(64)];
            random.nextBytes(garbage);
            if (garbage.length >= 2 && random.nextBoolean()) {
                // steer half of them to a known API so the bodies get parsed too
                garbage[0] = 0;
                garbage[1] = (byte) random.nextInt(ApiKey.values().length);
                if (garbage.length >= 4) {
                    garbage[2] = 0;
                    garbage[3] = 0;
                }
            }
            try {
                FrameCodec.decodeRequest(ByteBuffer.wrap(garbage));
            } catch (InvalidFrameException | UnsupportedApiException expected) {
                // fine
            } catch (RuntimeException | Error e) {
                fail("garbage #" + i + " failed with " + e, e);
            }
        }
    }

    /** Overwrites one to four bytes, or an int32 with an extreme value, at random places. */
    private static ByteBuffer corrupt(ByteBuffer body, Random random) {
        byte[] bytes = Frames.toArray(body);
        if (bytes.length == 0) {
            return ByteBuffer.wrap(bytes);
        }
        if (random.nextBoolean() && bytes.length >= 4) {
            int[] extremes = {-1, -2, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x7fff, 0xffff, 1 << 20};
            ByteBuffer.wrap(bytes).putInt(random.nextInt(bytes.length - 3), extremes[random.nextInt(extremes.length)]);
        } else {
            for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
        }
        return ByteBuffer.wrap(bytes);
    }
}
