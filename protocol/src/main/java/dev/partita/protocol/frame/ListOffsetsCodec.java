package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ListOffsetsRequest;
import dev.partita.protocol.message.ListOffsetsRequest.ListOffsetsPartition;
import dev.partita.protocol.message.ListOffsetsRequest.ListOffsetsTopic;
import dev.partita.protocol.message.ListOffsetsResponse;
import dev.partita.protocol.message.ListOffsetsResponse.ListOffsetsPartitionResponse;
import dev.partita.protocol.message.ListOffsetsResponse.ListOffsetsTopicResponse;

/** LIST_OFFSETS v0. Layouts in the package documentation. */
final class ListOffsetsCodec extends ApiCodec<ListOffsetsRequest, ListOffsetsResponse> {

    private static final int TOPIC_MIN_BYTES = Fields.TOPIC_KEY_MIN_BYTES + Fields.ARRAY_MIN_BYTES;
    /** partition, current leader epoch, timestamp. */
    private static final int PARTITION_MIN_BYTES = 4 + 4 + 8;
    /** partition, error, timestamp, offset, leader epoch. */
    private static final int PARTITION_RESPONSE_MIN_BYTES = 4 + Fields.ERROR_BYTES + 8 + 8 + 4;

    ListOffsetsCodec() {
        super(ApiKey.LIST_OFFSETS, ListOffsetsRequest.class, ListOffsetsResponse.class);
    }

    @Override
    void writeRequest(MessageWriter writer, ListOffsetsRequest request, short version) {
        writer.writeInt(request.replicaId());
        writer.writeByte(request.isolation().code());
        writer.writeArray(request.topics(), (w, topic) -> {
            Fields.writeTopicKey(w, topic.topic());
            w.writeArray(topic.partitions(), (pw, partition) -> {
                pw.writeInt(partition.partition());
                pw.writeInt(partition.currentLeaderEpoch());
                pw.writeLong(partition.timestamp());
            });
        });
    }

    @Override
    ListOffsetsRequest readRequest(MessageReader reader, short version) {
        return new ListOffsetsRequest(reader.readInt(), Fields.readIsolation(reader),
                reader.readArray(TOPIC_MIN_BYTES, r -> new ListOffsetsTopic(Fields.readTopicKey(r),
                        r.readArray(PARTITION_MIN_BYTES, pr -> new ListOffsetsPartition(
                                pr.readInt(), pr.readInt(), pr.readLong())))));
    }

    @Override
    void writeResponse(MessageWriter writer, ListOffsetsResponse response, short version) {
        writer.writeArray(response.topics(), (w, topic) -> {
            Fields.writeTopicKey(w, topic.topic());
            w.writeArray(topic.partitions(), (pw, partition) -> {
                pw.writeInt(partition.partition());
                Fields.writeError(pw, partition.error());
                pw.writeLong(partition.timestamp());
                pw.writeLong(partition.offset());
                pw.writeInt(partition.leaderEpoch());
            });
        });
    }

    @Override
    ListOffsetsResponse readResponse(MessageReader reader, short version) {
        return new ListOffsetsResponse(reader.readArray(TOPIC_MIN_BYTES, r -> new ListOffsetsTopicResponse(
                Fields.readTopicKey(r),
                r.readArray(PARTITION_RESPONSE_MIN_BYTES, pr -> new ListOffsetsPartitionResponse(
                        pr.readInt(), Fields.readError(pr), pr.readLong(), pr.readLong(), pr.readInt())))));
    }
}
