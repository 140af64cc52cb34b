package dev.partita.protocol.message;

import java.util.Arrays;
import java.util.Objects;

/**
 * One payload of the negotiated mechanism (for PLAIN: {@code PlainCredentials.encode()}).
 * The array is copied in and out, so the record stays immutable; {@link #toString()} never
 * shows the bytes, which may hold a password.
 */
public record SaslAuthenticateRequest(byte[] authBytes) implements ApiRequest {

    public SaslAuthenticateRequest {
        authBytes = Objects.requireNonNull(authBytes, "authBytes").clone();
    }

    @Override
    public byte[] authBytes() { return authBytes.clone(); }

    @Override
    public ApiKey apiKey() { return ApiKey.SASL_AUTHENTICATE; }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaslAuthenticateRequest other && Arrays.equals(authBytes, other.authBytes);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(authBytes); }

    @Override
    public String toString() { return "SaslAuthenticateRequest(" + authBytes.length + " bytes)"; }
}
