package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ClientIdClaimRequest;
import dev.partita.protocol.message.ClientIdClaimResponse;

/** CLIENT_ID_CLAIM v0. Layouts in the package documentation. */
final class ClientIdClaimCodec extends ApiCodec<ClientIdClaimRequest, ClientIdClaimResponse> {

    ClientIdClaimCodec() {
        super(ApiKey.CLIENT_ID_CLAIM, ClientIdClaimRequest.class, ClientIdClaimResponse.class);
    }

    @Override
    void writeRequest(MessageWriter writer, ClientIdClaimRequest request, short version) {
        SubscriptionFields.writeUuid(writer, request.connectionId());
        writer.writeString(request.clientId());
    }

    @Override
    ClientIdClaimRequest readRequest(MessageReader reader, short version) {
        return new ClientIdClaimRequest(SubscriptionFields.readUuid(reader), reader.readString());
    }

    @Override
    void writeResponse(MessageWriter writer, ClientIdClaimResponse response, short version) {
        Fields.writeError(writer, response.error());
        writer.writeNullableString(response.errorMessage());
    }

    @Override
    ClientIdClaimResponse readResponse(MessageReader reader, short version) {
        return new ClientIdClaimResponse(Fields.readError(reader), reader.readNullableString());
    }
}
