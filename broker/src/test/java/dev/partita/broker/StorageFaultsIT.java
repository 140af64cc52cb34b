package dev.partita.broker;

import static dev.partita.broker.Requests.produce;
import static dev.partita.broker.Requests.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.Requests.OffsetValue;
import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.ProduceResponse.PartitionProduceResult;
import dev.partita.protocol.message.TopicKey;
import dev.partita.storage.file.CrashSimulatingFileIO;
import dev.partita.storage.file.FileIO;
import dev.partita.storage.manager.LogManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage faults under a running broker, injected through the file layer every byte goes through:
 * a full disk, and a power loss that drops every byte not yet fsynced.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StorageFaultsIT {

    @TempDir
    Path dataDir;

    @Test
    void aFullDiskFailsTheProduceAndLeavesTheLogConsistent() throws Exception {
        CrashSimulatingFileIO io = CrashSimulatingFileIO.wrappingReal();
        TopicKey topic = TopicKey.topic("full-disk");
        try (PartitaBroker broker = start(io); RawClient client = RawClient.connect(broker)) {
            assertThat(produce(client, topic, 0, Acks.ALL, "before").error()).isEqualTo(Errors.NONE);

            io.failWithNoSpace(true);
            PartitionProduceResult failed = produce(client, topic, 0, Acks.ALL, "lost-1", "lost-2");
            assertThat(failed.error()).isEqualTo(Errors.STORAGE_ERROR);
            assertThat(failed.errorMessage()).isNotBlank();

            io.failWithNoSpace(false);
            PartitionProduceResult after = produce(client, topic, 0, Acks.ALL, "after");
            assertThat(after.error()).isEqualTo(Errors.NONE);
            assertThat(after.baseOffset()).as("the failed append used no offset").isEqualTo(1);
            assertThat(readAll(client, topic, 0, 0)).containsExactly(new OffsetValue(0, "before"), new OffsetValue(1, "after"));
        }
    }

    @Test
    void aPowerLossKeepsEveryAcksAllRecordAndReusesNoAcknowledgedOffset() throws Exception {
        CrashSimulatingFileIO io = CrashSimulatingFileIO.wrappingReal();
        TopicKey topic = TopicKey.queue("power-loss");
        List<String> acknowledged = new ArrayList<>();
        PartitaBroker broker = start(io);
        try (RawClient client = RawClient.connect(broker)) {
            for (int i = 0; i < 20; i++) {
                assertThat(produce(client, topic, 0, Acks.ALL, "all-" + i).error()).isEqualTo(Errors.NONE);
                acknowledged.add("all-" + i);
            }
            // acks=LEADER records are written but maybe not fsynced: a power loss may take them.
            for (int i = 0; i < 5; i++) {
                assertThat(produce(client, topic, 0, Acks.LEADER, "leader-" + i).error()).isEqualTo(Errors.NONE);
            }
            io.crash(); // every file back to its fsynced bytes, every handle closed
        } finally {
            broker.close(); // fails to flush the closed files; only the marker must not count
        }
        Files.deleteIfExists(dataDir.resolve(LogManager.CLEAN_SHUTDOWN_FILE)); // the machine died, nobody wrote it

        try (PartitaBroker restarted = start(FileIO.real()); RawClient client = RawClient.connect(restarted)) {
            Awaitility.await().atMost(20, TimeUnit.SECONDS).pollInterval(50, TimeUnit.MILLISECONDS).untilAsserted(() ->
                    assertThat(readAll(client, topic, 0, 0)).extracting(OffsetValue::value)
                            .startsWith(acknowledged.toArray(String[]::new)));
            List<OffsetValue> survived = readAll(client, topic, 0, 0);
            PartitionProduceResult next = produce(client, topic, 0, Acks.ALL, "after-crash");
            assertThat(next.baseOffset()).isEqualTo(survived.size()).isGreaterThanOrEqualTo(acknowledged.size());
        }
    }

    private PartitaBroker start(FileIO io) {
        return new PartitaBroker(TestBrokers.config(dataDir, Map.of()), io, Clock.systemUTC()).start();
    }
}
