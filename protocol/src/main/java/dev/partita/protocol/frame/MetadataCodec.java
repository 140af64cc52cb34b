package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.MetadataRequest;
import dev.partita.protocol.message.MetadataResponse;
import dev.partita.protocol.message.MetadataResponse.BrokerInfo;
import dev.partita.protocol.message.MetadataResponse.PartitionMetadata;
import dev.partita.protocol.message.MetadataResponse.TopicMetadata;

/** METADATA v0. Layouts in the package documentation. */
final class MetadataCodec extends ApiCodec<MetadataRequest, MetadataResponse> {

    /** id, host length, port, rack length. */
    private static final int BROKER_MIN_BYTES = 4 + 2 + 4 + 2;
    /** error, topic key, log id length, partitions count. */
    private static final int TOPIC_MIN_BYTES = Fields.ERROR_BYTES + Fields.TOPIC_KEY_MIN_BYTES
            + Fields.NULLABLE_STRING_MIN_BYTES + Fields.ARRAY_MIN_BYTES;
    /** error, partition, leader, leader epoch, replicas count, isr count. */
    private static final int PARTITION_MIN_BYTES = Fields.ERROR_BYTES + 4 + 4 + 4
            + Fields.ARRAY_MIN_BYTES + Fields.ARRAY_MIN_BYTES;

    MetadataCodec() {
        super(ApiKey.METADATA, MetadataRequest.class, MetadataResponse.class);
    }

    @Override
    void writeRequest(MessageWriter writer, MetadataRequest request, short version) {
        writer.writeNullableArray(request.topics(), Fields::writeTopicKey);
        writer.writeBoolean(request.allowAutoTopicCreation());
    }

    @Override
    MetadataRequest readRequest(MessageReader reader, short version) {
        return new MetadataRequest(reader.readNullableArray(Fields.TOPIC_KEY_MIN_BYTES, Fields::readTopicKey),
                reader.readBoolean());
    }

    @Override
    void writeResponse(MessageWriter writer, MetadataResponse response, short version) {
        writer.writeArray(response.brokers(), (w, broker) -> {
            w.writeInt(broker.id());
            w.writeString(broker.host());
            w.writeInt(broker.port());
            w.writeNullableString(broker.rack());
        });
        writer.writeInt(response.controllerId());
        writer.writeArray(response.topics(), (w, topic) -> {
            Fields.writeError(w, topic.error());
            Fields.writeTopicKey(w, topic.topic());
            w.writeNullableString(topic.logId());
            w.writeArray(topic.partitions(), (pw, partition) -> {
                Fields.writeError(pw, partition.error());
                pw.writeInt(partition.partition());
                pw.writeInt(partition.leaderId());
                pw.writeInt(partition.leaderEpoch());
                pw.writeIntArray(partition.replicas());
                pw.writeIntArray(partition.isr());
            });
        });
    }

    @Override
    MetadataResponse readResponse(MessageReader reader, short version) {
        var brokers = reader.readArray(BROKER_MIN_BYTES,
                r -> new BrokerInfo(r.readInt(), r.readString(), r.readInt(), r.readNullableString()));
        int controllerId = reader.readInt();
        var topics = reader.readArray(TOPIC_MIN_BYTES, r -> new TopicMetadata(
                Fields.readError(r), Fields.readTopicKey(r), r.readNullableString(),
                r.readArray(PARTITION_MIN_BYTES, pr -> new PartitionMetadata(
                        Fields.readError(pr), pr.readInt(), pr.readInt(), pr.readInt(),
                        pr.readIntArray(), pr.readIntArray()))));
        return new MetadataResponse(brokers, controllerId, topics);
    }
}
