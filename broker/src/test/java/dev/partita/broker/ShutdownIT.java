package dev.partita.broker;

import static dev.partita.broker.Requests.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.FetchResponse;
import dev.partita.protocol.message.FetchResponse.PartitionFetchData;
import dev.partita.protocol.message.TopicKey;
import dev.partita.storage.manager.LogManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A graceful stop answers what waits, closes connections, and leaves the clean-shutdown marker. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShutdownIT {

    @TempDir
    Path dataDir;

    @Test
    void aPortInUseFailsTheStartAndReleasesEverythingElse() throws Exception {
        int zookeeperPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            zookeeperPort = probe.getLocalPort();
        }
        Map<String, String> settings = Map.of("zookeeper.embedded.port", String.valueOf(zookeeperPort));
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            PartitaBroker broker = new PartitaBroker(TestBrokers.config(dataDir, settings).with("port", String.valueOf(taken.getLocalPort())));
            assertThatThrownBy(broker::start).hasMessageContaining("Cannot start broker 0");
        }
        // The embedded ZooKeeper's port and the logs were released: the same settings start now.
        try (PartitaBroker broker = TestBrokers.start(dataDir, settings); RawClient client = RawClient.connect(broker)) {
            assertThat(produce(client, TopicKey.queue("after-failed-start"), 0, Acks.ALL, "ok").error()).isEqualTo(Errors.NONE);
        }
    }

    @Test
    void aWaitingLongPollIsAnsweredAndTheMarkerWritten() throws Exception {
        TopicKey topic = TopicKey.topic("stopping");
        PartitaBroker broker = TestBrokers.start(dataDir, Map.of());
        try (RawClient client = RawClient.connect(broker)) {
            assertThat(produce(client, topic, 0, Acks.ALL, "one").error()).isEqualTo(Errors.NONE);
            int poll = client.sendOnly(Requests.fetch(topic, 0, 1, 50_000, 1));
            long start = System.nanoTime();
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(broker::close);

            FetchResponse answer = (FetchResponse) client.read(ApiKey.FETCH, poll);
            PartitionFetchData data = answer.topics().get(0).partitions().get(0);
            assertThat(data.error()).isEqualTo(Errors.NONE);
            assertThat(data.records().sizeInBytes()).isZero();
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("answered at shutdown, not at maxWait").isLessThan(30);
            stopped.get(30, TimeUnit.SECONDS);
            assertThat(client.closedByPeer()).isTrue();
        } finally {
            broker.close();
        }
        assertThat(dataDir.resolve(LogManager.CLEAN_SHUTDOWN_FILE)).exists();

        try (PartitaBroker again = TestBrokers.start(dataDir, Map.of()); RawClient client = RawClient.connect(again)) {
            assertThat(Requests.readAll(client, topic, 0, 0)).extracting(Requests.OffsetValue::value).containsExactly("one");
        }
    }
}
