package dev.partita.protocol.message;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code leaseTimeoutMs}: how long the lease lasts without a heartbeat; {@code expiredSessionIds}:
 * listed sessions whose lease already expired (their acquisitions are gone and their epochs
 * bumped: the client reports the loss and purges their prefetch).
 */
public record SessionHeartbeatResponse(Errors error, int leaseTimeoutMs, List<UUID> expiredSessionIds)
        implements ApiResponse {

    public SessionHeartbeatResponse {
        Objects.requireNonNull(error, "error");
        expiredSessionIds = List.copyOf(expiredSessionIds);
    }

    @Override
    public ApiKey apiKey() { return ApiKey.SESSION_HEARTBEAT; }
}
