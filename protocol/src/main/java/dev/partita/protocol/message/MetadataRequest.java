package dev.partita.protocol.message;

import java.util.List;

/**
 * Asks for brokers, the controller and topic metadata. {@code topics == null} asks for every
 * topic; an empty list for none (brokers only). With {@code allowAutoTopicCreation} the broker
 * creates missing topics if its configuration allows it.
 */
public record MetadataRequest(List<TopicKey> topics, boolean allowAutoTopicCreation) implements ApiRequest {

    public MetadataRequest {
        topics = topics == null ? null : List.copyOf(topics);
    }

    public static MetadataRequest allTopics() {
        return new MetadataRequest(null, false);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.METADATA; }
}
