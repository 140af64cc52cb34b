package dev.partita.protocol.message;

import java.util.List;
import java.util.Objects;

/**
 * The subscription's generation (0 for queue and private keys, which have no registered
 * generation; acquires name it, and a replaced subscription's old generation is refused) and,
 * per partition, where the subscription starts. Errors: SUBSCRIPTION_IN_USE,
 * SUBSCRIPTION_SHARING_MISMATCH, INVALID_SELECTOR, UNKNOWN_TOPIC_OR_PARTITION, ...
 */
public record SubscribeResponse(Errors error, String errorMessage, long generation, List<PartitionStart> partitions)
        implements ApiResponse {

    public SubscribeResponse {
        Objects.requireNonNull(error, "error");
        partitions = List.copyOf(partitions);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.SUBSCRIBE; }

    /** Per partition: its error and the subscription's start (every offset below it is finished). */
    public record PartitionStart(int partition, Errors error, long startOffset) {
        public PartitionStart {
            Objects.requireNonNull(error, "error");
        }
    }
}
