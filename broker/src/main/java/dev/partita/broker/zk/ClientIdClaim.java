package dev.partita.broker.zk;

import dev.partita.broker.delivery.ConnectionId;
import java.util.Objects;

/** Who holds a client ID: the logical connection and the broker it was claimed through. Immutable. */
public record ClientIdClaim(String clientId, ConnectionId connection, int brokerId) {

    public ClientIdClaim {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(connection, "connection");
    }
}
