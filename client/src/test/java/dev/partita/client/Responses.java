package dev.partita.client;

import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.MetadataResponse;
import dev.partita.protocol.message.TopicKey;
import java.util.ArrayList;
import java.util.List;

/** Builders of broker answers for tests. */
public final class Responses {

    private Responses() {
    }

    /** Metadata naming {@code brokers} (ids from {@link FakeBroker#nodeId()}) and one topic whose partition i is led by {@code leaders[i]}. */
    public static MetadataResponse metadata(List<FakeBroker> brokers, TopicKey topic, int leaderEpoch, int... leaders) {
        List<MetadataResponse.BrokerInfo> infos = new ArrayList<>();
        for (FakeBroker b : brokers) {
            infos.add(new MetadataResponse.BrokerInfo(b.nodeId(), "127.0.0.1", b.port(), null));
        }
        List<MetadataResponse.PartitionMetadata> partitions = new ArrayList<>();
        for (int i = 0; i < leaders.length; i++) {
            partitions.add(new MetadataResponse.PartitionMetadata(Errors.NONE, i, leaders[i], leaderEpoch,
                    List.of(leaders[i]), List.of(leaders[i])));
        }
        return new MetadataResponse(infos, brokers.get(0).nodeId(),
                List.of(new MetadataResponse.TopicMetadata(Errors.NONE, topic, "log-" + topic.name(), partitions)));
    }

    public static MetadataResponse unknownTopic(List<FakeBroker> brokers, TopicKey topic, Errors error) {
        List<MetadataResponse.BrokerInfo> infos = new ArrayList<>();
        for (FakeBroker b : brokers) {
            infos.add(new MetadataResponse.BrokerInfo(b.nodeId(), "127.0.0.1", b.port(), null));
        }
        return new MetadataResponse(infos, brokers.get(0).nodeId(),
                List.of(new MetadataResponse.TopicMetadata(error, topic, null, List.of())));
    }
}
