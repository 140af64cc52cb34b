package dev.partita.protocol.message;

import java.util.List;

/** One {@link TopicResult} per topic of the request. */
public record CreateTopicsResponse(List<TopicResult> results) implements ApiResponse {

    public CreateTopicsResponse {
        results = List.copyOf(results);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.CREATE_TOPICS; }
}
