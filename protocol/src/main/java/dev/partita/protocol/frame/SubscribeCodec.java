package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.SubscribeRequest;
import dev.partita.protocol.message.SubscribeResponse;
import dev.partita.protocol.message.SubscribeResponse.PartitionStart;

/** SUBSCRIBE v0. Layouts in the package documentation. */
final class SubscribeCodec extends ApiCodec<SubscribeRequest, SubscribeResponse> {

    /** partition, error, start offset. */
    private static final int PARTITION_BYTES = 4 + Fields.ERROR_BYTES + 8;

    SubscribeCodec() {
        super(ApiKey.SUBSCRIBE, SubscribeRequest.class, SubscribeResponse.class);
    }

    @Override
    void writeRequest(MessageWriter writer, SubscribeRequest request, short version) {
        SubscriptionFields.writeKey(writer, request.key());
        Fields.writeTopicKey(writer, request.topic());
        writer.writeNullableString(request.selector());
        writer.writeBoolean(request.noLocal());
        writer.writeBoolean(request.shared());
        SubscriptionFields.writeUuid(writer, request.connectionId());
        SubscriptionFields.writeUuid(writer, request.sessionId());
        writer.writeLong(request.consumerId());
        writer.writeInt(request.timeoutMs());
    }

    @Override
    SubscribeRequest readRequest(MessageReader reader, short version) {
        return new SubscribeRequest(SubscriptionFields.readKey(reader), Fields.readTopicKey(reader),
                reader.readNullableString(), reader.readBoolean(), reader.readBoolean(),
                SubscriptionFields.readUuid(reader), SubscriptionFields.readUuid(reader), reader.readLong(),
                reader.readInt());
    }

    @Override
    void writeResponse(MessageWriter writer, SubscribeResponse response, short version) {
        Fields.writeError(writer, response.error());
        writer.writeNullableString(response.errorMessage());
        writer.writeLong(response.generation());
        writer.writeArray(response.partitions(), (w, partition) -> {
            w.writeInt(partition.partition());
            Fields.writeError(w, partition.error());
            w.writeLong(partition.startOffset());
        });
    }

    @Override
    SubscribeResponse readResponse(MessageReader reader, short version) {
        return new SubscribeResponse(Fields.readError(reader), reader.readNullableString(), reader.readLong(),
                reader.readArray(PARTITION_BYTES, r -> new PartitionStart(r.readInt(), Fields.readError(r), r.readLong())));
    }
}
