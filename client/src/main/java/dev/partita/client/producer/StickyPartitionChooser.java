package dev.partita.client.producer;

import dev.partita.protocol.message.TopicKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keeps one partition per topic, picked at random the first time (so many producers spread over
 * the partitions). The choice never changes on failure: a send to a partition without a leader
 * waits for the new leader instead of moving (moving would reorder). Only if the topic shrinks
 * below the chosen partition (deleted and re-created) is a new one picked. Thread-safe.
 */
final class StickyPartitionChooser implements PartitionChooser {

    private final ConcurrentMap<TopicKey, Integer> chosen = new ConcurrentHashMap<>();

    @Override
    public int partition(TopicKey topic, byte[] key, int partitionCount) {
        if (partitionCount <= 0) {
            throw new IllegalArgumentException("topic " + topic + " has no partitions");
        }
        return chosen.compute(topic, (t, current) ->
                current != null && current < partitionCount ? current : ThreadLocalRandom.current().nextInt(partitionCount));
    }
}
