package dev.partita.protocol.message;

import java.util.List;
import java.util.Objects;

/** Per partition: the offset found (-1 if none) with its timestamp and the leader epoch. */
public record ListOffsetsResponse(List<ListOffsetsTopicResponse> topics) implements ApiResponse {

    public ListOffsetsResponse {
        topics = List.copyOf(topics);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.LIST_OFFSETS; }

    public record ListOffsetsTopicResponse(TopicKey topic, List<ListOffsetsPartitionResponse> partitions) {
        public ListOffsetsTopicResponse {
            Objects.requireNonNull(topic, "topic");
            partitions = List.copyOf(partitions);
        }
    }

    public record ListOffsetsPartitionResponse(int partition, Errors error, long timestamp, long offset,
                                               int leaderEpoch) {
        public ListOffsetsPartitionResponse {
            Objects.requireNonNull(error, "error");
        }
    }
}
