package dev.partita.broker.subscription;

import dev.partita.broker.cache.OffsetCache;
import dev.partita.broker.cache.OffsetEntry;
import dev.partita.broker.cache.OffsetKey;
import dev.partita.broker.delivery.DeliveryLeader;
import dev.partita.broker.delivery.DeliveryState;
import dev.partita.broker.delivery.Run;
import dev.partita.broker.delivery.SessionInfo;
import dev.partita.broker.delivery.StateLog.StateKey;
import dev.partita.broker.partition.Partition;
import dev.partita.broker.zk.LogPartition;
import dev.partita.protocol.message.SubscriptionKey;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes the progress of the subscriptions of the partitions this broker leads to the offset
 * cache: per subscription and partition the committed start, the log end (high watermark), the lag
 * and the sessions holding a lease, versioned by (leader epoch, applied state offset). Called on the
 * partition's thread by the lease timer (about once a second), never on a request's path; an entry
 * goes out only when it changed or has not been written for {@link OffsetCache#REFRESH_INTERVAL_MS}
 * (so the cache's time to live removes only what no leader holds any more). {@link OffsetCache#put}
 * never blocks, and nothing the broker decides reads the cache back.
 *
 * <p>The cache key's subscription string is the subscription key's {@code p.state} encoding in
 * URL-safe Base64 ({@link #subscriptionOf} reads it back), so every kind of key round-trips exactly.
 *
 * <p>Thread-safe: each partition's entries are touched only on that partition's thread.
 */
final class OffsetPublisher {

    private final OffsetCache cache;
    /** What was last written per led partition; replaced at each publication (dropped subscriptions go). */
    private final Map<LogPartition, Map<OffsetKey, OffsetEntry>> published = new ConcurrentHashMap<>();

    OffsetPublisher(OffsetCache cache) {
        this.cache = cache;
    }

    OffsetCache cache() {
        return cache;
    }

    /** Partition thread: writes what changed in {@code state} since the last call (or is due a refresh). */
    void publish(Partition data, StatePartition state, long nowMs) {
        if (state.leaderEpoch() < 0 || state.leaderEpoch() != data.leaderEpoch()) {
            return; // not rebuilt for this leadership yet: nothing trustworthy to say
        }
        LogPartition id = data.id();
        Map<OffsetKey, OffsetEntry> before = published.getOrDefault(id, Map.of());
        Map<OffsetKey, OffsetEntry> now = new HashMap<>();
        long logEnd = data.highWatermark();
        for (Map.Entry<StateKey, DeliveryLeader> subscription : state.leaders().entrySet()) {
            byte[] bytes = subscription.getKey().bytes();
            OffsetKey key = new OffsetKey(subscriptionString(subscription.getKey()), generationOf(bytes), id.logId(),
                    id.partition());
            DeliveryState delivery = subscription.getValue().state();
            OffsetEntry entry = new OffsetEntry(delivery.start(), logEnd, lag(delivery, logEnd), consumers(delivery),
                    data.leaderEpoch(), state.appliedStateOffset(), nowMs);
            OffsetEntry last = before.get(key);
            if (last != null && last.sameProgressAs(entry) && nowMs - last.updatedAtMs() < OffsetCache.REFRESH_INTERVAL_MS) {
                now.put(key, last);
            } else {
                cache.put(key, entry);
                now.put(key, entry);
            }
        }
        published.put(id, now);
    }

    /** Partition thread: this broker no longer leads {@code id}. */
    void forget(LogPartition id) {
        published.remove(id);
    }

    /** Offsets in {@code [start, logEnd)} neither acknowledged nor archived. */
    static long lag(DeliveryState state, long logEnd) {
        long lag = Math.max(0, logEnd - state.start());
        for (Run run : state.runs()) {
            if (run.first() >= logEnd) {
                break;
            }
            if (run.status().isFinished()) {
                lag -= Math.min(run.last(), logEnd - 1) - run.first() + 1;
            }
        }
        return lag;
    }

    private static int consumers(DeliveryState state) {
        int live = 0;
        for (SessionInfo session : state.sessions().values()) {
            if (!session.expired()) {
                live++;
            }
        }
        return live;
    }

    /** The cache's subscription string of a state key: its encoding without the generation, URL-safe Base64. */
    static String subscriptionString(StateKey key) {
        byte[] bytes = key.bytes();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(bytes, bytes.length - Long.BYTES));
    }

    private static long generationOf(byte[] stateKey) {
        return ByteBuffer.wrap(stateKey, stateKey.length - Long.BYTES, Long.BYTES).getLong();
    }

    /**
     * The subscription key a cache entry's subscription string names (the inverse of the encoding
     * above, {@link StateKeys#of} without the generation), or empty for a string this build cannot read.
     */
    static Optional<SubscriptionKey> subscriptionOf(String cached) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(cached)))) {
            byte kind = in.readByte();
            SubscriptionKey key;
            if (kind == SubscriptionKey.Kind.QUEUE.code()) {
                key = SubscriptionKey.queue(in.readUTF());
            } else if (kind == SubscriptionKey.Kind.PRIVATE.code()) {
                key = SubscriptionKey.privateTo(new UUID(in.readLong(), in.readLong()), in.readLong());
            } else if (kind == SubscriptionKey.Kind.DURABLE.code()) {
                key = SubscriptionKey.durable(in.readBoolean() ? in.readUTF() : null, in.readUTF());
            } else if (kind == SubscriptionKey.Kind.SHARED.code()) {
                key = SubscriptionKey.shared(in.readBoolean() ? in.readUTF() : null, in.readUTF());
            } else {
                return Optional.empty();
            }
            return in.available() == 0 ? Optional.of(key) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // not ours, or from a newer build
        }
    }
}
