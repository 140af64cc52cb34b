package dev.partita.broker.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class NoOpOffsetCacheTest {

    @Test
    void dropsAndCountsEveryWriteAndAnswersEveryReadEmpty() throws Exception {
        try (NoOpOffsetCache cache = new NoOpOffsetCache()) {
            OffsetKey key = new OffsetKey("queue:orders", 1, "qabc", 0);
            cache.put(key, new OffsetEntry(1, 2, 1, 0, 0, 7, 0));
            cache.put(key, new OffsetEntry(1, 3, 2, 0, 0, 8, 0));

            assertThat(cache.isAvailable()).isFalse();
            assertThat(cache.stats().dropped()).isEqualTo(2);
            assertThat(cache.stats().applied()).isZero();
            assertThat(cache.get(key).get(1, TimeUnit.SECONDS)).isEmpty();
            assertThat(cache.describe(key.subscriptionGeneration()).get(1, TimeUnit.SECONDS)).isEmpty();
            assertThat(cache.lagTotals().get(1, TimeUnit.SECONDS)).isEmpty();
        }
    }
}
