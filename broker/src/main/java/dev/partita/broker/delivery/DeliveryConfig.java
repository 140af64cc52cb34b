package dev.partita.broker.delivery;

/**
 * Settings of a subscription partition's leader.
 *
 * @param maxDeliveryCount   deliveries after which a released message goes to the dead-letter
 *                           queue (the destination's setting; default 10)
 * @param leaseTimeoutMs     a connection that has not heartbeated for this long loses its
 *                           sessions' acquisitions (default 30 s)
 * @param sessionRetentionMs how long an expired session is remembered as a tombstone after its
 *                           connection's lease ran out, so late requests at its old epoch are told
 *                           {@link DeliveryError#STALE_SESSION_EPOCH} (default 10 min). Must exceed
 *                           the time a client keeps trying to reconnect before it fails the
 *                           connection (its {@code reconnectTimeout}): a client that came back
 *                           after its tombstone was forgotten would not learn that its prefetch is
 *                           stale (its acks would still fail, as the offsets are not held).
 */
public record DeliveryConfig(int maxDeliveryCount, long leaseTimeoutMs, long sessionRetentionMs) {

    public static final int DEFAULT_MAX_DELIVERY_COUNT = 10;
    public static final long DEFAULT_LEASE_TIMEOUT_MS = 30_000;
    public static final long DEFAULT_SESSION_RETENTION_MS = 600_000;

    public DeliveryConfig {
        if (maxDeliveryCount < 1) {
            throw new IllegalArgumentException("maxDeliveryCount must be at least 1, got " + maxDeliveryCount);
        }
        if (leaseTimeoutMs <= 0 || sessionRetentionMs < 0) {
            throw new IllegalArgumentException("lease timeout must be positive and session retention not negative");
        }
    }

    public static DeliveryConfig defaults() {
        return new DeliveryConfig(DEFAULT_MAX_DELIVERY_COUNT, DEFAULT_LEASE_TIMEOUT_MS, DEFAULT_SESSION_RETENTION_MS);
    }
}
