package dev.partita.protocol.message;

import dev.partita.protocol.record.Records;
import java.util.List;
import java.util.Objects;

/** Per partition: the error, the log's marks and the records read. */
public record FetchResponse(List<FetchableTopicResponse> topics) implements ApiResponse {

    public FetchResponse {
        topics = List.copyOf(topics);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.FETCH; }

    public record FetchableTopicResponse(TopicKey topic, List<PartitionFetchData> partitions) {
        public FetchableTopicResponse {
            Objects.requireNonNull(topic, "topic");
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * On the broker the records may be file-backed (sent with sendfile); a decoded response
     * carries {@code MemoryRecords} sharing the frame's buffer, possibly ending with a partial
     * batch (which {@code MemoryRecords} skips). Empty, never null, when there is nothing.
     */
    public record PartitionFetchData(int partition, Errors error, long highWatermark, long lastStableOffset,
                                     long logStartOffset, Records records) {
        public PartitionFetchData {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(records, "records");
        }
    }
}
