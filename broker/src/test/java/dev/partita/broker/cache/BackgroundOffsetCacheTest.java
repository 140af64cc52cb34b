package dev.partita.broker.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BackgroundOffsetCacheTest {

    /** A cache that says it runs (the no-op cache's behaviour otherwise), and whether it was closed. */
    static final class RunningCache implements OffsetCache {
        private final NoOpOffsetCache inner = new NoOpOffsetCache();
        volatile boolean closed;

        @Override
        public void put(OffsetKey key, OffsetEntry entry) {
            inner.put(key, entry);
        }

        @Override
        public CompletableFuture<Optional<OffsetEntry>> get(OffsetKey key) {
            return inner.get(key);
        }

        @Override
        public CompletableFuture<SortedMap<OffsetKey, OffsetEntry>> describe(SubscriptionGeneration subscription) {
            return inner.describe(subscription);
        }

        @Override
        public CompletableFuture<SortedMap<OffsetKey, OffsetEntry>> entries(Collection<String> logIds) {
            return inner.entries(logIds);
        }

        @Override
        public CompletableFuture<List<LagTotal>> lagTotals() {
            return inner.lagTotals();
        }

        @Override
        public boolean isAvailable() {
            return !closed;
        }

        @Override
        public OffsetCacheStats stats() {
            return inner.stats();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aFailedStartIsTriedAgainUntilACacheRuns() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        RunningCache running = new RunningCache();
        try (BackgroundOffsetCache cache = new BackgroundOffsetCache(
                () -> attempts.incrementAndGet() < 3 ? new NoOpOffsetCache() : running, Duration.ofMillis(10))) {
            assertThat(cache.started().get(10, TimeUnit.SECONDS)).isSameAs(running);
            assertThat(attempts).hasValue(3);
            assertThat(cache.retries()).isEqualTo(2);
            assertThat(cache.isAvailable()).isTrue();
        }
        assertThat(running.closed).as("closed with the background cache").isTrue();
    }

    @Test
    void closingWhileWaitingToRetryEndsTheStartAtOnce() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        BackgroundOffsetCache cache = new BackgroundOffsetCache(() -> {
            attempts.incrementAndGet();
            return new NoOpOffsetCache();
        }, Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() == 1);
        cache.close();
        assertThat(cache.started().get(5, TimeUnit.SECONDS).isAvailable()).isFalse();
        assertThat(attempts).hasValue(1);
        assertThat(cache.retries()).isZero();
    }

    @Test
    void withoutARetryDelayAFailedStartIsFinal() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (BackgroundOffsetCache cache = new BackgroundOffsetCache(() -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("no member");
        })) {
            assertThat(cache.started().get(5, TimeUnit.SECONDS)).isInstanceOf(NoOpOffsetCache.class);
            assertThat(cache.isAvailable()).isFalse();
            assertThat(attempts).hasValue(1);
        }
    }
}
