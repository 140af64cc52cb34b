package dev.partita.broker.subscription;

import dev.partita.broker.delivery.ConnectionId;
import dev.partita.broker.server.RequestContext;
import dev.partita.broker.server.RequestHandler;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ClientIdClaimRequest;
import dev.partita.protocol.message.ClientIdClaimResponse;
import dev.partita.protocol.message.ClientIdReleaseRequest;
import dev.partita.protocol.message.ClientIdReleaseResponse;
import dev.partita.protocol.message.Errors;
import java.util.concurrent.CompletableFuture;

/** CLIENT_ID_CLAIM and CLIENT_ID_RELEASE through the cluster's client-ID registry. Stateless. */
final class ClientIdHandlers {

    private ClientIdHandlers() {
    }

    /** Claims a client ID for a logical connection: CLIENT_ID_IN_USE if another one holds it. */
    static final class Claim extends RequestHandler<ClientIdClaimRequest> {

        private final SubscriptionManager manager;
        private final Registries registries;

        Claim(SubscriptionManager manager, Registries registries) {
            super(ApiKey.CLIENT_ID_CLAIM, ClientIdClaimRequest.class);
            this.manager = manager;
            this.registries = registries;
        }

        @Override
        protected CompletableFuture<ClientIdClaimResponse> handle(RequestContext context, ClientIdClaimRequest request) {
            ConnectionId connection = ConnectionId.of(request.connectionId());
            manager.touch(connection);
            return registries.call(() -> registries.clientIds().claim(request.clientId(), connection, registries.brokerId()))
                    .handle((claim, failure) -> failure == null
                            ? new ClientIdClaimResponse(Errors.NONE, null)
                            : new ClientIdClaimResponse(error(failure), SubscriptionErrors.message(failure)));
        }
    }

    /** Frees a client ID the connection holds (released = false when it held none). */
    static final class Release extends RequestHandler<ClientIdReleaseRequest> {

        private final SubscriptionManager manager;
        private final Registries registries;

        Release(SubscriptionManager manager, Registries registries) {
            super(ApiKey.CLIENT_ID_RELEASE, ClientIdReleaseRequest.class);
            this.manager = manager;
            this.registries = registries;
        }

        @Override
        protected CompletableFuture<ClientIdReleaseResponse> handle(RequestContext context, ClientIdReleaseRequest request) {
            ConnectionId connection = ConnectionId.of(request.connectionId());
            manager.touch(connection);
            return registries.call(() -> registries.clientIds().release(request.clientId(), connection))
                    .handle((released, failure) -> failure == null
                            ? new ClientIdReleaseResponse(Errors.NONE, null, released)
                            : new ClientIdReleaseResponse(error(failure), SubscriptionErrors.message(failure), false));
        }
    }

    static Errors error(Throwable failure) {
        Throwable cause = SubscriptionErrors.unwrap(failure);
        return cause instanceof ApiException api ? api.error() : Errors.UNKNOWN_SERVER_ERROR;
    }
}
