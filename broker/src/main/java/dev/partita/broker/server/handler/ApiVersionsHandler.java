package dev.partita.broker.server.handler;

import dev.partita.broker.server.RequestContext;
import dev.partita.broker.server.RequestHandler;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ApiVersionsRequest;
import dev.partita.protocol.message.ApiVersionsResponse;
import java.util.concurrent.CompletableFuture;

/** Answers which APIs and versions this broker speaks; allowed before authentication. Stateless. */
public final class ApiVersionsHandler extends RequestHandler<ApiVersionsRequest> {

    private static final ApiVersionsResponse THIS_BUILD = ApiVersionsResponse.ofThisBuild();

    public ApiVersionsHandler() {
        super(ApiKey.API_VERSIONS, ApiVersionsRequest.class);
    }

    @Override
    protected CompletableFuture<ApiVersionsResponse> handle(RequestContext context, ApiVersionsRequest request) {
        return CompletableFuture.completedFuture(THIS_BUILD);
    }
}
