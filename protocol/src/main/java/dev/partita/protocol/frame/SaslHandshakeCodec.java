package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.SaslHandshakeRequest;
import dev.partita.protocol.message.SaslHandshakeResponse;

/** SASL_HANDSHAKE v0. Layouts in the package documentation. */
final class SaslHandshakeCodec extends ApiCodec<SaslHandshakeRequest, SaslHandshakeResponse> {

    SaslHandshakeCodec() {
        super(ApiKey.SASL_HANDSHAKE, SaslHandshakeRequest.class, SaslHandshakeResponse.class);
    }

    @Override
    void writeRequest(MessageWriter writer, SaslHandshakeRequest request, short version) {
        writer.writeString(request.mechanism());
    }

    @Override
    SaslHandshakeRequest readRequest(MessageReader reader, short version) {
        return new SaslHandshakeRequest(reader.readString());
    }

    @Override
    void writeResponse(MessageWriter writer, SaslHandshakeResponse response, short version) {
        Fields.writeError(writer, response.error());
        writer.writeArray(response.mechanisms(), MessageWriter::writeString);
    }

    @Override
    SaslHandshakeResponse readResponse(MessageReader reader, short version) {
        return new SaslHandshakeResponse(Fields.readError(reader), reader.readArray(2, MessageReader::readString));
    }
}
