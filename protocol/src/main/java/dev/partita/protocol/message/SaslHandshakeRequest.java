package dev.partita.protocol.message;

import java.util.Objects;

/**
 * Opens authentication with a mechanism name (see {@code dev.partita.protocol.auth.SaslMechanism}).
 * Followed by {@link SaslAuthenticateRequest}s carrying the mechanism's payloads.
 */
public record SaslHandshakeRequest(String mechanism) implements ApiRequest {

    public SaslHandshakeRequest {
        Objects.requireNonNull(mechanism, "mechanism");
    }

    @Override
    public ApiKey apiKey() { return ApiKey.SASL_HANDSHAKE; }
}
