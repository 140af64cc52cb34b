package dev.partita.protocol.frame;

import dev.partita.protocol.message.AcquireRequest;
import dev.partita.protocol.message.AcquireRequest.AcquirePartition;
import dev.partita.protocol.message.AcquireResponse;
import dev.partita.protocol.message.AcquireResponse.AcquiredPartition;
import dev.partita.protocol.message.ApiKey;

/** ACQUIRE v0. Layouts in the package documentation. */
final class AcquireCodec extends ApiCodec<AcquireRequest, AcquireResponse> {

    /** partition, current leader epoch, session epoch, max records, partition max bytes. */
    private static final int PARTITION_BYTES = 4 * 5;
    /** partition, error, session epoch, ranges count, records length. */
    private static final int ACQUIRED_MIN_BYTES = 4 + Fields.ERROR_BYTES + 4 + Fields.ARRAY_MIN_BYTES
            + Fields.RECORDS_MIN_BYTES;

    AcquireCodec() {
        super(ApiKey.ACQUIRE, AcquireRequest.class, AcquireResponse.class);
    }

    @Override
    void writeRequest(MessageWriter writer, AcquireRequest request, short version) {
        SubscriptionFields.writeUuid(writer, request.connectionId());
        SubscriptionFields.writeUuid(writer, request.sessionId());
        SubscriptionFields.writeKey(writer, request.key());
        writer.writeLong(request.generation());
        Fields.writeTopicKey(writer, request.topic());
        writer.writeInt(request.maxWaitMs());
        writer.writeInt(request.maxBytes());
        writer.writeArray(request.partitions(), (w, partition) -> {
            w.writeInt(partition.partition());
            w.writeInt(partition.currentLeaderEpoch());
            w.writeInt(partition.sessionEpoch());
            w.writeInt(partition.maxRecords());
            w.writeInt(partition.partitionMaxBytes());
        });
    }

    @Override
    AcquireRequest readRequest(MessageReader reader, short version) {
        return new AcquireRequest(SubscriptionFields.readUuid(reader), SubscriptionFields.readUuid(reader),
                SubscriptionFields.readKey(reader), reader.readLong(), Fields.readTopicKey(reader),
                reader.readInt(), reader.readInt(),
                reader.readArray(PARTITION_BYTES, r -> new AcquirePartition(
                        r.readInt(), r.readInt(), r.readInt(), r.readInt(), r.readInt())));
    }

    @Override
    void writeResponse(MessageWriter writer, AcquireResponse response, short version) {
        writer.writeArray(response.partitions(), (w, partition) -> {
            w.writeInt(partition.partition());
            Fields.writeError(w, partition.error());
            w.writeInt(partition.sessionEpoch());
            SubscriptionFields.writeRanges(w, partition.acquired());
            w.writeRecords(partition.records());
        });
    }

    @Override
    AcquireResponse readResponse(MessageReader reader, short version) {
        return new AcquireResponse(reader.readArray(ACQUIRED_MIN_BYTES, r -> new AcquiredPartition(
                r.readInt(), Fields.readError(r), r.readInt(), SubscriptionFields.readRanges(r), r.readRecords())));
    }
}
