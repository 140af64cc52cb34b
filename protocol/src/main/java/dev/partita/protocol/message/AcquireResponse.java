package dev.partita.protocol.message;

import dev.partita.protocol.record.Records;
import java.util.List;
import java.util.Objects;

/**
 * Per partition: the error, the session's current epoch, the acquired offsets with their delivery
 * counts, and record batches holding them. The batches may hold other offsets too (stored batches
 * are sent as they are); the client delivers only acquired offsets.
 */
public record AcquireResponse(List<AcquiredPartition> partitions) implements ApiResponse {

    public AcquireResponse {
        partitions = List.copyOf(partitions);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.ACQUIRE; }

    /** {@code acquired}: sorted, disjoint ranges; {@code records}: empty, never null, when none. */
    public record AcquiredPartition(int partition, Errors error, int sessionEpoch, List<DeliveryRange> acquired,
                                    Records records) {
        public AcquiredPartition {
            Objects.requireNonNull(error, "error");
            acquired = List.copyOf(acquired);
            Objects.requireNonNull(records, "records");
        }
    }
}
