package dev.partita.protocol.message;

import java.util.List;
import java.util.Objects;

/** Per partition: the error or the offset of the first appended record. */
public record ProduceResponse(List<TopicProduceResult> topics) implements ApiResponse {

    public ProduceResponse {
        topics = List.copyOf(topics);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.PRODUCE; }

    public record TopicProduceResult(TopicKey topic, List<PartitionProduceResult> partitions) {
        public TopicProduceResult {
            Objects.requireNonNull(topic, "topic");
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * {@code baseOffset} is -1 on error; {@code logAppendTime} is -1 unless the topic stamps
     * the broker's time; {@code errorMessage} may be null.
     */
    public record PartitionProduceResult(int partition, Errors error, String errorMessage, long baseOffset,
                                         long logAppendTime, long logStartOffset) {
        public PartitionProduceResult {
            Objects.requireNonNull(error, "error");
        }
    }
}
