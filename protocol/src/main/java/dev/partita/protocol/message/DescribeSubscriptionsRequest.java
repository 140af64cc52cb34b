package dev.partita.protocol.message;

import java.util.List;

/**
 * Asks any broker for the subscriptions of some destinations ({@code destinations == null}: of every
 * destination) with their progress per partition, as the broker's offset cache holds it: committed
 * start, log end, lag and consumers. An administrative read: the answer may be a few seconds stale,
 * and nothing a consumer does depends on it.
 */
public record DescribeSubscriptionsRequest(List<TopicKey> destinations) implements ApiRequest {

    public DescribeSubscriptionsRequest {
        destinations = destinations == null ? null : List.copyOf(destinations);
    }

    /** Every destination's subscriptions. */
    public static DescribeSubscriptionsRequest all() {
        return new DescribeSubscriptionsRequest(null);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.DESCRIBE_SUBSCRIPTIONS; }
}
