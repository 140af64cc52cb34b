package dev.partita.protocol.message;

import java.util.Objects;
import java.util.UUID;

/**
 * Claims a JMS client ID for a logical connection (the id the client keeps across reconnects),
 * unique across the cluster. Claiming again an ID the connection holds succeeds.
 */
public record ClientIdClaimRequest(UUID connectionId, String clientId) implements ApiRequest {

    public ClientIdClaimRequest {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(clientId, "clientId");
    }

    @Override
    public ApiKey apiKey() { return ApiKey.CLIENT_ID_CLAIM; }
}
