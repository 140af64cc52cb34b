package dev.partita.client.producer;

import dev.partita.protocol.message.TopicKey;

/**
 * Picks the partition of a record sent without an explicit one. Called by {@code send} on the
 * caller's thread, possibly from several threads at once: implementations must be thread-safe.
 */
@FunctionalInterface
public interface PartitionChooser {

    /** A partition in {@code [0, partitionCount)} for a record of {@code topic} with this key. */
    int partition(TopicKey topic, byte[] key, int partitionCount);

    /**
     * The default: one partition per topic for the producer's whole life, chosen at random on first
     * use, so everything one producer sends to a topic stays in order in one partition (the
     * provider's ordering rule, "a session keeps one partition per destination", builds on this).
     */
    static PartitionChooser sticky() {
        return new StickyPartitionChooser();
    }
}
