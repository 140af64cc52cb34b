package dev.partita.broker.zk;

import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import java.util.Objects;

/**
 * A subscription generation that was replaced or deleted: its delivery state (in the {@code p.state}
 * logs of {@code logId}'s partitions) is garbage and may be dropped, after which the tombstone is
 * removed ({@link SubscriptionRegistry#removeTombstone}). Immutable.
 *
 * @param id the tombstone node's name ({@code g-<sequence>})
 */
public record SubscriptionTombstone(String id, SubscriptionKey key, TopicKey topic, String logId, long generation) {

    public SubscriptionTombstone {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(logId, "logId");
    }
}
