package dev.partita.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.storage.log.FlushPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        BrokerConfig c = BrokerConfig.defaults();
        assertThat(c.brokerId()).isZero();
        assertThat(c.port()).isEqualTo(7676);
        assertThat(c.host()).isEqualTo("localhost");
        assertThat(c.advertisedHost()).isEqualTo("localhost");
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.embeddedZooKeeper()).isTrue();
        assertThat(c.zookeeperEmbeddedPort()).isEqualTo(2281);
        assertThat(c.autoCreateTopics()).isTrue();
        assertThat(c.numPartitions()).isEqualTo(1);
        assertThat(c.defaultReplicationFactor()).isEqualTo((short) 1);
        assertThat(c.maxFrameBytes()).isEqualTo(100 * 1024 * 1024);
        assertThat(c.allowAnonymous()).isTrue();
        assertThat(c.usersFile()).isEmpty();
        assertThat(c.logDefaults().flushPolicy()).isEqualTo(FlushPolicy.GROUP_COMMIT);
    }

    @Test
    void overridesParseAndLogSettingsReachTheLogDefaults() {
        BrokerConfig c = BrokerConfig.fromProperties(Map.of("port", "9000", "zookeeper.connect", "zk1:2181,zk2:2181",
                "auto.create.topics.enable", "false", "log.flush.policy", "per-batch", "log.segment.bytes", "1048576"));
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.embeddedZooKeeper()).isFalse();
        assertThat(c.zookeeperConnect()).isEqualTo("zk1:2181,zk2:2181");
        assertThat(c.autoCreateTopics()).isFalse();
        assertThat(c.logDefaults().flushPolicy()).isEqualTo(FlushPolicy.PER_BATCH);
        assertThat(c.logDefaults().segmentBytes()).isEqualTo(1048576);
        assertThat(c.with("port", "9001").port()).isEqualTo(9001);
    }

    @Test
    void mistakesNameTheSetting() {
        assertThatThrownBy(() -> BrokerConfig.fromProperties(Map.of("prot", "1"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("prot");
        assertThatThrownBy(() -> BrokerConfig.fromProperties(Map.of("port", "seventy"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("port");
        assertThatThrownBy(() -> BrokerConfig.fromProperties(Map.of("port", "70000"))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> BrokerConfig.fromProperties(Map.of("allow.anonymous", "yes"))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> BrokerConfig.fromProperties(Map.of("log.segment.bites", "1"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("log.segment.bites");
        assertThatThrownBy(() -> BrokerConfig.fromProperties(Map.of("log.flush.policy", "sometimes")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("flush.policy");
    }

    @Test
    void everySettingIsDocumentedWithItsDefault() throws Exception {
        Path doc = repositoryRoot().resolve("docs/configuration.md");
        String text = Files.readString(doc);
        for (Setting s : BrokerConfig.SETTINGS) {
            assertThat(text).as("docs/configuration.md documents " + s.key()).contains("`" + s.key() + "`");
            if (!s.key().equals(BrokerConfig.NUM_IO_THREADS) && !s.key().equals(BrokerConfig.NUM_PARTITION_THREADS)
                    && !s.key().startsWith(BrokerConfig.LOG_PREFIX + "<")) {
                assertThat(text).as("default of " + s.key()).contains("`" + s.key() + "` | " + (s.defaultValue().isEmpty() ? "(empty)" : "`" + s.defaultValue() + "`"));
            }
        }
    }

    static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
