package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.FetchRequest;
import dev.partita.protocol.message.FetchRequest.FetchPartition;
import dev.partita.protocol.message.FetchRequest.FetchTopic;
import dev.partita.protocol.message.FetchResponse;
import dev.partita.protocol.message.FetchResponse.FetchableTopicResponse;
import dev.partita.protocol.message.FetchResponse.PartitionFetchData;

/** FETCH v0. Layouts in the package documentation. */
final class FetchCodec extends ApiCodec<FetchRequest, FetchResponse> {

    private static final int TOPIC_MIN_BYTES = Fields.TOPIC_KEY_MIN_BYTES + Fields.ARRAY_MIN_BYTES;
    /** partition, current leader epoch, fetch offset, partition max bytes. */
    private static final int PARTITION_MIN_BYTES = 4 + 4 + 8 + 4;
    /** partition, error, high watermark, last stable offset, log start offset, records length. */
    private static final int PARTITION_DATA_MIN_BYTES = 4 + Fields.ERROR_BYTES + 8 + 8 + 8
            + Fields.RECORDS_MIN_BYTES;

    FetchCodec() {
        super(ApiKey.FETCH, FetchRequest.class, FetchResponse.class);
    }

    @Override
    void writeRequest(MessageWriter writer, FetchRequest request, short version) {
        writer.writeInt(request.replicaId());
        writer.writeInt(request.maxWaitMs());
        writer.writeInt(request.minBytes());
        writer.writeInt(request.maxBytes());
        writer.writeByte(request.isolation().code());
        writer.writeArray(request.topics(), (w, topic) -> {
            Fields.writeTopicKey(w, topic.topic());
            w.writeArray(topic.partitions(), (pw, partition) -> {
                pw.writeInt(partition.partition());
                pw.writeInt(partition.currentLeaderEpoch());
                pw.writeLong(partition.fetchOffset());
                pw.writeInt(partition.partitionMaxBytes());
            });
        });
    }

    @Override
    FetchRequest readRequest(MessageReader reader, short version) {
        return new FetchRequest(reader.readInt(), reader.readInt(), reader.readInt(), reader.readInt(),
                Fields.readIsolation(reader),
                reader.readArray(TOPIC_MIN_BYTES, r -> new FetchTopic(Fields.readTopicKey(r),
                        r.readArray(PARTITION_MIN_BYTES, pr -> new FetchPartition(
                                pr.readInt(), pr.readInt(), pr.readLong(), pr.readInt())))));
    }

    @Override
    void writeResponse(MessageWriter writer, FetchResponse response, short version) {
        writer.writeArray(response.topics(), (w, topic) -> {
            Fields.writeTopicKey(w, topic.topic());
            w.writeArray(topic.partitions(), (pw, partition) -> {
                pw.writeInt(partition.partition());
                Fields.writeError(pw, partition.error());
                pw.writeLong(partition.highWatermark());
                pw.writeLong(partition.lastStableOffset());
                pw.writeLong(partition.logStartOffset());
                pw.writeRecords(partition.records());
            });
        });
    }

    @Override
    FetchResponse readResponse(MessageReader reader, short version) {
        return new FetchResponse(reader.readArray(TOPIC_MIN_BYTES, r -> new FetchableTopicResponse(
                Fields.readTopicKey(r),
                r.readArray(PARTITION_DATA_MIN_BYTES, pr -> new PartitionFetchData(
                        pr.readInt(), Fields.readError(pr), pr.readLong(), pr.readLong(), pr.readLong(),
                        pr.readRecords())))));
    }
}
