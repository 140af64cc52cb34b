package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.UnsubscribeRequest;
import dev.partita.protocol.message.UnsubscribeResponse;

/** UNSUBSCRIBE v0. Layouts in the package documentation. */
final class UnsubscribeCodec extends ApiCodec<UnsubscribeRequest, UnsubscribeResponse> {

    UnsubscribeCodec() {
        super(ApiKey.UNSUBSCRIBE, UnsubscribeRequest.class, UnsubscribeResponse.class);
    }

    @Override
    void writeRequest(MessageWriter writer, UnsubscribeRequest request, short version) {
        writer.writeByte(request.mode().code());
        SubscriptionFields.writeKey(writer, request.key());
        SubscriptionFields.writeUuid(writer, request.connectionId());
        writer.writeLong(request.consumerId());
    }

    @Override
    UnsubscribeRequest readRequest(MessageReader reader, short version) {
        byte code = reader.readByte();
        UnsubscribeRequest.Mode mode = UnsubscribeRequest.Mode.forCode(code)
                .orElseThrow(() -> reader.invalid("unknown unsubscribe mode " + code));
        return new UnsubscribeRequest(mode, SubscriptionFields.readKey(reader), SubscriptionFields.readUuid(reader),
                reader.readLong());
    }

    @Override
    void writeResponse(MessageWriter writer, UnsubscribeResponse response, short version) {
        Fields.writeError(writer, response.error());
        writer.writeNullableString(response.errorMessage());
    }

    @Override
    UnsubscribeResponse readResponse(MessageReader reader, short version) {
        return new UnsubscribeResponse(Fields.readError(reader), reader.readNullableString());
    }
}
