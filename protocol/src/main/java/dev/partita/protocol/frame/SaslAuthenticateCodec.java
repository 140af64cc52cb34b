package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.SaslAuthenticateRequest;
import dev.partita.protocol.message.SaslAuthenticateResponse;

/** SASL_AUTHENTICATE v0. Layouts in the package documentation. */
final class SaslAuthenticateCodec extends ApiCodec<SaslAuthenticateRequest, SaslAuthenticateResponse> {

    SaslAuthenticateCodec() {
        super(ApiKey.SASL_AUTHENTICATE, SaslAuthenticateRequest.class, SaslAuthenticateResponse.class);
    }

    @Override
    void writeRequest(MessageWriter writer, SaslAuthenticateRequest request, short version) {
        writer.writeBytes(request.authBytes());
    }

    @Override
    SaslAuthenticateRequest readRequest(MessageReader reader, short version) {
        return new SaslAuthenticateRequest(reader.readBytes());
    }

    @Override
    void writeResponse(MessageWriter writer, SaslAuthenticateResponse response, short version) {
        Fields.writeError(writer, response.error());
        writer.writeNullableString(response.errorMessage());
        writer.writeBytes(response.authBytes());
        writer.writeLong(response.sessionLifetimeMs());
    }

    @Override
    SaslAuthenticateResponse readResponse(MessageReader reader, short version) {
        return new SaslAuthenticateResponse(Fields.readError(reader), reader.readNullableString(),
                reader.readBytes(), reader.readLong());
    }
}
