package dev.partita.broker.cache;

import com.hazelcast.config.Config;
import com.hazelcast.config.DiscoveryStrategyConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.spi.discovery.DiscoveryStrategyFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Builds the configuration of a broker's embedded Hazelcast member: discovery through ZooKeeper only
 * (multicast, TCP-IP lists and auto-detection off), no phone-home, no metrics, no Jet, no shutdown
 * hook of its own (the broker stops it), logging through SLF4J, short join and merge delays, and the
 * offset map ({@link #MAP_NAME}: no synchronous backup, one asynchronous backup, because losing a
 * cache entry costs only freshness).
 */
final class HazelcastMemberConfig {

    static final String MAP_NAME = "partita-offsets";

    /**
     * How long an entry lives after its last write. Leaders rewrite their entries at least every
     * {@link OffsetCache#REFRESH_INTERVAL_MS}, so only entries of subscriptions or leaders that are gone expire.
     */
    static final int ENTRY_TIME_TO_LIVE_SECONDS = 60;

    /** How soon, and how often after, a member looks for other clusters of the same name to merge with. */
    static final int MERGE_DELAY_SECONDS = 5;

    private HazelcastMemberConfig() {
    }

    static Config build(OffsetCacheConfig settings, String clusterName, String instanceName,
                        DiscoveryStrategyFactory discovery) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setInstanceName(instanceName);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.discovery.enabled", "true");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.health.monitoring.level", "OFF");
        // join at once; give up joining (and run alone, merging later) well inside the startup timeout
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "1");
        long joinSeconds = Math.max(1, settings.startupTimeout().toSeconds() / 2);
        config.setProperty("hazelcast.max.join.seconds", Long.toString(joinSeconds));
        config.setProperty("hazelcast.merge.first.run.delay.seconds", Integer.toString(MERGE_DELAY_SECONDS));
        config.setProperty("hazelcast.merge.next.run.delay.seconds", Integer.toString(MERGE_DELAY_SECONDS));
        config.setProperty("hazelcast.operation.call.timeout.millis", Long.toString(settings.requestTimeout().toMillis()));
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "10");
        config.getMetricsConfig().setEnabled(false);
        config.getJetConfig().setEnabled(false);

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port());
        network.setPortAutoIncrement(settings.port() != 0 && settings.portCount() > 1);
        network.setPortCount(settings.portCount());
        network.getInterfaces().setEnabled(true).addInterface(ipOf(settings.host()));
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getDiscoveryConfig().addDiscoveryStrategyConfig(new DiscoveryStrategyConfig(discovery));

        CacheSerialization.register(config.getSerializationConfig());
        // entries nobody refreshes (a deleted subscription, a leader that went away) expire
        config.addMapConfig(new MapConfig(MAP_NAME).setBackupCount(0).setAsyncBackupCount(1).setStatisticsEnabled(false)
                .setTimeToLiveSeconds(ENTRY_TIME_TO_LIVE_SECONDS));
        return config;
    }

    /** Hazelcast's interface list wants an address, not a name. */
    private static String ipOf(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cache.host does not resolve: " + host, e);
        }
    }
}
