package dev.partita.protocol.message;

import java.util.List;

/** Deletes topics; answered once the deletion is registered or after {@code timeoutMs}. */
public record DeleteTopicsRequest(List<TopicKey> topics, int timeoutMs) implements ApiRequest {

    public DeleteTopicsRequest {
        topics = List.copyOf(topics);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.DELETE_TOPICS; }
}
