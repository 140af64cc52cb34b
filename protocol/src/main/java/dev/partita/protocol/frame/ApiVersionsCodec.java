package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ApiVersionsRequest;
import dev.partita.protocol.message.ApiVersionsResponse;
import dev.partita.protocol.message.ApiVersionsResponse.ApiVersion;

/** API_VERSIONS v0. Layouts in the package documentation. */
final class ApiVersionsCodec extends ApiCodec<ApiVersionsRequest, ApiVersionsResponse> {

    private static final int API_VERSION_BYTES = 6;

    ApiVersionsCodec() {
        super(ApiKey.API_VERSIONS, ApiVersionsRequest.class, ApiVersionsResponse.class);
    }

    @Override
    void writeRequest(MessageWriter writer, ApiVersionsRequest request, short version) {
        // empty body
    }

    @Override
    ApiVersionsRequest readRequest(MessageReader reader, short version) {
        return new ApiVersionsRequest();
    }

    @Override
    void writeResponse(MessageWriter writer, ApiVersionsResponse response, short version) {
        writer.writeArray(response.apiKeys(), (w, v) -> {
            w.writeShort(v.apiKey());
            w.writeShort(v.minVersion());
            w.writeShort(v.maxVersion());
        });
    }

    @Override
    ApiVersionsResponse readResponse(MessageReader reader, short version) {
        return new ApiVersionsResponse(reader.readArray(API_VERSION_BYTES,
                r -> new ApiVersion(r.readShort(), r.readShort(), r.readShort())));
    }
}
