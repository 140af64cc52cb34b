package dev.partita.protocol.message;

import java.util.Objects;

/** NONE, SUBSCRIPTION_IN_USE or UNKNOWN_SUBSCRIPTION; {@code errorMessage} may be null. */
public record UnsubscribeResponse(Errors error, String errorMessage) implements ApiResponse {

    public UnsubscribeResponse {
        Objects.requireNonNull(error, "error");
    }

    @Override
    public ApiKey apiKey() { return ApiKey.UNSUBSCRIBE; }
}
