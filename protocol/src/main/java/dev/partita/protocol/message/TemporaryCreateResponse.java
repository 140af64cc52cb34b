package dev.partita.protocol.message;

import java.util.Objects;

/** {@code name}: the created destination's name (see {@link TemporaryDestinationName}); null on error. */
public record TemporaryCreateResponse(Errors error, String errorMessage, String name) implements ApiResponse {

    public TemporaryCreateResponse {
        Objects.requireNonNull(error, "error");
    }

    @Override
    public ApiKey apiKey() { return ApiKey.TEMPORARY_CREATE; }
}
