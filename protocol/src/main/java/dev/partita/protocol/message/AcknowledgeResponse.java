package dev.partita.protocol.message;

import java.util.List;

/** One result per partition of the request. */
public record AcknowledgeResponse(List<SessionPartitionResult> partitions) implements ApiResponse {

    public AcknowledgeResponse {
        partitions = List.copyOf(partitions);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.ACKNOWLEDGE; }
}
