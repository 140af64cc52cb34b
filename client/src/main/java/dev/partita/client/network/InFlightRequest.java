package dev.partita.client.network;

import dev.partita.protocol.message.ApiRequest;
import dev.partita.protocol.message.ApiResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One request of a {@link BrokerConnection}, from {@code send} until its response, failure or
 * timeout. Confined to the connection's event loop.
 */
final class InFlightRequest {

    final ApiRequest request;
    final CompletableFuture<ApiResponse> future;
    /** Set when the request is written; -1 while it waits for the connection. */
    int correlationId = -1;
    short apiVersion;
    ScheduledFuture<?> timeout;

    InFlightRequest(ApiRequest request, CompletableFuture<ApiResponse> future) {
        this.request = request;
        this.future = future;
    }

    /** Completes with the response unless already done; cancels the timeout. */
    void complete(ApiResponse response) {
        cancelTimeout();
        future.complete(response);
    }

    void fail(Throwable cause) {
        cancelTimeout();
        future.completeExceptionally(cause);
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    @Override
    public String toString() {
        return request.apiKey() + "(correlationId=" + correlationId + ")";
    }
}
