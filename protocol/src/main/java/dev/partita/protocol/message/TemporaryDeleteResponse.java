package dev.partita.protocol.message;

import java.util.Objects;

public record TemporaryDeleteResponse(Errors error, String errorMessage) implements ApiResponse {

    public TemporaryDeleteResponse {
        Objects.requireNonNull(error, "error");
    }

    @Override
    public ApiKey apiKey() { return ApiKey.TEMPORARY_DELETE; }
}
