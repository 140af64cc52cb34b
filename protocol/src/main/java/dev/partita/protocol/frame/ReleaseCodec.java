package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ReleaseRequest;
import dev.partita.protocol.message.ReleaseRequest.ReleasePartition;
import dev.partita.protocol.message.ReleaseResponse;

/** RELEASE v0. Layouts in the package documentation. */
final class ReleaseCodec extends ApiCodec<ReleaseRequest, ReleaseResponse> {

    /** partition, session epoch, ranges count. */
    private static final int PARTITION_MIN_BYTES = 4 + 4 + Fields.ARRAY_MIN_BYTES;

    ReleaseCodec() {
        super(ApiKey.RELEASE, ReleaseRequest.class, ReleaseResponse.class);
    }

    @Override
    void writeRequest(MessageWriter writer, ReleaseRequest request, short version) {
        SubscriptionFields.writeUuid(writer, request.sessionId());
        SubscriptionFields.writeKey(writer, request.key());
        writer.writeLong(request.generation());
        Fields.writeTopicKey(writer, request.topic());
        writer.writeArray(request.partitions(), (w, partition) -> {
            w.writeInt(partition.partition());
            w.writeInt(partition.sessionEpoch());
            SubscriptionFields.writeReleasedRanges(w, partition.offsets());
        });
    }

    @Override
    ReleaseRequest readRequest(MessageReader reader, short version) {
        return new ReleaseRequest(SubscriptionFields.readUuid(reader), SubscriptionFields.readKey(reader),
                reader.readLong(), Fields.readTopicKey(reader),
                reader.readArray(PARTITION_MIN_BYTES, r -> new ReleasePartition(
                        r.readInt(), r.readInt(), SubscriptionFields.readReleasedRanges(r))));
    }

    @Override
    void writeResponse(MessageWriter writer, ReleaseResponse response, short version) {
        SessionPartitionResults.write(writer, response.partitions());
    }

    @Override
    ReleaseResponse readResponse(MessageReader reader, short version) {
        return new ReleaseResponse(SessionPartitionResults.read(reader));
    }
}
