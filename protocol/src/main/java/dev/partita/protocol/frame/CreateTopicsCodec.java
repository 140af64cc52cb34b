package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.CreateTopicsRequest;
import dev.partita.protocol.message.CreateTopicsRequest.CreatableTopic;
import dev.partita.protocol.message.CreateTopicsResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** CREATE_TOPICS v0. Layouts in the package documentation. */
final class CreateTopicsCodec extends ApiCodec<CreateTopicsRequest, CreateTopicsResponse> {

    /** topic key, partitions, replication factor, configs count. */
    private static final int TOPIC_MIN_BYTES = Fields.TOPIC_KEY_MIN_BYTES + 4 + 2 + Fields.ARRAY_MIN_BYTES;
    /** key length, value length. */
    private static final int CONFIG_MIN_BYTES = 2 + 2;

    CreateTopicsCodec() {
        super(ApiKey.CREATE_TOPICS, CreateTopicsRequest.class, CreateTopicsResponse.class);
    }

    @Override
    void writeRequest(MessageWriter writer, CreateTopicsRequest request, short version) {
        writer.writeArray(request.topics(), (w, topic) -> {
            Fields.writeTopicKey(w, topic.topic());
            w.writeInt(topic.numPartitions());
            w.writeShort(topic.replicationFactor());
            // sorted, so the same request always encodes to the same bytes
            w.writeArray(new TreeMap<>(topic.configs()).entrySet(), (cw, entry) -> {
                cw.writeString(entry.getKey());
                cw.writeString(entry.getValue());
            });
        });
        writer.writeInt(request.timeoutMs());
        writer.writeBoolean(request.validateOnly());
    }

    @Override
    CreateTopicsRequest readRequest(MessageReader reader, short version) {
        List<CreatableTopic> topics = reader.readArray(TOPIC_MIN_BYTES, r -> new CreatableTopic(
                Fields.readTopicKey(r), r.readInt(), r.readShort(), readConfigs(r)));
        return new CreateTopicsRequest(topics, reader.readInt(), reader.readBoolean());
    }

    private static Map<String, String> readConfigs(MessageReader reader) {
        Map<String, String> configs = new HashMap<>();
        for (Map.Entry<String, String> entry : reader.readArray(CONFIG_MIN_BYTES,
                r -> Map.entry(r.readString(), r.readString()))) {
            if (configs.put(entry.getKey(), entry.getValue()) != null) {
                throw reader.invalid("config key '" + entry.getKey() + "' appears twice");
            }
        }
        return configs;
    }

    @Override
    void writeResponse(MessageWriter writer, CreateTopicsResponse response, short version) {
        TopicResults.write(writer, response.results());
    }

    @Override
    CreateTopicsResponse readResponse(MessageReader reader, short version) {
        return new CreateTopicsResponse(TopicResults.read(reader));
    }
}
