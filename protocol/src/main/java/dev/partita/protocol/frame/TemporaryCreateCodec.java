package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.DestinationKind;
import dev.partita.protocol.message.TemporaryCreateRequest;
import dev.partita.protocol.message.TemporaryCreateResponse;

/** TEMPORARY_CREATE v0. Layouts in the package documentation. */
final class TemporaryCreateCodec extends ApiCodec<TemporaryCreateRequest, TemporaryCreateResponse> {

    TemporaryCreateCodec() {
        super(ApiKey.TEMPORARY_CREATE, TemporaryCreateRequest.class, TemporaryCreateResponse.class);
    }

    @Override
    void writeRequest(MessageWriter writer, TemporaryCreateRequest request, short version) {
        SubscriptionFields.writeUuid(writer, request.connectionId());
        writer.writeByte(request.kind().code());
        writer.writeLong(request.sequence());
    }

    @Override
    TemporaryCreateRequest readRequest(MessageReader reader, short version) {
        java.util.UUID connection = SubscriptionFields.readUuid(reader);
        byte code = reader.readByte();
        DestinationKind kind = DestinationKind.forCode(code)
                .orElseThrow(() -> new InvalidFrameException("unknown destination kind " + code));
        return new TemporaryCreateRequest(connection, kind, reader.readLong());
    }

    @Override
    void writeResponse(MessageWriter writer, TemporaryCreateResponse response, short version) {
        Fields.writeError(writer, response.error());
        writer.writeNullableString(response.errorMessage());
        writer.writeNullableString(response.name());
    }

    @Override
    TemporaryCreateResponse readResponse(MessageReader reader, short version) {
        return new TemporaryCreateResponse(Fields.readError(reader), reader.readNullableString(), reader.readNullableString());
    }
}
