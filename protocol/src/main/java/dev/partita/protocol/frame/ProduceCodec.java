package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ProduceRequest;
import dev.partita.protocol.message.ProduceRequest.PartitionData;
import dev.partita.protocol.message.ProduceRequest.TopicData;
import dev.partita.protocol.message.ProduceResponse;
import dev.partita.protocol.message.ProduceResponse.PartitionProduceResult;
import dev.partita.protocol.message.ProduceResponse.TopicProduceResult;

/** PRODUCE v0. Layouts in the package documentation. */
final class ProduceCodec extends ApiCodec<ProduceRequest, ProduceResponse> {

    private static final int TOPIC_MIN_BYTES = Fields.TOPIC_KEY_MIN_BYTES + Fields.ARRAY_MIN_BYTES;
    private static final int PARTITION_DATA_MIN_BYTES = 4 + Fields.RECORDS_MIN_BYTES;
    /** partition, error, message length, base offset, log append time, log start offset. */
    private static final int PARTITION_RESULT_MIN_BYTES = 4 + Fields.ERROR_BYTES
            + Fields.NULLABLE_STRING_MIN_BYTES + 8 + 8 + 8;

    ProduceCodec() {
        super(ApiKey.PRODUCE, ProduceRequest.class, ProduceResponse.class);
    }

    @Override
    void writeRequest(MessageWriter writer, ProduceRequest request, short version) {
        writer.writeShort(request.acks().code());
        writer.writeInt(request.timeoutMs());
        writer.writeArray(request.topics(), (w, topic) -> {
            Fields.writeTopicKey(w, topic.topic());
            w.writeArray(topic.partitions(), (pw, partition) -> {
                pw.writeInt(partition.partition());
                pw.writeRecords(partition.records());
            });
        });
    }

    @Override
    ProduceRequest readRequest(MessageReader reader, short version) {
        return new ProduceRequest(Fields.readAcks(reader), reader.readInt(),
                reader.readArray(TOPIC_MIN_BYTES, r -> new TopicData(Fields.readTopicKey(r),
                        r.readArray(PARTITION_DATA_MIN_BYTES,
                                pr -> new PartitionData(pr.readInt(), pr.readRecords())))));
    }

    @Override
    void writeResponse(MessageWriter writer, ProduceResponse response, short version) {
        writer.writeArray(response.topics(), (w, topic) -> {
            Fields.writeTopicKey(w, topic.topic());
            w.writeArray(topic.partitions(), (pw, partition) -> {
                pw.writeInt(partition.partition());
                Fields.writeError(pw, partition.error());
                pw.writeNullableString(partition.errorMessage());
                pw.writeLong(partition.baseOffset());
                pw.writeLong(partition.logAppendTime());
                pw.writeLong(partition.logStartOffset());
            });
        });
    }

    @Override
    ProduceResponse readResponse(MessageReader reader, short version) {
        return new ProduceResponse(reader.readArray(TOPIC_MIN_BYTES, r -> new TopicProduceResult(
                Fields.readTopicKey(r),
                r.readArray(PARTITION_RESULT_MIN_BYTES, pr -> new PartitionProduceResult(
                        pr.readInt(), Fields.readError(pr), pr.readNullableString(),
                        pr.readLong(), pr.readLong(), pr.readLong())))));
    }
}
