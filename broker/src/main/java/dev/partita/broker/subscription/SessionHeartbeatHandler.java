package dev.partita.broker.subscription;

import dev.partita.broker.delivery.ConnectionId;
import dev.partita.broker.delivery.SessionId;
import dev.partita.broker.server.RequestContext;
import dev.partita.broker.server.RequestHandler;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SessionHeartbeatRequest;
import dev.partita.protocol.message.SessionHeartbeatResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * SESSION_HEARTBEAT: renews the connection's lease on every partition this broker leads and lists
 * the named sessions whose lease expiry was committed here since the last heartbeat that reported
 * it (each expiry is reported once). Stateless.
 */
public final class SessionHeartbeatHandler extends RequestHandler<SessionHeartbeatRequest> {

    private final SubscriptionManager manager;

    public SessionHeartbeatHandler(SubscriptionManager manager) {
        super(ApiKey.SESSION_HEARTBEAT, SessionHeartbeatRequest.class);
        this.manager = manager;
    }

    @Override
    protected CompletableFuture<SessionHeartbeatResponse> handle(RequestContext context, SessionHeartbeatRequest request) {
        manager.touch(ConnectionId.of(request.connectionId()));
        List<UUID> expired = request.sessionIds().stream()
                .filter(id -> manager.takeLeaseExpired(SessionId.of(id))).toList();
        int lease = (int) Math.min(Integer.MAX_VALUE, manager.deliveryConfig().leaseTimeoutMs());
        return CompletableFuture.completedFuture(new SessionHeartbeatResponse(Errors.NONE, lease, expired));
    }
}
