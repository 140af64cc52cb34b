package dev.partita.client.metadata;

import dev.partita.protocol.message.TopicKey;
import java.util.Objects;

/** One partition of one log topic. Immutable; used as a map key throughout the client. */
public record TopicPartition(TopicKey topic, int partition) {

    public TopicPartition {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative: " + partition);
        }
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
