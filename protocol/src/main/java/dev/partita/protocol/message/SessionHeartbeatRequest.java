package dev.partita.protocol.message;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Keeps the lease of a logical connection alive, covering the listed sessions, on the broker it is
 * sent to (each partition leader decides expiry of what its sessions hold).
 */
public record SessionHeartbeatRequest(UUID connectionId, List<UUID> sessionIds) implements ApiRequest {

    public SessionHeartbeatRequest {
        Objects.requireNonNull(connectionId, "connectionId");
        sessionIds = List.copyOf(sessionIds);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.SESSION_HEARTBEAT; }
}
