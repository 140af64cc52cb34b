package dev.partita.client.metadata;

import dev.partita.client.network.BrokerEndpoint;

/** A live broker as metadata reports it: id, address and rack (nullable). Immutable. */
public record BrokerNode(int id, BrokerEndpoint endpoint, String rack) {
}
