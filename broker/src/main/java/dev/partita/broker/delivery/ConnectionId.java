package dev.partita.broker.delivery;

import java.util.UUID;

/**
 * A client connection's logical id: chosen by the client, kept across reconnects. Leases are per
 * connection: one heartbeat covers every session the connection owns. Immutable.
 */
public record ConnectionId(long high, long low) {

    public static ConnectionId of(UUID uuid) {
        return new ConnectionId(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }

    public UUID toUuid() {
        return new UUID(high, low);
    }

    @Override
    public String toString() {
        return "connection-" + toUuid();
    }
}
