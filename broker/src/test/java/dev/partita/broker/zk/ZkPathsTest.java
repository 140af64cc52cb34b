package dev.partita.broker.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.protocol.message.TopicKey;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.zookeeper.common.PathUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZkPathsTest {

    private final ZkPaths paths = ZkPaths.defaults();

    @Test
    void layoutUnderTheRoot() {
        assertThat(paths.broker(3)).isEqualTo("/partita/brokers/ids/3");
        assertThat(paths.controllerEpoch()).isEqualTo("/partita/controller_epoch");
        assertThat(paths.destination(TopicKey.queue("orders"))).isEqualTo("/partita/destinations/queue/orders");
        assertThat(paths.destination(TopicKey.topic("orders"))).isEqualTo("/partita/destinations/topic/orders");
        assertThat(paths.partitionState("qabc", 7)).isEqualTo("/partita/logs/qabc/partitions/7/state");
        assertThat(new ZkPaths("/a/b").brokerIds()).isEqualTo("/a/b/brokers/ids");
        assertThat(new ZkPaths("/").logs()).isEqualTo("/logs");
    }

    @Test
    void rejectsARootThatIsNotAnAbsolutePath() {
        assertThatThrownBy(() -> new ZkPaths("partita")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZkPaths("/partita/")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "a/b", "/", "zookeeper", "with space", "100%", "%41", "a+b", "tab\there",
        "nul\u0000char", "ünïcödé", "日本語", "emoji \uD83D\uDE00", "\u007F\u0085\uFFFF", "a.b.c", "-_-"})
    void oddNamesBecomeOneValidSegmentAndComeBack(String name) {
        String path = paths.destination(TopicKey.queue(name));
        PathUtils.validatePath(path); // ZooKeeper's own check: throws on an invalid path
        String segment = path.substring(path.lastIndexOf('/') + 1);
        assertThat(segment).matches("[A-Za-z0-9_%-]+");
        assertThat(ZkPaths.unescape(segment)).isEqualTo(name);
        assertThat(paths.topicOf(path)).contains(TopicKey.queue(name));
    }

    @Property(tries = 300)
    void escapingRoundTripsAnyName(@ForAll("names") String name) {
        String segment = ZkPaths.escape(name);
        assertThat(segment).matches("[A-Za-z0-9_%-]+");
        assertThat(ZkPaths.unescape(segment)).isEqualTo(name);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40)
                .filter(s -> { // unpaired surrogates are rejected before escaping (TopicRegistry.validateName)
                    try {
                        TopicRegistry.validateName(s);
                        return true;
                    } catch (InvalidTopicException e) {
                        return false;
                    }
                });
    }

    @Test
    void parsesPartitionStatePaths() {
        assertThat(paths.partitionOf("/partita/logs/qabc/partitions/7/state")).contains(new LogPartition("qabc", 7));
        assertThat(paths.partitionOf("/partita/logs/qabc/partitions/7")).isEmpty();
        assertThat(paths.partitionOf("/partita/logs/qabc/error")).isEmpty();
        assertThat(paths.partitionOf("/partita/logs/qabc/partitions/x/state")).isEmpty();
        assertThat(paths.topicOf("/partita/destinations/queue")).isEmpty();
        assertThat(paths.topicOf("/partita/destinations/other/x")).isEmpty();
    }
}
