package dev.partita.protocol.message;

import java.util.Objects;
import java.util.UUID;

/** Frees a client ID when its connection closes; only the connection that holds it can. */
public record ClientIdReleaseRequest(UUID connectionId, String clientId) implements ApiRequest {

    public ClientIdReleaseRequest {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(clientId, "clientId");
    }

    @Override
    public ApiKey apiKey() { return ApiKey.CLIENT_ID_RELEASE; }
}
