package dev.partita.broker.delivery;

import java.util.List;
import java.util.Random;

/**
 * Where the simulation persists state records: written records become durable (and may be
 * confirmed) only at {@link #flush()}; a {@link #crashAndRecover crash} keeps every durable record
 * and perhaps a prefix of the unflushed ones.
 */
interface SimulatedStateStore extends AutoCloseable {

    void write(StateRecord record, int leaderEpoch, long nowMs);

    /** Makes everything written durable; returns the records that just became durable, in order. */
    List<StateRecord> flush();

    /** Loses what the crash loses, recovers, and returns every record now stored, in order. */
    List<StateRecord> crashAndRecover(Random random);

    /** The state rebuilt from what is stored (from the latest snapshot on). */
    DeliveryState rebuild();

    @Override
    void close();
}
