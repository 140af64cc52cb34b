package dev.partita.client.metadata;

import dev.partita.client.network.BrokerEndpoint;
import dev.partita.protocol.message.MetadataRequest;
import dev.partita.protocol.message.MetadataResponse;
import java.util.concurrent.CompletableFuture;

/**
 * How the {@link MetadataCache} asks a broker for metadata: over the network in production, from
 * scripted answers in tests.
 */
@FunctionalInterface
public interface MetadataFetcher {

    CompletableFuture<MetadataResponse> fetch(BrokerEndpoint broker, MetadataRequest request);
}
