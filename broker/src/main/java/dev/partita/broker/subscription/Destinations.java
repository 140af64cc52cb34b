package dev.partita.broker.subscription;

import dev.partita.broker.server.handler.TopicService;
import dev.partita.broker.zk.LogPartition;
import dev.partita.broker.zk.TopicInfo;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.DestinationKind;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import java.util.concurrent.CompletableFuture;

/**
 * The destination a subscription request names, checked against its key: a queue key reads its own
 * queue, the other kinds read a topic. Thread-safe (the topic service is).
 */
final class Destinations {

    private final TopicService topics;

    Destinations(TopicService topics) {
        this.topics = topics;
    }

    /** The destination, created only when {@code allowAutoCreate} (SUBSCRIBE) and the broker allows it. */
    CompletableFuture<TopicInfo> resolve(SubscriptionKey key, TopicKey topic, boolean allowAutoCreate) {
        if (key instanceof SubscriptionKey.Queue queue) {
            if (topic.kind() != DestinationKind.QUEUE || !topic.name().equals(queue.queue())) {
                return CompletableFuture.failedFuture(new ApiException(Errors.INVALID_REQUEST,
                        "A queue subscription reads its own queue " + queue.queue() + ", not " + topic));
            }
        } else if (topic.kind() != DestinationKind.TOPIC) {
            return CompletableFuture.failedFuture(new ApiException(Errors.INVALID_REQUEST,
                    "A " + key.kind() + " subscription reads a topic, not " + topic));
        }
        return topics.resolve(topic, allowAutoCreate);
    }

    /** The log partition, or an UNKNOWN_TOPIC_OR_PARTITION failure. */
    static LogPartition partition(TopicInfo info, int partition) {
        if (partition < 0 || partition >= info.partitions()) {
            throw new ApiException(Errors.UNKNOWN_TOPIC_OR_PARTITION, info.topic() + " has no partition " + partition);
        }
        return new LogPartition(info.logId(), partition);
    }
}
