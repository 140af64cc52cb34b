package dev.partita.client.producer;

import dev.partita.client.network.BrokerEndpoint;
import dev.partita.protocol.message.ProduceRequest;
import dev.partita.protocol.message.ProduceResponse;
import java.util.concurrent.CompletableFuture;

/** How the {@link Sender} delivers a produce request: the network client, or a script in tests. */
@FunctionalInterface
public interface ProduceTransport {

    CompletableFuture<ProduceResponse> send(BrokerEndpoint leader, ProduceRequest request);
}
