package dev.partita.protocol.message;

import java.util.List;

/** One result per partition of the request. */
public record ReleaseResponse(List<SessionPartitionResult> partitions) implements ApiResponse {

    public ReleaseResponse {
        partitions = List.copyOf(partitions);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.RELEASE; }
}
