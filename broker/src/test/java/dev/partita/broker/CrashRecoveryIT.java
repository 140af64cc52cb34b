package dev.partita.broker;

import static dev.partita.broker.Requests.produce;
import static dev.partita.broker.Requests.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.Requests.OffsetValue;
import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.ProduceResponse.PartitionProduceResult;
import dev.partita.protocol.message.TopicKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker process killed with kill -9 and restarted on the same data directory keeps every record
 * it acknowledged with acks=ALL, and hands out no offset twice.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CrashRecoveryIT {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRecordSurvivesKillMinus9() throws Exception {
        Path data = dir.resolve("data");
        TopicKey topic = TopicKey.queue("durable");
        List<String> acknowledged = new ArrayList<>();

        try (BrokerProcess first = start(data)) {
            try (RawClient client = new RawClient("127.0.0.1", first.port())) {
                for (int i = 0; i < 50; i++) {
                    PartitionProduceResult r = produce(client, topic, 0, Acks.ALL, "m" + (2 * i), "m" + (2 * i + 1));
                    assertThat(r.error()).isEqualTo(Errors.NONE);
                    assertThat(r.baseOffset()).isEqualTo(2L * i);
                    acknowledged.add("m" + (2 * i));
                    acknowledged.add("m" + (2 * i + 1));
                }
            }
            first.kill9();
        }
        assertThat(data.resolve(".clean-shutdown")).doesNotExist();

        try (BrokerProcess second = start(data); RawClient client = new RawClient("127.0.0.1", second.port())) {
            // The restarted broker leads again once it has applied the partition state.
            Awaitility.await().atMost(30, TimeUnit.SECONDS).pollInterval(100, TimeUnit.MILLISECONDS).untilAsserted(() ->
                    assertThat(readAll(client, topic, 0, 0)).extracting(OffsetValue::value).containsExactlyElementsOf(acknowledged));
            PartitionProduceResult next = produce(client, topic, 0, Acks.ALL, "after-restart");
            assertThat(next.error()).isEqualTo(Errors.NONE);
            assertThat(next.baseOffset()).as("no offset handed out twice").isEqualTo(acknowledged.size());
            assertThat(second.interrupt()).isZero();
        }
        assertThat(data.resolve(".clean-shutdown")).exists();
    }

    private BrokerProcess start(Path data) throws Exception {
        Files.createDirectories(dir);
        return BrokerProcess.start(BrokerProcess.javaCommand("server", "--host", "127.0.0.1", "--port", "0",
                        "--zookeeper-port", "0", "--data-dir", data.toString(),
                        "--set", "zookeeper.session.timeout.ms=6000", "--set", "zookeeper.connection.timeout.ms=20000",
                        "--set", "num.io.threads=1", "--set", "num.partition.threads=1"),
                dir, Map.of(), dir.resolve("broker.err"));
    }
}
