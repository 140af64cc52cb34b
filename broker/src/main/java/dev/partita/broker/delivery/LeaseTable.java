package dev.partita.broker.delivery;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The leader's lease deadline per connection: every heartbeat (or request) pushes it to
 * {@code now + leaseTimeoutMs}. Volatile leader state, never persisted: a new leader starts every
 * connection it hears of afresh, so a failover never expires a session early. Not thread-safe:
 * owned by its {@link DeliveryLeader}.
 */
final class LeaseTable {

    private final long leaseTimeoutMs;
    private final Map<ConnectionId, Long> deadlines = new HashMap<>();

    LeaseTable(long leaseTimeoutMs) {
        this.leaseTimeoutMs = leaseTimeoutMs;
    }

    void heartbeat(ConnectionId connection, long nowMs) {
        deadlines.merge(connection, nowMs + leaseTimeoutMs, Math::max);
    }

    /** The connection's deadline; one first seen now (e.g. by a new leader) gets a full lease. */
    long deadline(ConnectionId connection, long nowMs) {
        return deadlines.computeIfAbsent(connection, c -> nowMs + leaseTimeoutMs);
    }

    /**
     * Drops leases that ran out on connections owning no session, and returns the earliest
     * deadline still ahead ({@link Long#MAX_VALUE} if none).
     */
    long dropIdleAndNextDeadline(Set<ConnectionId> owningSessions, long nowMs) {
        deadlines.entrySet().removeIf(e -> !owningSessions.contains(e.getKey()) && e.getValue() <= nowMs);
        long next = Long.MAX_VALUE;
        for (long deadline : deadlines.values()) {
            if (deadline > nowMs) {
                next = Math.min(next, deadline);
            }
        }
        return next;
    }
}
