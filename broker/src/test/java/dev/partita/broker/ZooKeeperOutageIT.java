package dev.partita.broker;

import static dev.partita.broker.Requests.produce;
import static dev.partita.broker.Requests.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.Requests.OffsetValue;
import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.ProduceResponse.PartitionProduceResult;
import dev.partita.protocol.message.TopicKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker on an external ZooKeeper ({@code zookeeper.connect}): while ZooKeeper is unreachable it
 * refuses writes with a retriable error (it cannot know whether it still leads), and takes them
 * again once ZooKeeper is back; nothing written before is lost.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ZooKeeperOutageIT {

    @TempDir
    Path dir;

    @Test
    void writesPauseWhileZooKeeperIsAwayAndResumeAfter() throws Exception {
        TopicKey topic = TopicKey.topic("outage");
        try (TestingServer zookeeper = new TestingServer(-1, dir.resolve("zk").toFile(), true)) {
            Map<String, String> settings = Map.of("zookeeper.connect", zookeeper.getConnectString(),
                    "zookeeper.session.timeout.ms", "20000", "zookeeper.connection.timeout.ms", "20000");
            try (PartitaBroker broker = TestBrokers.start(dir.resolve("data"), settings);
                 RawClient client = RawClient.connect(broker)) {
                assertThat(broker.describe()).contains("ZooKeeper " + zookeeper.getConnectString());
                assertThat(produce(client, topic, 0, Acks.ALL, "before").error()).isEqualTo(Errors.NONE);

                zookeeper.stop();
                // Until the broker notices the disconnect, a write may still be taken (and kept).
                List<String> expected = new ArrayList<>(List.of("before"));
                Awaitility.await().atMost(20, TimeUnit.SECONDS).pollInterval(100, TimeUnit.MILLISECONDS).untilAsserted(() -> {
                    PartitionProduceResult attempt = produce(client, topic, 0, Acks.ALL, "early");
                    if (attempt.error() == Errors.NONE) {
                        expected.add("early");
                    }
                    assertThat(attempt.error()).isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER);
                    assertThat(attempt.errorMessage()).contains("ZooKeeper");
                });
                expected.add("after");

                zookeeper.restart();
                Awaitility.await().atMost(30, TimeUnit.SECONDS).pollInterval(100, TimeUnit.MILLISECONDS).untilAsserted(() ->
                        assertThat(produce(client, topic, 0, Acks.ALL, "after").error()).isEqualTo(Errors.NONE));
                assertThat(readAll(client, topic, 0, 0)).extracting(OffsetValue::value).containsExactlyElementsOf(expected);
            }
        }
    }
}
