package dev.partita.broker.subscription;

import dev.partita.broker.server.handler.TopicService;
import dev.partita.broker.zk.LogPartition;
import dev.partita.broker.zk.TopicInfo;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.DestinationKind;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TemporaryDestinationName;
import dev.partita.protocol.message.TopicKey;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The destination a subscription request names, checked against its key: a queue key reads its own
 * queue, the other kinds read a topic; a temporary destination is read only by its owner's keys
 * (see {@link TemporaryDestinations}) and the internal topics behind them by nobody. Thread-safe (the topic service is).
 */
final class Destinations {

    private final TopicService topics;

    Destinations(TopicService topics) {
        this.topics = topics;
    }

    /** The destination, created only when {@code allowAutoCreate} (SUBSCRIBE) and the broker allows it. */
    CompletableFuture<TopicInfo> resolve(SubscriptionKey key, TopicKey topic, boolean allowAutoCreate) {
        if (TemporaryDestinationName.isInternalTopic(topic)) {
            return CompletableFuture.failedFuture(new ApiException(Errors.INVALID_TOPIC,
                    topic + " is internal: its records belong to temporary destinations"));
        }
        Optional<TemporaryDestinationName> temporary = TemporaryDestinationName.of(topic);
        if (temporary.isPresent()) {
            ApiException refused = checkTemporary(key, temporary.get());
            return refused != null ? CompletableFuture.failedFuture(refused) : topics.resolve(topic, false);
        }
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

    /**
     * Only the owner consumes a temporary destination: through its queue's one subscription, or
     * through a private subscription per consumer of its topic. Null when the key may read it.
     */
    private static ApiException checkTemporary(SubscriptionKey key, TemporaryDestinationName name) {
        if (!(key instanceof SubscriptionKey.Private consumer) || !consumer.connectionId().equals(name.owner())) {
            return new ApiException(Errors.NOT_TEMPORARY_DESTINATION_OWNER, "Only the connection that created " + name
                    + " may consume from it");
        }
        boolean valid = name.kind() == DestinationKind.QUEUE ? consumer.equals(name.queueSubscription())
                : consumer.consumerId() > 0;
        return valid ? null : new ApiException(Errors.INVALID_REQUEST, key + " is not a subscription of " + name);
    }

    /** The log partition, or an UNKNOWN_TOPIC_OR_PARTITION failure. */
    static LogPartition partition(TopicInfo info, int partition) {
        if (partition < 0 || partition >= info.partitions()) {
            throw new ApiException(Errors.UNKNOWN_TOPIC_OR_PARTITION, info.topic() + " has no partition " + partition);
        }
        return new LogPartition(info.logId(), partition);
    }
}
