package dev.partita.client;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.CreateTopicsRequest;
import dev.partita.protocol.message.CreateTopicsResponse;
import dev.partita.protocol.message.DeleteTopicsRequest;
import dev.partita.protocol.message.DeleteTopicsResponse;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.FetchRequest;
import dev.partita.protocol.message.FetchResponse;
import dev.partita.protocol.message.ListOffsetsRequest;
import dev.partita.protocol.message.ListOffsetsResponse;
import dev.partita.protocol.message.MetadataRequest;
import dev.partita.protocol.message.MetadataResponse;
import dev.partita.protocol.message.ProduceRequest;
import dev.partita.protocol.message.ProduceResponse;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.message.TopicResult;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.RecordBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A toy cluster behind one or more {@link FakeBroker}s: topics with partitions held as lists of
 * batches in memory, a leader per partition, and answers to metadata, create/delete topic,
 * produce, fetch and list offsets as a real broker would give them (no long poll: fetches answer
 * at once). Enough to run the client end to end. Thread-safe (synchronized).
 */
public final class InMemoryCluster {

    private static final class Partition {
        final List<ByteBuffer> batches = new ArrayList<>();
        long logEnd;
        int leaderId;
        int leaderEpoch;

        Partition(int leaderId) {
            this.leaderId = leaderId;
        }
    }

    private final List<FakeBroker> brokers;
    private final Map<TopicKey, List<Partition>> topics = new LinkedHashMap<>();
    private boolean autoCreate = true;

    public InMemoryCluster(List<FakeBroker> brokers) {
        this.brokers = List.copyOf(brokers);
        for (FakeBroker broker : brokers) {
            broker.on(ApiKey.METADATA, ex -> ex.respond(metadata(ex.request(MetadataRequest.class))));
            broker.on(ApiKey.CREATE_TOPICS, ex -> ex.respond(create(ex.request(CreateTopicsRequest.class))));
            broker.on(ApiKey.DELETE_TOPICS, ex -> ex.respond(delete(ex.request(DeleteTopicsRequest.class))));
            broker.on(ApiKey.PRODUCE, ex -> ex.respond(produce(broker.nodeId(), ex.request(ProduceRequest.class))));
            broker.on(ApiKey.FETCH, ex -> ex.respond(fetch(broker.nodeId(), ex.request(FetchRequest.class))));
            broker.on(ApiKey.LIST_OFFSETS, ex -> ex.respond(listOffsets(broker.nodeId(), ex.request(ListOffsetsRequest.class))));
        }
    }

    public synchronized void autoCreate(boolean enabled) {
        this.autoCreate = enabled;
    }

    public synchronized void createTopic(TopicKey topic, int partitions) {
        List<Partition> list = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            list.add(new Partition(brokers.get(i % brokers.size()).nodeId()));
        }
        topics.put(topic, list);
    }

    /** Moves leadership of a partition to another broker, bumping the leader epoch. */
    public synchronized void moveLeader(TopicKey topic, int partition, int newLeaderId) {
        Partition p = topics.get(topic).get(partition);
        p.leaderId = newLeaderId;
        p.leaderEpoch++;
    }

    public synchronized long logEnd(TopicKey topic, int partition) {
        return topics.get(topic).get(partition).logEnd;
    }

    private synchronized MetadataResponse metadata(MetadataRequest request) {
        List<MetadataResponse.BrokerInfo> infos = new ArrayList<>();
        for (FakeBroker b : brokers) {
            infos.add(new MetadataResponse.BrokerInfo(b.nodeId(), "127.0.0.1", b.port(), null));
        }
        List<TopicKey> wanted = request.topics() == null ? new ArrayList<>(topics.keySet()) : request.topics();
        List<MetadataResponse.TopicMetadata> answers = new ArrayList<>();
        for (TopicKey topic : wanted) {
            if (!topics.containsKey(topic) && request.allowAutoTopicCreation() && autoCreate) {
                createTopic(topic, 1);
            }
            List<Partition> partitions = topics.get(topic);
            if (partitions == null) {
                answers.add(new MetadataResponse.TopicMetadata(Errors.UNKNOWN_TOPIC_OR_PARTITION, topic, null, List.of()));
                continue;
            }
            List<MetadataResponse.PartitionMetadata> parts = new ArrayList<>();
            for (int i = 0; i < partitions.size(); i++) {
                Partition p = partitions.get(i);
                parts.add(new MetadataResponse.PartitionMetadata(Errors.NONE, i, p.leaderId, p.leaderEpoch,
                        List.of(p.leaderId), List.of(p.leaderId)));
            }
            answers.add(new MetadataResponse.TopicMetadata(Errors.NONE, topic, "log-" + topic.name(), parts));
        }
        return new MetadataResponse(infos, brokers.get(0).nodeId(), answers);
    }

    private synchronized CreateTopicsResponse create(CreateTopicsRequest request) {
        List<TopicResult> results = new ArrayList<>();
        for (CreateTopicsRequest.CreatableTopic t : request.topics()) {
            if (topics.containsKey(t.topic())) {
                results.add(new TopicResult(t.topic(), Errors.TOPIC_ALREADY_EXISTS, "topic " + t.topic() + " exists"));
            } else {
                createTopic(t.topic(), t.numPartitions() < 0 ? 1 : t.numPartitions());
                results.add(new TopicResult(t.topic(), Errors.NONE, null));
            }
        }
        return new CreateTopicsResponse(results);
    }

    private synchronized DeleteTopicsResponse delete(DeleteTopicsRequest request) {
        List<TopicResult> results = new ArrayList<>();
        for (TopicKey topic : request.topics()) {
            results.add(new TopicResult(topic, topics.remove(topic) == null ? Errors.UNKNOWN_TOPIC_OR_PARTITION : Errors.NONE, null));
        }
        return new DeleteTopicsResponse(results);
    }

    private Partition partition(TopicKey topic, int partition) {
        List<Partition> partitions = topics.get(topic);
        return partitions == null || partition >= partitions.size() ? null : partitions.get(partition);
    }

    private synchronized ProduceResponse produce(int brokerId, ProduceRequest request) {
        List<ProduceResponse.TopicProduceResult> results = new ArrayList<>();
        for (ProduceRequest.TopicData topic : request.topics()) {
            List<ProduceResponse.PartitionProduceResult> parts = new ArrayList<>();
            for (ProduceRequest.PartitionData data : topic.partitions()) {
                Partition p = partition(topic.topic(), data.partition());
                if (p == null) {
                    parts.add(new ProduceResponse.PartitionProduceResult(data.partition(), Errors.UNKNOWN_TOPIC_OR_PARTITION, null, -1, -1, 0));
                } else if (p.leaderId != brokerId) {
                    parts.add(new ProduceResponse.PartitionProduceResult(data.partition(), Errors.NOT_LEADER_OR_FOLLOWER, null, -1, -1, 0));
                } else {
                    long base = p.logEnd;
                    for (RecordBatch batch : (MemoryRecords) data.records()) {
                        ByteBuffer copy = ByteBuffer.allocate(batch.sizeInBytes());
                        ByteBuffer source = batch.buffer().duplicate();
                        source.position(batch.start()).limit(batch.start() + batch.sizeInBytes());
                        copy.put(source).flip();
                        RecordBatch stored = new RecordBatch(copy, 0);
                        stored.setBaseOffset(p.logEnd);
                        stored.setPartitionLeaderEpoch(p.leaderEpoch);
                        p.logEnd = stored.nextOffset();
                        p.batches.add(copy);
                    }
                    parts.add(new ProduceResponse.PartitionProduceResult(data.partition(), Errors.NONE, null, base, -1, 0));
                }
            }
            results.add(new ProduceResponse.TopicProduceResult(topic.topic(), parts));
        }
        return new ProduceResponse(results);
    }

    private synchronized FetchResponse fetch(int brokerId, FetchRequest request) {
        List<FetchResponse.FetchableTopicResponse> results = new ArrayList<>();
        for (FetchRequest.FetchTopic topic : request.topics()) {
            List<FetchResponse.PartitionFetchData> parts = new ArrayList<>();
            for (FetchRequest.FetchPartition fp : topic.partitions()) {
                Partition p = partition(topic.topic(), fp.partition());
                Errors error = Errors.NONE;
                if (p == null) {
                    error = Errors.UNKNOWN_TOPIC_OR_PARTITION;
                } else if (p.leaderId != brokerId) {
                    error = Errors.NOT_LEADER_OR_FOLLOWER;
                } else if (fp.fetchOffset() > p.logEnd) {
                    error = Errors.OFFSET_OUT_OF_RANGE;
                }
                if (error != Errors.NONE) {
                    parts.add(new FetchResponse.PartitionFetchData(fp.partition(), error, -1, -1, -1, MemoryRecords.EMPTY));
                    continue;
                }
                ByteBuffer out = ByteBuffer.allocate(Math.max(fp.partitionMaxBytes(), 0) + 64 * 1024);
                for (ByteBuffer batch : p.batches) {
                    RecordBatch view = new RecordBatch(batch, 0);
                    if (view.lastOffset() < fp.fetchOffset()) {
                        continue;
                    }
                    if (out.position() > 0 && out.position() + batch.remaining() > fp.partitionMaxBytes()) {
                        break;
                    }
                    if (out.remaining() < batch.remaining()) {
                        break;
                    }
                    out.put(batch.duplicate());
                }
                out.flip();
                parts.add(new FetchResponse.PartitionFetchData(fp.partition(), Errors.NONE, p.logEnd, p.logEnd, 0,
                        new MemoryRecords(out)));
            }
            results.add(new FetchResponse.FetchableTopicResponse(topic.topic(), parts));
        }
        return new FetchResponse(results);
    }

    private synchronized ListOffsetsResponse listOffsets(int brokerId, ListOffsetsRequest request) {
        List<ListOffsetsResponse.ListOffsetsTopicResponse> results = new ArrayList<>();
        for (ListOffsetsRequest.ListOffsetsTopic topic : request.topics()) {
            List<ListOffsetsResponse.ListOffsetsPartitionResponse> parts = new ArrayList<>();
            for (ListOffsetsRequest.ListOffsetsPartition lp : topic.partitions()) {
                Partition p = partition(topic.topic(), lp.partition());
                if (p == null || p.leaderId != brokerId) {
                    parts.add(new ListOffsetsResponse.ListOffsetsPartitionResponse(lp.partition(),
                            p == null ? Errors.UNKNOWN_TOPIC_OR_PARTITION : Errors.NOT_LEADER_OR_FOLLOWER, -1, -1, -1));
                } else {
                    long offset = lp.timestamp() == ListOffsetsRequest.EARLIEST_TIMESTAMP ? 0 : p.logEnd;
                    parts.add(new ListOffsetsResponse.ListOffsetsPartitionResponse(lp.partition(), Errors.NONE, -1, offset, p.leaderEpoch));
                }
            }
            results.add(new ListOffsetsResponse.ListOffsetsTopicResponse(topic.topic(), parts));
        }
        return new ListOffsetsResponse(results);
    }
}
