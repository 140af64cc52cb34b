package dev.partita.broker.partition;

import java.util.Map;
import java.util.Set;

/**
 * How much unconsumed data one partition of a destination may hold, and how long a produce waits
 * for space when it holds that much (the full-queue policy, DESIGN.md "Retention of queues and
 * durable subscriptions").
 *
 * <p>Unconsumed bytes are the bytes of the log from the retention floor (the oldest unacknowledged
 * message of the queue, or of the slowest durable subscription) to the log end: what retention may
 * not delete. A topic without durable subscriptions has no floor and is never full. A partition is
 * full when its unconsumed bytes are at or above {@code maxBytes}; the produce that crosses the
 * limit is stored whole (so no message is too big to ever fit). A produce to a full partition
 * waits up to {@code blockMs} for acknowledgements to free space, then fails with
 * {@code DESTINATION_FULL}; {@code blockMs} 0 fails it at once.
 *
 * <p>A destination overrides the broker defaults with its configs {@value #MAX_BYTES_CONFIG} and
 * {@value #BLOCK_MS_CONFIG}. Immutable.
 *
 * @param maxBytes the limit per partition, -1 for none
 * @param blockMs  how long a produce to a full partition waits for space
 */
public record DestinationQuota(long maxBytes, long blockMs) {

    /** Destination config: the unconsumed-bytes limit of each partition (-1 = none). */
    public static final String MAX_BYTES_CONFIG = "max.unconsumed.bytes";
    /** Destination config: how long a produce to a full partition waits for space (0 = fail at once). */
    public static final String BLOCK_MS_CONFIG = "full.block.ms";
    /** The destination configs this class reads. */
    public static final Set<String> CONFIGS = Set.of(MAX_BYTES_CONFIG, BLOCK_MS_CONFIG);

    /** No limit: the quota of internal appends (dead-letter moves) and of destinations without one. */
    public static final DestinationQuota UNLIMITED = new DestinationQuota(-1, 0);

    public DestinationQuota {
        if (maxBytes < -1) {
            throw new IllegalArgumentException(MAX_BYTES_CONFIG + " must be -1 (no limit) or more, got " + maxBytes);
        }
        if (blockMs < 0) {
            throw new IllegalArgumentException(BLOCK_MS_CONFIG + " must be 0 or more, got " + blockMs);
        }
    }

    public boolean limited() {
        return maxBytes >= 0;
    }

    /** Whether a partition holding {@code unconsumedBytes} takes no more produces. */
    public boolean isFull(long unconsumedBytes) {
        return limited() && unconsumedBytes >= maxBytes;
    }

    /**
     * The quota of a destination: its configs over {@code defaults}.
     *
     * @throws IllegalArgumentException for a config that is not a number in range
     */
    public static DestinationQuota of(Map<String, String> configs, DestinationQuota defaults) {
        String max = configs.get(MAX_BYTES_CONFIG);
        String block = configs.get(BLOCK_MS_CONFIG);
        if (max == null && block == null) {
            return defaults;
        }
        return new DestinationQuota(max == null ? defaults.maxBytes() : parse(MAX_BYTES_CONFIG, max),
                block == null ? defaults.blockMs() : parse(BLOCK_MS_CONFIG, block));
    }

    private static long parse(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'");
        }
    }
}
