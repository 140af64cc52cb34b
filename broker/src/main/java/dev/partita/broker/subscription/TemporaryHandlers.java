package dev.partita.broker.subscription;

import dev.partita.broker.server.RequestContext;
import dev.partita.broker.server.RequestHandler;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.TemporaryCreateRequest;
import dev.partita.protocol.message.TemporaryCreateResponse;
import dev.partita.protocol.message.TemporaryDeleteRequest;
import dev.partita.protocol.message.TemporaryDeleteResponse;
import java.util.concurrent.CompletableFuture;

/** TEMPORARY_CREATE and TEMPORARY_DELETE, served by {@link TemporaryDestinations}. Stateless. */
final class TemporaryHandlers {

    private TemporaryHandlers() {
    }

    /** TEMPORARY_CREATE: answers the new destination's name (its queue subscription committed). */
    static final class Create extends RequestHandler<TemporaryCreateRequest> {

        private final TemporaryDestinations temporaries;

        Create(TemporaryDestinations temporaries) {
            super(ApiKey.TEMPORARY_CREATE, TemporaryCreateRequest.class);
            this.temporaries = temporaries;
        }

        @Override
        protected CompletableFuture<TemporaryCreateResponse> handle(RequestContext context, TemporaryCreateRequest request) {
            if (request.sequence() < 1) {
                return CompletableFuture.completedFuture(new TemporaryCreateResponse(Errors.INVALID_REQUEST,
                        "the sequence of a temporary destination is at least 1", null));
            }
            return temporaries.create(request.connectionId(), request.kind(), request.sequence()).handle((name, failure) ->
                    failure == null ? new TemporaryCreateResponse(Errors.NONE, null, name)
                            : new TemporaryCreateResponse(SubscriptionErrors.of(failure), SubscriptionErrors.message(failure), null));
        }
    }

    /** TEMPORARY_DELETE: answers once the tombstone is appended. */
    static final class Delete extends RequestHandler<TemporaryDeleteRequest> {

        private final TemporaryDestinations temporaries;

        Delete(TemporaryDestinations temporaries) {
            super(ApiKey.TEMPORARY_DELETE, TemporaryDeleteRequest.class);
            this.temporaries = temporaries;
        }

        @Override
        protected CompletableFuture<TemporaryDeleteResponse> handle(RequestContext context, TemporaryDeleteRequest request) {
            return temporaries.delete(request.connectionId(), request.name()).handle((done, failure) ->
                    failure == null ? new TemporaryDeleteResponse(Errors.NONE, null)
                            : new TemporaryDeleteResponse(SubscriptionErrors.of(failure), SubscriptionErrors.message(failure)));
        }
    }
}
