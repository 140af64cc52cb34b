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

    /**
     * Regression: the leader answered STALE_SESSION_EPOCH for a lease expiry it had proposed but
     * not committed; a restart lost the expiry, the client had moved to the next epoch, and a late
     * ack at the old (still valid) epoch was accepted. Now an uncommitted expiry answers IN_FLIGHT.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void seed1UncommittedExpiryIsNotReportedAsStale() {
        try (MemoryStateStore store = new MemoryStateStore()) {
            new DeliverySimulation(1, store).run(2_000);
        }
    }

    /** Regression: the same hole, on the storage log with unsynced bytes dropped. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void seed1002UncommittedExpiryIsNotReportedAsStaleOnAStorageLog(@TempDir Path dir) {
        try (LogStateStore store = new LogStateStore(dir.resolve("p-1002.state"))) {
            new DeliverySimulation(1002, store).run(1_000);
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
