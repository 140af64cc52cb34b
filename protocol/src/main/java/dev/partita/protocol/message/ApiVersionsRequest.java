package dev.partita.protocol.message;

/** Asks a broker which APIs and versions it speaks. Sent first on a connection; empty body. */
public record ApiVersionsRequest() implements ApiRequest {

    @Override
    public ApiKey apiKey() { return ApiKey.API_VERSIONS; }
}
