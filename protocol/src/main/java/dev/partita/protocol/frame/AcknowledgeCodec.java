package dev.partita.protocol.frame;

import dev.partita.protocol.message.AcknowledgeRequest;
import dev.partita.protocol.message.AcknowledgeRequest.AcknowledgePartition;
import dev.partita.protocol.message.AcknowledgeResponse;
import dev.partita.protocol.message.ApiKey;

/** ACKNOWLEDGE v0. Layouts in the package documentation. */
final class AcknowledgeCodec extends ApiCodec<AcknowledgeRequest, AcknowledgeResponse> {

    /** partition, session epoch, ranges count. */
    private static final int PARTITION_MIN_BYTES = 4 + 4 + Fields.ARRAY_MIN_BYTES;

    AcknowledgeCodec() {
        super(ApiKey.ACKNOWLEDGE, AcknowledgeRequest.class, AcknowledgeResponse.class);
    }

    @Override
    void writeRequest(MessageWriter writer, AcknowledgeRequest request, short version) {
        SubscriptionFields.writeUuid(writer, request.sessionId());
        SubscriptionFields.writeKey(writer, request.key());
        writer.writeLong(request.generation());
        Fields.writeTopicKey(writer, request.topic());
        writer.writeArray(request.partitions(), (w, partition) -> {
            w.writeInt(partition.partition());
            w.writeInt(partition.sessionEpoch());
            SubscriptionFields.writeRanges(w, partition.offsets());
        });
    }

    @Override
    AcknowledgeRequest readRequest(MessageReader reader, short version) {
        return new AcknowledgeRequest(SubscriptionFields.readUuid(reader), SubscriptionFields.readKey(reader),
                reader.readLong(), Fields.readTopicKey(reader),
                reader.readArray(PARTITION_MIN_BYTES, r -> new AcknowledgePartition(
                        r.readInt(), r.readInt(), SubscriptionFields.readRanges(r))));
    }

    @Override
    void writeResponse(MessageWriter writer, AcknowledgeResponse response, short version) {
        SessionPartitionResults.write(writer, response.partitions());
    }

    @Override
    AcknowledgeResponse readResponse(MessageReader reader, short version) {
        return new AcknowledgeResponse(SessionPartitionResults.read(reader));
    }
}
