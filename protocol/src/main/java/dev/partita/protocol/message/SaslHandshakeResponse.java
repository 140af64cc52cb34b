package dev.partita.protocol.message;

import java.util.List;
import java.util.Objects;

/** NONE if the mechanism is enabled, else UNSUPPORTED_SASL_MECHANISM; lists the enabled ones. */
public record SaslHandshakeResponse(Errors error, List<String> mechanisms) implements ApiResponse {

    public SaslHandshakeResponse {
        Objects.requireNonNull(error, "error");
        mechanisms = List.copyOf(mechanisms);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.SASL_HANDSHAKE; }
}
