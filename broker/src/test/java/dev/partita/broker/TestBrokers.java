package dev.partita.broker;

import dev.partita.broker.config.BrokerConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Broker configurations for tests: loopback, ports picked at run time, small thread counts. */
public final class TestBrokers {

    private TestBrokers() {
    }

    /** Settings of an in-process test broker in {@code dataDir}, plus {@code extra}. */
    public static BrokerConfig config(Path dataDir, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put(BrokerConfig.HOST, "127.0.0.1");
        settings.put(BrokerConfig.PORT, "0");
        settings.put(BrokerConfig.ZOOKEEPER_EMBEDDED_PORT, "0");
        settings.put(BrokerConfig.DATA_DIR, dataDir.toString());
        settings.put(BrokerConfig.NUM_IO_THREADS, "2");
        settings.put(BrokerConfig.NUM_PARTITION_THREADS, "2");
        settings.put(BrokerConfig.ZOOKEEPER_SESSION_TIMEOUT_MS, "6000");
        settings.put(BrokerConfig.ZOOKEEPER_CONNECTION_TIMEOUT_MS, "6000");
        settings.put(BrokerConfig.SHUTDOWN_TIMEOUT_MS, "5000");
        // Hazelcast takes seconds of CPU to start: off unless a test is about the offset cache (cacheOn)
        settings.put(BrokerConfig.CACHE_ENABLED, "false");
        settings.putAll(extra);
        return BrokerConfig.fromProperties(settings);
    }

    /** Settings that switch the offset cache on for a test: loopback, a free port (joining gets half the 30 s startup bound: less failed joins on a loaded machine). */
    public static Map<String, String> cacheOn() {
        return Map.of(BrokerConfig.CACHE_ENABLED, "true", BrokerConfig.CACHE_HOST, "127.0.0.1",
                BrokerConfig.CACHE_PORT, "0", BrokerConfig.CACHE_STARTUP_TIMEOUT_MS, "30000");
    }

    public static BrokerConfig config(Path dataDir) {
        return config(dataDir, Map.of());
    }

    /** Starts a broker; the caller closes it. */
    public static PartitaBroker start(Path dataDir, Map<String, String> extra) {
        return new PartitaBroker(config(dataDir, extra)).start();
    }
}
