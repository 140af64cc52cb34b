package dev.partita.broker.cache;

import dev.partita.broker.zk.CacheMemberRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the cache a broker runs with: the Hazelcast one, or the no-op one if disabled or failing to start. */
public final class OffsetCaches {

    private static final Logger log = LoggerFactory.getLogger(OffsetCaches.class);

    /** How long a broker waits before it starts its member again after a failed start. */
    public static final Duration START_RETRY_DELAY = Duration.ofSeconds(60);

    private OffsetCaches() {
    }

    /**
     * The Hazelcast cache if {@code settings.enabled()} and its member starts within the startup
     * timeout; otherwise a {@link NoOpOffsetCache} and a warning. Never throws for a cache failure: the
     * broker runs on without it.
     */
    public static OffsetCache startOrNoOp(OffsetCacheConfig settings, CacheMemberRegistry registry, int brokerId, String zkRoot) {
        if (!settings.enabled()) {
            log.info("Offset cache disabled (cache.enabled=false): lag and describe queries answer empty");
            return new NoOpOffsetCache();
        }
        try {
            return HazelcastOffsetCache.start(settings, registry, brokerId, zkRoot);
        } catch (RuntimeException e) {
            registry.close(); // a half-started member may have published its address
            log.warn("Offset cache unavailable, the broker runs without it (lag and describe queries answer empty): {}",
                    e.getMessage(), e);
            return new NoOpOffsetCache();
        }
    }
}
