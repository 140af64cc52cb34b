package dev.partita.protocol.message;

import java.util.Arrays;
import java.util.Objects;

/**
 * The outcome of one authentication step: NONE (authenticated, or more steps follow for
 * multi-step mechanisms), SASL_AUTHENTICATION_FAILED or ILLEGAL_SASL_STATE. {@code errorMessage}
 * may be null; {@code authBytes} is the server's challenge (empty for PLAIN);
 * {@code sessionLifetimeMs} is 0 when the session does not expire.
 */
public record SaslAuthenticateResponse(Errors error, String errorMessage, byte[] authBytes, long sessionLifetimeMs)
        implements ApiResponse {

    public SaslAuthenticateResponse {
        Objects.requireNonNull(error, "error");
        authBytes = Objects.requireNonNull(authBytes, "authBytes").clone();
    }

    @Override
    public byte[] authBytes() { return authBytes.clone(); }

    @Override
    public ApiKey apiKey() { return ApiKey.SASL_AUTHENTICATE; }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaslAuthenticateResponse other && error == other.error
                && Objects.equals(errorMessage, other.errorMessage)
                && Arrays.equals(authBytes, other.authBytes)
                && sessionLifetimeMs == other.sessionLifetimeMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(error, errorMessage, Arrays.hashCode(authBytes), sessionLifetimeMs);
    }

    @Override
    public String toString() {
        return "SaslAuthenticateResponse(error=" + error + ", errorMessage=" + errorMessage
                + ", authBytes=" + authBytes.length + " bytes, sessionLifetimeMs=" + sessionLifetimeMs + ")";
    }
}
