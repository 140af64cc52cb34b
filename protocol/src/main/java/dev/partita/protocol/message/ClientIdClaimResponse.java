package dev.partita.protocol.message;

import java.util.Objects;

/**
 * NONE, CLIENT_ID_IN_USE (another connection holds it: JMS {@code InvalidClientIDException}) or
 * INVALID_CLIENT_ID; {@code errorMessage} may be null.
 */
public record ClientIdClaimResponse(Errors error, String errorMessage) implements ApiResponse {

    public ClientIdClaimResponse {
        Objects.requireNonNull(error, "error");
    }

    @Override
    public ApiKey apiKey() { return ApiKey.CLIENT_ID_CLAIM; }
}
