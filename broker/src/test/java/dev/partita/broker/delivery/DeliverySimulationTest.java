package dev.partita.broker.delivery;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link DeliverySimulation} over many seeds: with an in-memory state log, and with a real
 * storage log over a file layer that loses unsynced bytes on crash.
 */
class DeliverySimulationTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void invariantsHoldForManySeedsWithAnInMemoryStateLog() {
        for (long seed = 0; seed < 200; seed++) {
            try (MemoryStateStore store = new MemoryStateStore()) {
                new DeliverySimulation(seed, store).run(2_000);
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void invariantsHoldWithAStorageLogThatLosesUnsyncedBytes(@TempDir Path dir) {
        for (long seed = 1_000; seed < 1_008; seed++) {
            try (LogStateStore store = new LogStateStore(dir.resolve("p-" + seed + ".state"))) {
                new DeliverySimulation(seed, store).run(1_000);
            }
        }
    }
}
