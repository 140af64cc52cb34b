package dev.partita.protocol.message;

import dev.partita.protocol.record.Records;
import java.util.List;
import java.util.Objects;

/**
 * Appends record batches to partitions. Answered per {@link Acks}, or with REQUEST_TIMED_OUT
 * per partition after {@code timeoutMs}.
 */
public record ProduceRequest(Acks acks, int timeoutMs, List<TopicData> topics) implements ApiRequest {

    public ProduceRequest {
        Objects.requireNonNull(acks, "acks");
        topics = List.copyOf(topics);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.PRODUCE; }

    public record TopicData(TopicKey topic, List<PartitionData> partitions) {
        public TopicData {
            Objects.requireNonNull(topic, "topic");
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * The batches for one partition. On the sending side any {@link Records}; a decoded request
     * carries {@code MemoryRecords} that share the frame's buffer.
     */
    public record PartitionData(int partition, Records records) {
        public PartitionData {
            Objects.requireNonNull(records, "records");
        }
    }
}
