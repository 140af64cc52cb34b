package dev.partita.protocol.message;

import java.util.Objects;

/** {@code released}: whether the connection held the ID (false is not an error: nothing to free). */
public record ClientIdReleaseResponse(Errors error, String errorMessage, boolean released) implements ApiResponse {

    public ClientIdReleaseResponse {
        Objects.requireNonNull(error, "error");
    }

    @Override
    public ApiKey apiKey() { return ApiKey.CLIENT_ID_RELEASE; }
}
