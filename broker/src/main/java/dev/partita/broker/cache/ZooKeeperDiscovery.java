package dev.partita.broker.cache;

import com.hazelcast.cluster.Address;
import com.hazelcast.config.properties.PropertyDefinition;
import com.hazelcast.logging.ILogger;
import com.hazelcast.spi.discovery.AbstractDiscoveryStrategy;
import com.hazelcast.spi.discovery.DiscoveryNode;
import com.hazelcast.spi.discovery.DiscoveryStrategy;
import com.hazelcast.spi.discovery.DiscoveryStrategyFactory;
import com.hazelcast.spi.discovery.SimpleDiscoveryNode;
import dev.partita.broker.zk.CacheMemberRegistry;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hazelcast's member discovery backed by ZooKeeper (a Discovery SPI strategy, so no static member
 * list and no multicast). When the member starts, after it has bound its port and before it joins,
 * {@code start()} publishes the member's address in {@link CacheMemberRegistry} (an ephemeral node,
 * gone with the broker's session); {@code discoverNodes()} lists the registered members, read from
 * ZooKeeper at each call. Hazelcast calls it while joining and again periodically while looking for
 * other clusters to merge with, so members that started at the same moment and formed two clusters
 * merge within the configured merge delay.
 *
 * <p>Thread-safe (Hazelcast calls it from its own threads; each call reads ZooKeeper and may block).
 */
final class ZooKeeperDiscovery implements DiscoveryStrategyFactory {

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperDiscovery.class);

    private final CacheMemberRegistry registry;
    private final int brokerId;
    private final Duration registrationTimeout;

    ZooKeeperDiscovery(CacheMemberRegistry registry, int brokerId, Duration registrationTimeout) {
        this.registry = registry;
        this.brokerId = brokerId;
        this.registrationTimeout = registrationTimeout;
    }

    @Override
    public Class<? extends DiscoveryStrategy> getDiscoveryStrategyType() {
        return Strategy.class;
    }

    @Override
    @SuppressWarnings("rawtypes") // Hazelcast's SPI signature: property values are raw Comparables
    public DiscoveryStrategy newDiscoveryStrategy(DiscoveryNode self, ILogger logger, Map<String, Comparable> properties) {
        return new Strategy(self, logger, properties);
    }

    @Override
    public Collection<PropertyDefinition> getConfigurationProperties() {
        return List.of();
    }

    private final class Strategy extends AbstractDiscoveryStrategy {

        private final DiscoveryNode self;

        @SuppressWarnings("rawtypes") // as Hazelcast's AbstractDiscoveryStrategy declares it
        Strategy(DiscoveryNode self, ILogger logger, Map<String, Comparable> properties) {
            super(logger, properties);
            this.self = self;
        }

        @Override
        public void start() {
            Address address = self.getPrivateAddress();
            registry.register(brokerId, address.getHost(), address.getPort(), registrationTimeout);
        }

        @Override
        public Iterable<DiscoveryNode> discoverNodes() {
            List<DiscoveryNode> nodes = new ArrayList<>();
            try {
                for (CacheMemberRegistry.Member member : registry.readMembers()) {
                    nodes.add(new SimpleDiscoveryNode(new Address(member.host(), member.port())));
                }
            } catch (UnknownHostException | RuntimeException e) {
                // ZooKeeper unreachable or a bad node: this round finds fewer members; the next one retries
                log.warn("Offset cache: listing members in ZooKeeper failed: {}", e.toString());
            }
            return nodes;
        }

        @Override
        public void destroy() {
            registry.close();
        }
    }
}
