package dev.partita.broker.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of a broker's offset-cache member (the broker settings {@code cache.*}).
 *
 * @param enabled            {@code cache.enabled}: false runs the broker with the no-op cache
 * @param host               {@code cache.host}: the address the member binds and advertises (an IP
 *                           address or a name resolving to one of this host's interfaces)
 * @param port               {@code cache.port}: the first port tried (0 = any free port)
 * @param portCount          {@code cache.port.count}: ports tried from {@code port} upwards
 *                           ({@code port} .. {@code port + portCount - 1}); ignored for port 0
 * @param startupTimeout     {@code cache.startup.timeout.ms}: how long a broker waits for its member
 *                           to start and join before running on without the cache
 * @param requestTimeout     {@code cache.request.timeout.ms}: bound of every Hazelcast operation and read
 * @param writeQueueCapacity {@code cache.write.queue.capacity}: distinct keys waiting to be written;
 *                           beyond it writes are dropped
 * @param maxInFlightWrites  {@code cache.write.max.in.flight}: writes sent to Hazelcast and not yet answered
 */
public record OffsetCacheConfig(boolean enabled, String host, int port, int portCount, Duration startupTimeout,
                                Duration requestTimeout, int writeQueueCapacity, int maxInFlightWrites) {

    public static final int DEFAULT_PORT = 5710;
    public static final int DEFAULT_PORT_COUNT = 100;
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_WRITE_QUEUE_CAPACITY = 10_000;
    public static final int DEFAULT_MAX_IN_FLIGHT_WRITES = 1_000;

    public OffsetCacheConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("cache.port must be 0..65535: " + port);
        }
        if (portCount < 1) {
            throw new IllegalArgumentException("cache.port.count must be >= 1: " + portCount);
        }
        if (writeQueueCapacity < 1 || maxInFlightWrites < 1) {
            throw new IllegalArgumentException("cache write queue capacity and in-flight limit must be >= 1");
        }
    }

    /** The defaults, binding {@code host}. */
    public static OffsetCacheConfig defaults(String host) {
        return new OffsetCacheConfig(true, host, DEFAULT_PORT, DEFAULT_PORT_COUNT, DEFAULT_STARTUP_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_WRITE_QUEUE_CAPACITY, DEFAULT_MAX_IN_FLIGHT_WRITES);
    }

    public OffsetCacheConfig withPort(int newPort) {
        return new OffsetCacheConfig(enabled, host, newPort, portCount, startupTimeout, requestTimeout,
                writeQueueCapacity, maxInFlightWrites);
    }

    public OffsetCacheConfig withStartupTimeout(Duration timeout) {
        return new OffsetCacheConfig(enabled, host, port, portCount, timeout, requestTimeout,
                writeQueueCapacity, maxInFlightWrites);
    }

    public OffsetCacheConfig withWriteLimits(int queueCapacity, int inFlight) {
        return new OffsetCacheConfig(enabled, host, port, portCount, startupTimeout, requestTimeout,
                queueCapacity, inFlight);
    }
}
