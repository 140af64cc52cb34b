package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ClientIdReleaseRequest;
import dev.partita.protocol.message.ClientIdReleaseResponse;

/** CLIENT_ID_RELEASE v0. Layouts in the package documentation. */
final class ClientIdReleaseCodec extends ApiCodec<ClientIdReleaseRequest, ClientIdReleaseResponse> {

    ClientIdReleaseCodec() {
        super(ApiKey.CLIENT_ID_RELEASE, ClientIdReleaseRequest.class, ClientIdReleaseResponse.class);
    }

    @Override
    void writeRequest(MessageWriter writer, ClientIdReleaseRequest request, short version) {
        SubscriptionFields.writeUuid(writer, request.connectionId());
        writer.writeString(request.clientId());
    }

    @Override
    ClientIdReleaseRequest readRequest(MessageReader reader, short version) {
        return new ClientIdReleaseRequest(SubscriptionFields.readUuid(reader), reader.readString());
    }

    @Override
    void writeResponse(MessageWriter writer, ClientIdReleaseResponse response, short version) {
        Fields.writeError(writer, response.error());
        writer.writeNullableString(response.errorMessage());
        writer.writeBoolean(response.released());
    }

    @Override
    ClientIdReleaseResponse readResponse(MessageReader reader, short version) {
        return new ClientIdReleaseResponse(Fields.readError(reader), reader.readNullableString(), reader.readBoolean());
    }
}
