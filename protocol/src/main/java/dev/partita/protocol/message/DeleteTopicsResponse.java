package dev.partita.protocol.message;

import java.util.List;

/** One {@link TopicResult} per topic of the request. */
public record DeleteTopicsResponse(List<TopicResult> results) implements ApiResponse {

    public DeleteTopicsResponse {
        results = List.copyOf(results);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.DELETE_TOPICS; }
}
