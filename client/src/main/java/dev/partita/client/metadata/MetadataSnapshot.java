package dev.partita.client.metadata;

import dev.partita.client.network.BrokerEndpoint;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.MetadataResponse;
import dev.partita.protocol.message.TopicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One consistent view of the cluster: live brokers, the controller and the topics this client
 * asked about. Immutable; {@link #merge} returns a new snapshot.
 */
public final class MetadataSnapshot {

    static final MetadataSnapshot EMPTY = new MetadataSnapshot(Map.of(), MetadataResponse.NO_CONTROLLER, Map.of(), -1);

    private final Map<Integer, BrokerNode> brokers;
    private final int controllerId;
    private final Map<TopicKey, TopicInfo> topics;
    private final long updatedAtMs;

    private MetadataSnapshot(Map<Integer, BrokerNode> brokers, int controllerId, Map<TopicKey, TopicInfo> topics, long updatedAtMs) {
        this.brokers = brokers;
        this.controllerId = controllerId;
        this.topics = topics;
        this.updatedAtMs = updatedAtMs;
    }

    public Collection<BrokerNode> brokers() { return brokers.values(); }
    public Optional<BrokerNode> broker(int id) { return Optional.ofNullable(brokers.get(id)); }
    public int controllerId() { return controllerId; }
    public Optional<TopicInfo> topic(TopicKey topic) { return Optional.ofNullable(topics.get(topic)); }
    public Map<TopicKey, TopicInfo> topics() { return topics; }
    /** When this view was last refreshed, or -1 if it never was. */
    public long updatedAtMs() { return updatedAtMs; }

    public Optional<PartitionInfo> partition(TopicPartition tp) {
        TopicInfo info = topics.get(tp.topic());
        return info == null ? Optional.empty() : Optional.ofNullable(info.partition(tp.partition()));
    }

    /** The leader's address, if the partition is known and has a live leader. */
    public Optional<BrokerEndpoint> leaderEndpoint(TopicPartition tp) {
        return partition(tp).filter(PartitionInfo::hasLeader)
                .flatMap(p -> broker(p.leaderId())).map(BrokerNode::endpoint);
    }

    /**
     * This view updated with a response: brokers and controller are replaced; each answered topic
     * without error replaces the old entry, an answered UNKNOWN_TOPIC_OR_PARTITION removes it (the
     * topic was deleted), and other errors keep what was known.
     */
    public MetadataSnapshot merge(MetadataResponse response, long nowMs) {
        Map<Integer, BrokerNode> newBrokers = new HashMap<>();
        for (MetadataResponse.BrokerInfo b : response.brokers()) {
            newBrokers.put(b.id(), new BrokerNode(b.id(), new BrokerEndpoint(b.host(), b.port()), b.rack()));
        }
        Map<TopicKey, TopicInfo> newTopics = new HashMap<>(topics);
        for (MetadataResponse.TopicMetadata t : response.topics()) {
            if (t.error() == Errors.NONE) {
                toTopicInfo(t).ifPresent(info -> newTopics.put(t.topic(), info));
            } else if (t.error() == Errors.UNKNOWN_TOPIC_OR_PARTITION) {
                newTopics.remove(t.topic());
            }
        }
        return new MetadataSnapshot(Map.copyOf(newBrokers), response.controllerId(), Map.copyOf(newTopics), nowMs);
    }

    /** The topic's info, or empty when its partitions are not numbered 0..n-1 (an inconsistent answer). */
    static Optional<TopicInfo> toTopicInfo(MetadataResponse.TopicMetadata t) {
        List<MetadataResponse.PartitionMetadata> sorted = new ArrayList<>(t.partitions());
        sorted.sort(Comparator.comparingInt(MetadataResponse.PartitionMetadata::partition));
        List<PartitionInfo> partitions = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            MetadataResponse.PartitionMetadata p = sorted.get(i);
            if (p.partition() != i) {
                return Optional.empty();
            }
            int leader = p.error() == Errors.NONE ? p.leaderId() : PartitionInfo.NO_LEADER;
            partitions.add(new PartitionInfo(new TopicPartition(t.topic(), i), leader, p.leaderEpoch(), p.replicas(), p.isr()));
        }
        return Optional.of(new TopicInfo(t.topic(), t.logId(), partitions));
    }

    @Override
    public String toString() {
        return "MetadataSnapshot(brokers=" + brokers.values() + ", controller=" + controllerId + ", topics=" + topics.keySet() + ")";
    }
}
