package dev.partita.broker;

import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.CreateTopicsRequest;
import dev.partita.protocol.message.CreateTopicsRequest.CreatableTopic;
import dev.partita.protocol.message.FetchRequest;
import dev.partita.protocol.message.FetchRequest.FetchPartition;
import dev.partita.protocol.message.FetchRequest.FetchTopic;
import dev.partita.protocol.message.FetchResponse;
import dev.partita.protocol.message.FetchResponse.PartitionFetchData;
import dev.partita.protocol.message.IsolationLevel;
import dev.partita.protocol.message.ListOffsetsRequest;
import dev.partita.protocol.message.ListOffsetsRequest.ListOffsetsPartition;
import dev.partita.protocol.message.ListOffsetsRequest.ListOffsetsTopic;
import dev.partita.protocol.message.ListOffsetsResponse;
import dev.partita.protocol.message.ListOffsetsResponse.ListOffsetsPartitionResponse;
import dev.partita.protocol.message.ProduceRequest;
import dev.partita.protocol.message.ProduceRequest.PartitionData;
import dev.partita.protocol.message.ProduceRequest.TopicData;
import dev.partita.protocol.message.ProduceResponse;
import dev.partita.protocol.message.ProduceResponse.PartitionProduceResult;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.MemoryRecordsBuilder;
import dev.partita.protocol.record.Record;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builders of the requests the broker tests send, and readers of their answers. */
public final class Requests {

    private Requests() {
    }

    /** One batch holding the given values (no keys), timestamps now. */
    public static MemoryRecords batch(String... values) {
        MemoryRecordsBuilder builder = MemoryRecordsBuilder.builder();
        long now = System.currentTimeMillis();
        for (String v : values) {
            builder.append(now, (byte[]) null, v.getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    public static ProduceRequest produce(TopicKey topic, int partition, Acks acks, MemoryRecords records) {
        return new ProduceRequest(acks, 10_000, List.of(new TopicData(topic, List.of(new PartitionData(partition, records)))));
    }

    /** Produces one batch and returns the partition's result. */
    public static PartitionProduceResult produce(RawClient client, TopicKey topic, int partition, Acks acks, String... values)
            throws IOException {
        ProduceResponse response = client.send(produce(topic, partition, acks, batch(values)));
        return response.topics().get(0).partitions().get(0);
    }

    public static FetchRequest fetch(TopicKey topic, int partition, long offset, int maxWaitMs, int minBytes) {
        return new FetchRequest(FetchRequest.CONSUMER_REPLICA_ID, maxWaitMs, minBytes, 10 * 1024 * 1024,
                IsolationLevel.READ_UNCOMMITTED,
                List.of(new FetchTopic(topic, List.of(new FetchPartition(partition, -1, offset, 1024 * 1024)))));
    }

    /** Fetches one partition without waiting and returns its data. */
    public static PartitionFetchData fetch(RawClient client, TopicKey topic, int partition, long offset) throws IOException {
        FetchResponse response = client.send(fetch(topic, partition, offset, 0, 1));
        return response.topics().get(0).partitions().get(0);
    }

    /** The values of the records in fetched data, with their offsets. */
    public static List<OffsetValue> values(PartitionFetchData data) {
        List<OffsetValue> out = new ArrayList<>();
        for (Record r : ((MemoryRecords) data.records()).records()) {
            ByteBuffer v = r.value();
            byte[] bytes = new byte[v.remaining()];
            v.get(bytes);
            out.add(new OffsetValue(r.offset(), new String(bytes, StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Reads a partition from {@code offset} to its high watermark, fetch after fetch. */
    public static List<OffsetValue> readAll(RawClient client, TopicKey topic, int partition, long offset) throws IOException {
        List<OffsetValue> all = new ArrayList<>();
        long next = offset;
        while (true) {
            PartitionFetchData data = fetch(client, topic, partition, next);
            List<OffsetValue> got = values(data);
            if (got.isEmpty()) {
                return all;
            }
            all.addAll(got);
            next = got.get(got.size() - 1).offset() + 1;
        }
    }

    public static ListOffsetsPartitionResponse listOffset(RawClient client, TopicKey topic, int partition, long timestamp)
            throws IOException {
        ListOffsetsResponse response = client.send(new ListOffsetsRequest(-1, IsolationLevel.READ_UNCOMMITTED,
                List.of(new ListOffsetsTopic(topic, List.of(new ListOffsetsPartition(partition, -1, timestamp))))));
        return response.topics().get(0).partitions().get(0);
    }

    public static CreateTopicsRequest create(TopicKey topic, int partitions, Map<String, String> configs) {
        return new CreateTopicsRequest(List.of(new CreatableTopic(topic, partitions, (short) 1, configs)), 10_000, false);
    }

    /** A record's offset and value as text. */
    public record OffsetValue(long offset, String value) {
    }
}
