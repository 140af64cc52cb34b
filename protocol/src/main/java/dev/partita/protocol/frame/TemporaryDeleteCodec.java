package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.TemporaryDeleteRequest;
import dev.partita.protocol.message.TemporaryDeleteResponse;

/** TEMPORARY_DELETE v0. Layouts in the package documentation. */
final class TemporaryDeleteCodec extends ApiCodec<TemporaryDeleteRequest, TemporaryDeleteResponse> {

    TemporaryDeleteCodec() {
        super(ApiKey.TEMPORARY_DELETE, TemporaryDeleteRequest.class, TemporaryDeleteResponse.class);
    }

    @Override
    void writeRequest(MessageWriter writer, TemporaryDeleteRequest request, short version) {
        SubscriptionFields.writeUuid(writer, request.connectionId());
        writer.writeString(request.name());
    }

    @Override
    TemporaryDeleteRequest readRequest(MessageReader reader, short version) {
        return new TemporaryDeleteRequest(SubscriptionFields.readUuid(reader), reader.readString());
    }

    @Override
    void writeResponse(MessageWriter writer, TemporaryDeleteResponse response, short version) {
        Fields.writeError(writer, response.error());
        writer.writeNullableString(response.errorMessage());
    }

    @Override
    TemporaryDeleteResponse readResponse(MessageReader reader, short version) {
        return new TemporaryDeleteResponse(Fields.readError(reader), reader.readNullableString());
    }
}
