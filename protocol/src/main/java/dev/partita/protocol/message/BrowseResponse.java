package dev.partita.protocol.message;

import dev.partita.protocol.record.Records;
import java.util.List;
import java.util.Objects;

/**
 * Per partition: the error, the offsets the browser shows (with their delivery counts) and batches
 * holding them (other offsets in the batches are skipped), and where to continue
 * ({@link #END} once the last stable offset was reached).
 */
public record BrowseResponse(List<BrowsedPartition> partitions) implements ApiResponse {

    public static final long END = -1L;

    public BrowseResponse {
        partitions = List.copyOf(partitions);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.BROWSE; }

    public record BrowsedPartition(int partition, Errors error, long nextOffset, List<DeliveryRange> visible,
                                   Records records) {
        public BrowsedPartition {
            Objects.requireNonNull(error, "error");
            visible = List.copyOf(visible);
            Objects.requireNonNull(records, "records");
        }
    }
}
