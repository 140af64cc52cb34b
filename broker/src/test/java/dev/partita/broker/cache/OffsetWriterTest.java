package dev.partita.broker.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.map.IMap;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The write queue against a Hazelcast map that never answers: bounded, coalescing, never blocking. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OffsetWriterTest {

    private final List<OffsetKey> sent = new CopyOnWriteArrayList<>();

    /** An IMap whose submitToKey records the key and never completes (Hazelcast hanging). */
    @SuppressWarnings("unchecked") // a dynamic proxy of the generic interface
    private IMap<OffsetKey, OffsetEntry> hangingMap() {
        return (IMap<OffsetKey, OffsetEntry>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {IMap.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("submitToKey")) {
                        sent.add((OffsetKey) args[0]);
                        return new CompletableFuture<Boolean>();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static OffsetKey key(int partition) {
        return new OffsetKey("queue:orders", 1, "qorders", partition);
    }

    private static OffsetEntry entry(long stateOffset) {
        return new OffsetEntry(0, 0, 0, 0, 0, stateOffset, 0);
    }

    @Test
    void aHangingClusterCostsDroppedWritesNeverABlockedCaller() {
        // one write may be unanswered, two keys may wait; the writer waits at most 10 s for a free send slot
        OffsetWriter writer = new OffsetWriter(hangingMap(), 2, 1, Duration.ofSeconds(10));
        try {
            writer.put(key(0), entry(1));
            await().until(() -> sent.size() == 1);         // sent, never answered: the one slot is taken
            writer.put(key(1), entry(1));
            await().until(() -> writer.waiting() == 0);    // the writer holds it, waiting for a slot

            long start = System.nanoTime();
            writer.put(key(2), entry(1));
            writer.put(key(3), entry(1));
            writer.put(key(4), entry(1));                  // a third distinct key: the queue is full
            writer.put(key(2), entry(5));                  // a newer write of a waiting key merges with it
            writer.put(key(2), entry(3));                  // an older one merges too, and loses
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

            OffsetCacheStats stats = writer.stats();
            assertThat(stats.accepted()).isEqualTo(6);
            assertThat(stats.coalesced()).isEqualTo(2);
            assertThat(stats.dropped()).isEqualTo(1);
            assertThat(writer.waiting()).isEqualTo(2);
        } finally {
            writer.close();
        }
        // closing drops what waits (keys 2 and 3) and the put after it
        writer.put(key(5), entry(1));
        assertThat(writer.stats().dropped()).isEqualTo(1 + 2 + 1);
        assertThat(sent).containsExactly(key(0));
    }
}
